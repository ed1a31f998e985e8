/** A step of the dialogue: the question it asks, and what it does with an answer. */
import type { InboundMedia } from '../../../adapters/channel';
import type { Session } from '../session';

export type Answer =
  | { kind: 'text'; text: string }
  | { kind: 'choice'; id: string }
  | { kind: 'media'; media: InboundMedia };

export interface Step {
  ask(s: Session): void;
  /** Returns false when the answer was not understood; the dialogue then hints and asks again. */
  answer(s: Session, answer: Answer): boolean;
}

/** The choice id an answer carries, if it is a choice. */
export function chosen(answer: Answer): string | null {
  return answer.kind === 'choice' ? answer.id : null;
}
