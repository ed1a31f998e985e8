/** A resident sharing their number once (Telegram), in English. Same keys as identity.id.ts. */
import type { identityId } from './identity.id';

export const identityEn: { [K in keyof typeof identityId]: (typeof identityId)[K] } = {
  'identity.share_ask':
    'Before we go on, please send your phone number once with the button below. The RT chair and neighbours know residents by their number. We use it only for your applications.',
  'identity.share_button': 'Send my phone number',
  'identity.typed_not_proof':
    'We cannot tell that a typed number is yours. Please press "Send my phone number" below. Telegram then sends your account\'s number.',
  'identity.not_own': 'That is someone else\'s contact. We need your own number: please press "Send my phone number" below.',
  'identity.thanks': 'Thank you, we have saved your number.',
  'identity.known': 'Loket already has your number.',
};
