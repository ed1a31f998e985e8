/** English, on request. Same keys as id.ts: the type below makes a missing one a compile error. */
import type { id } from './id';

type Catalogue = { [K in keyof typeof id]: (typeof id)[K] };

export const en: Catalogue = {
  'service.ktp': 'Identity card (KTP)',
  'service.kk': 'Family card (KK)',
  'service.nikah': 'Marriage introduction letter',
  'service.situ': 'Business location permit (SITU)',

  'requirement.pengantar_rt': 'Introduction letter from the RT chair',
  'requirement.kk_copy': 'Copy of the family card (KK)',
  'requirement.kk_old_copy': 'Copy of the old family card (KK)',
  'requirement.ktp_copy': 'Copy of the identity card (KTP)',
  'requirement.ktp_old_copy': 'Copy of the old identity card (KTP)',
  'requirement.surat_pindah': 'Moving certificate from the place of origin',
  'requirement.pas_photo': 'Passport photo',

  'standard.steps':
    '1. The RT chair writes the introduction letter.\n' +
    '2. You send photos of your documents in this chat.\n' +
    '3. Day 1: the office receives and archives them.\n' +
    '4. Day 2: the RT chair verifies your details.\n' +
    '5. Day 3: the office produces the documents.\n' +
    '6. You pick them up at the office or they come by courier.',
  'standard.time': (p: { days: number }) => `Time: at most ${p.days} working days.`,
  'standard.cost': 'Cost: free.',
  'standard.complaints': 'A complaint? Type "complaint". We answer every one.',
  'product.ktp':
    'From the kelurahan: we check your KTP application and hand it to Disdukcapil. We tell you the receipt number and the expected date.\n' +
    'Disdukcapil prints the electronic identity card. Once the card is back with us, we tell you to pick it up or have it delivered.',
  'product.kk':
    'From the kelurahan: we check your family card application and hand it to Disdukcapil. We tell you the receipt number and the expected date.\n' +
    'Disdukcapil prints the new family card. Once the card is back with us, we tell you to pick it up or have it delivered.',
  'product.nikah': 'Result: a marriage introduction letter from the kelurahan.',
  'product.situ': 'Result: a business location permit.',

  'state.draft': 'Not sent yet',
  'state.awaiting_pengantar': 'Waiting for the RT letter',
  'state.submitted': 'Received by the office',
  'state.verifying': 'Being checked by the RT chair',
  'state.neighbour_check': 'Asked to neighbours',
  'state.needs_revision': 'Needs a correction',
  'state.processing': 'Documents being made',
  'state.at_disdukcapil': 'Card being printed at Disdukcapil',
  'state.ready': 'Ready for pickup or delivery',
  'state.completed': 'Completed',
  'state.rejected': 'Rejected',
  'state.cancelled': 'Cancelled',
  'state.open': 'Complaint received',
  'state.answered': 'Complaint answered',
  'state.closed': 'Complaint closed',

  'day.of_three': (p: { day: number }) => `Day ${p.day} of 3`,
  'day.expected': (p: { date: string }) => `Done by ${p.date} at the latest.`,
  'day.late': (p: { date: string }) => `Sorry, this case is late. New expected date: ${p.date}.`,

  'nik.empty': 'The NIK is empty. Type the 16 digits from your KTP or KK.',
  'nik.not_digits': 'A NIK has only digits. Please try again.',
  'nik.wrong_length': (p: { got: number }) =>
    `A NIK has 16 digits. You sent ${p.got}. Please try again.`,
  'nik.unknown_province': (p: { province: string }) =>
    `That NIK is not right: it starts with ${p.province}, which is not a province code. Please compare it with the KTP or KK.`,
  'nik.bad_region': 'That NIK is not right: its first digits are not a region code. Please compare it with the KTP or KK.',
  'nik.bad_birth_date': 'That NIK is not right. Please compare each digit with the KTP or KK.',
  'nik.birth_in_future': 'The birth date in this NIK is in the future. Please check.',
  'nik.bad_serial': 'The last four digits of a NIK cannot be 0000. Please check.',

  'refusal.unknown_event': 'Unknown action.',
  'refusal.wrong_kind': 'This action does not apply to this case.',
  'refusal.not_allowed_in_state': 'This case has moved on. It can no longer be changed.',
  'refusal.actor_not_allowed': 'Sorry, you may not do this.',
  'refusal.documents_incomplete': 'Documents are incomplete.',
  'refusal.pengantar_already_approved': 'The introduction letter is already approved.',
  'refusal.pengantar_not_approved': 'The RT chair has not approved the introduction letter yet.',
  'refusal.reopen_window_closed': 'This complaint was answered more than 7 days ago and cannot be reopened. Type "complaint" to send a new one.',
};
