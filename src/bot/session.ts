/**
 * One run of the dialogue for one inbound message: holds the state being changed, collects the
 * effects, and offers the few verbs every step uses (say, ask, goto, back).
 */
import type { Choice, OutboundMessage } from '../../adapters/channel';
import { choiceHint, t, type Locale, type MessageKey } from '../domain/messages';
import { localMoment } from '../domain/calendar';
import type { BotContext } from './context';
import type { Effect } from './effects';
import type { ConversationState, StepId } from './state';

type ParamsOf<K extends MessageKey> = Parameters<typeof t<K>> extends [Locale, K, ...infer P] ? P : never;

export class Session {
  readonly effects: Effect[] = [];
  /**
   * The button pressed no longer meant anything: the note a channel that shows presses says on
   * the button (Telegram), in the person's language.
   */
  pressRefused: string | null = null;
  private pending: string[] = [];

  constructor(
    readonly ctx: BotContext,
    public state: ConversationState,
    private readonly askStep: (s: Session, step: StepId) => void,
  ) {}

  get locale(): Locale {
    return this.ctx.person.locale;
  }

  set locale(locale: Locale) {
    this.ctx.person.locale = locale;
  }

  t<K extends MessageKey>(key: K, ...params: ParamsOf<K>): string {
    return (t as (l: Locale, k: K, ...p: unknown[]) => string)(this.locale, key, ...params);
  }

  /** A text in a locale other than the person's: for messages to someone else (an RT chair). */
  ctxText<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsOf<K>): string {
    return (t as (l: Locale, k: K, ...p: unknown[]) => string)(locale, key, ...params);
  }

  /** Queues a line; consecutive lines go out as one message, so the resident gets fewer pings. */
  say(text: string): void {
    this.pending.push(text);
  }

  /** Sends what was said with `choices`, remembered so that typing "2" or a label answers them. */
  ask(text: string, choices: Choice[] = []): void {
    this.pending.push(text);
    this.flush(choices);
    this.state.choices = choices;
  }

  /** Asks for the person's own number with the channel's share button (Telegram's reply keyboard). */
  askPhone(text: string, label: string): void {
    this.pending.push(text);
    this.reply({ kind: 'text', text: this.pending.join('\n\n'), askPhone: { label } });
    this.pending = [];
    this.state.choices = [];
  }

  /** Sends queued lines without choices. */
  flush(choices: Choice[] = []): void {
    if (this.pending.length === 0) return;
    const message: OutboundMessage = { kind: 'text', text: this.pending.join('\n\n') };
    if (choices.length) {
      message.choices = choices;
      message.hint = choiceHint(this.locale);
    }
    this.reply(message);
    this.pending = [];
  }

  reply(message: OutboundMessage, caseId?: string): void {
    this.effects.push({ type: 'send', to: { identityId: this.ctx.identity.id }, message, ...(caseId ? { caseId } : {}) });
  }

  effect(e: Effect): void {
    this.effects.push(e);
  }

  /** Moves on to `step` and asks its question; "kembali" returns here. */
  goto(step: StepId): void {
    if (this.state.step !== step && this.state.step !== 'idle') this.state.history.push(this.state.step);
    this.state.step = step;
    this.state.choices = [];
    this.askStep(this, step);
  }

  /** Asks the current step's question again (after a hint or an error). */
  reask(): void {
    this.state.choices = [];
    this.askStep(this, this.state.step);
  }

  /** Goes to a step that "kembali" must not undo (a case was created, say). */
  jump(step: StepId): void {
    this.state.history = [];
    this.state.step = step;
    this.state.choices = [];
    this.askStep(this, step);
  }

  back(): boolean {
    const previous = this.state.history.pop();
    if (!previous) return false;
    this.state.step = previous;
    this.state.choices = [];
    this.askStep(this, previous);
    return true;
  }

  /** Ends the flow: the next message starts from the menu. */
  finish(): void {
    this.flush();
    this.state = { step: 'idle', data: {}, history: [], choices: [] };
  }
}

/** The minute of the local day in the kelurahan's time zone, for greetings that follow the hour. */
export function localMinute(s: Session): number {
  return localMoment(s.ctx.now, s.ctx.calendar.utcOffsetMinutes).minuteOfDay;
}

/** How this kelurahan's residents reach its office, for every text that sends them there. */
export function office(s: Session): { officePhone: string | null; officeAddress: string } {
  return { officePhone: s.ctx.kelurahan.phone, officeAddress: s.ctx.kelurahan.address };
}
