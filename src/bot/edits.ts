/**
 * Edited messages (Telegram lets people change what they sent). Loket answers each message once,
 * so an edit is normally not read: the person is told to send it again. One edit is worth
 * reading: of the person's latest message, when that message was refused and its question is
 * still open (a NIK with a digit missing, corrected in place); then it is the answer, as if sent
 * anew. Anything else would act on a conversation that has moved on since.
 */
import type { Effect } from './effects';
import type { ConversationState } from './state';

/** Whether an edit of the message `editOf` is taken as a new answer to the open question. */
export function editIsAnswer(state: ConversationState, editOf: string): boolean {
  return state.last?.ref === editOf && state.last.stood;
}

/**
 * Whether a message left its question standing: the same step, nothing remembered, and nothing
 * done but words back to the sender (a refusal and the question again). `identityId`: the sender's.
 */
export function questionStood(before: ConversationState, after: ConversationState, effects: Effect[], identityId: string): boolean {
  if (after.step === 'idle' || after.step !== before.step) return false;
  if (JSON.stringify(after.data) !== JSON.stringify(before.data)) return false;
  return effects.every((e) => e.type === 'throttle_hit' || (e.type === 'send' && 'identityId' in e.to && e.to.identityId === identityId));
}
