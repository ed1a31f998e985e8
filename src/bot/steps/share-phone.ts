/**
 * A resident on a channel that does not tell Loket their number (Telegram) shares it once, with
 * the channel's own button, before applying: RT chairs and neighbours know people by number, and
 * a helper's request must reach them by it. A typed number proves nothing and is not taken.
 */
import type { ChannelName } from '../../../adapters/channel';
import { normalizePhone } from '../../domain/phone';
import type { Session } from '../session';
import type { Step } from './step';

/** Channels whose chats are phone numbers; a Telegram chat id is none, whatever its digits. */
const knowsPhone = (channel: ChannelName): boolean => channel !== 'telegram';

/** Where a phone number can be written to: Telegram cannot address a phone, WhatsApp can. */
export function phoneChannel(channel: ChannelName): ChannelName {
  return knowsPhone(channel) ? channel : 'whatsapp';
}

/** Whether this person must share their number before applying. */
export function needsPhone(s: Session): boolean {
  return !knowsPhone(s.ctx.channel) && !s.ctx.person.phone;
}

export const applySharePhone: Step = {
  ask(s) {
    s.askPhone(s.t('identity.share_ask'), s.t('identity.share_button'));
  },
  answer(s, answer) {
    if (answer.kind === 'text' && normalizePhone(answer.text)) {
      s.say(s.t('identity.typed_not_proof'));
      s.reask();
      return true;
    }
    return false;
  },
};

/**
 * The number the sender's channel proved is theirs: kept once (or their chat joins the person it
 * already reaches), the button is taken away, and an application that waited on it goes on with
 * the applicant's name. Returns false when nothing waited on it: the dialogue says what is open.
 */
export function sharedPhone(s: Session, phone: string): boolean {
  s.flush();
  if (s.ctx.person.phone) {
    s.reply({ kind: 'text', text: s.t('identity.known'), removeKeyboard: true });
  } else {
    s.effect({ type: 'share_phone', phone, channel: phoneChannel(s.ctx.channel) });
    s.reply({ kind: 'text', text: s.t('identity.thanks'), removeKeyboard: true });
  }
  if (s.state.step !== 'apply.share_phone') return false;
  // "kembali" from the name returns to "for whom", not to this question.
  s.state.step = 'apply.name';
  s.reask();
  return true;
}
