/** English, on request. Same keys and parameters as desk.id.ts: the type makes a missing one a compile error. */
import type { LocalDate } from '../calendar';
import { formatPickupCode } from '../pickup-code';
import type { RequirementId, ServiceId } from '../services';
import { formatLongDate } from './dates';
import type { ChairDecision, deskId } from './desk.id';
import { en } from './en';

const service = (s: ServiceId) => en[`service.${s}`];
const documentName = (r: RequirementId | null) => (r ? en[`requirement.${r}`] : "the applicant's details");
const date = (d: LocalDate) => formatLongDate('en', d);
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const CHAIR_DECISION: Record<ChairDecision, string> = {
  approve_pengantar: 'introduction letter approved',
  refuse_pengantar: 'introduction letter refused',
  verify_valid: 'details found valid',
  verify_invalid: 'applicant asked to correct a document',
};

export const deskEn: { [K in keyof typeof deskId]: (typeof deskId)[K] } = {
  'desk.resend': (p) =>
    `Case ${p.code}: the kelurahan office asks you to send ${documentName(p.document)} again.\n` +
    `Note from the office: ${p.note}\nPlease send the photo or PDF in this chat.`,
  'desk.pengantar_approved': (p) =>
    `The kelurahan office approved the introduction letter for case ${p.code}, in place of the RT chair.\nReason: ${p.reason}` +
    (p.date ? `\nYour case is now being processed. Done by ${date(p.date)} at the latest.` : ''),
  'desk.pengantar_refused': (p) =>
    `The kelurahan office did not approve the introduction letter for case ${p.code}. The case stops here.\n` +
    `Reason: ${p.reason}\nQuestions? Type "complaint".`,
  'desk.verified_valid': (p) =>
    `The kelurahan office checked case ${p.code} in place of the RT chair. Your details are valid.\n` +
    `Note: ${p.reason}\nDay 3: your documents are being made. Done by ${date(p.date)} at the latest.`,
  'desk.verified_invalid': (p) =>
    (p.document
      ? `Case ${p.code} needs a correction.\nKelurahan office: ${p.reason}\nPlease send a new ${documentName(p.document)} in this chat.`
      : `Case ${p.code} needs the applicant's data corrected.\nKelurahan office: ${p.reason}\n` +
        'Type the correct full name (as on the KK), or the correct NIK (16 digits), in this chat. No photo is needed.') +
    '\nThe three working days are paused. Once we receive the correction, they start again from the beginning.',
  'desk.chair_told': (p) =>
    `Case ${p.code} was decided by the kelurahan office: ${CHAIR_DECISION[p.decision]}. You need not answer any more. Thank you.`,
  'desk.disdukcapil_handed': (p) =>
    `Case ${p.code}: we handed your details to Disdukcapil, which prints the ${service(p.service)}.\n` +
    `Disdukcapil reference: ${p.reference}\nExpected ready: ${date(p.date)}. This date is Disdukcapil's and replaces the date we promised before.\nWe will tell you when it is ready.`,
  'desk.disdukcapil_moved': (p) =>
    `Case ${p.code}: Disdukcapil gave a new date.\n${service(p.service)} expected ready: ${date(p.date)}.\nDisdukcapil reference: ${p.reference}`,
  'desk.ready_pickup': (p) =>
    `Your ${service(p.service)} is ready for pickup (case ${p.code}).\n` +
    `Pickup code: ${formatPickupCode(p.pickupCode)}\n` +
    'Show this code to the staff. Do not give it to anyone, except the person you ask to collect it.\n' +
    `Where: Kelurahan ${p.kelurahan} office, ${p.address}.\n` +
    `Opening hours: Monday to Friday, ${clock(p.opensAtMinute)} to ${clock(p.closesAtMinute)}, except public holidays.`,
  'desk.new_pickup_code': (p) => `New pickup code for case ${p.code}: ${formatPickupCode(p.pickupCode)}\nThe old code no longer works.`,
  'desk.courier': (p) =>
    `Your ${service(p.service)} (case ${p.code}) is on its way with our courier, ${p.courier}.\nPlease make sure someone is home to receive it.`,
  'desk.completed': (p) =>
    `Case ${p.code} is complete. Your ${service(p.service)} has been handed over.\nThank you for using Loket of Kelurahan ${p.kelurahan}.`,
  'desk.rejected': (p) => `Sorry, case ${p.code} was rejected by the kelurahan office.\nReason: ${p.reason}\nQuestions? Type "complaint".`,
  'desk.cancelled': (p) => `Case ${p.code} was cancelled by the kelurahan office.\nReason: ${p.reason}\nType "menu" to apply again.`,
  'desk.letter_revoked': (p) =>
    `Letter number ${p.number} (case ${p.code}) was revoked by the kelurahan office. It is no longer valid.\nReason: ${p.reason}`,
  'letter.revoked_by_office': 'The letter was revoked by the kelurahan office.',
  'desk.reply': (p) => `Message from the kelurahan office about case ${p.code}:\n${p.text}`,
  'desk.complaint_answered': (p) =>
    `The kelurahan office's answer to complaint ${p.code}:\n${p.answer}\n\n` +
    `Not satisfied? Press "Reopen" within ${p.days} days.\nAll settled? Press "Done".`,
  'desk.complaint_reopen': 'Reopen',
  'desk.complaint_done': 'Done',
  'desk.complaint_closed': (p) => `Complaint ${p.code} is closed. Thank you for your feedback.`,
  'desk.complaint_reopened': (p) => `Complaint ${p.code} is open again. We will answer by ${date(p.date)} at the latest.`,

  'desk.refusal.stale': 'This case changed since the page was opened. Reload the page and try again.',
  'desk.refusal.text_required': 'A reason or message is required.',
  'desk.refusal.text_too_long': (p) => `The text is too long: at most ${p.max} characters.`,
  'desk.refusal.requirement_unknown': 'Choose a document this service actually requires.',
  'desk.refusal.courier_name_invalid': "The courier's name is not valid. Write a person's name only, with no digits or signs.",
  'desk.refusal.receiver_name_invalid': "The receiver's name is not valid. Write a person's name only, with no digits or signs.",
  'desk.refusal.proof_required': "Write the receiver's name, or upload a photo of the hand-over.",
  'desk.refusal.reference_invalid': 'The Disdukcapil reference is required: capital letters, digits, slash (/) and hyphen (-), at most 40.',
  'desk.refusal.date_invalid': 'Unknown date. Pick one from the calendar.',
  'desk.refusal.date_past': 'That date has passed. Pick today or later.',
  'desk.refusal.date_not_working_day': 'That date is not a working day. Pick a working day.',
  'desk.refusal.not_disdukcapil_service': 'Only KTP and KK are printed by Disdukcapil.',
  'desk.refusal.disdukcapil_first': 'KTP and KK are printed by Disdukcapil. Record the hand-off to Disdukcapil first.',
  'desk.refusal.output_not_for_service': 'That output does not fit the service of this case.',
  'desk.refusal.pickup_code_missing': 'Ask the resident for the 6-digit pickup code and type it here.',
  'desk.refusal.pickup_code_wrong': (p) => `Wrong pickup code. Tries left: ${p.left}.`,
  'desk.refusal.pickup_code_locked': 'The pickup code was wrong too many times. Send the resident a new code, then try again.',
  'desk.refusal.not_pickup': 'This case goes by courier, with no pickup code.',
  'desk.refusal.letter_unknown': 'That letter is not on this case.',
  'desk.refusal.letter_already_revoked': 'This letter is already revoked.',
};
