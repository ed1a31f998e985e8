/** What Loket says in the chat, in English. Same keys as dialogue.id.ts. */
import { greeting } from './greeting';
import type { dialogueId } from './dialogue.id';
import { officeContactEn } from './menu.en';

const NAME_ALLOWED_EN = "A name may hold only letters, spaces, apostrophes ('), hyphens (-) and periods.";

export const dialogueEn: { [K in keyof typeof dialogueId]: (typeof dialogueId)[K] } = {
  'menu.welcome': (p: { kelurahan: string }) => `Welcome to the Loket of Kelurahan ${p.kelurahan}.\nWhat can we do for you?`,
  'menu.again': 'Anything else we can help with?',
  'menu.apply': 'Apply for a service',
  'menu.status': 'Check status',
  'menu.info': 'Service information',
  'menu.complaint': 'Complaint',
  'menu.cancel_case': 'Cancel a case',
  'menu.language': 'Bahasa / Language',
  'menu.help': 'Help',
  'hint.reply': 'Reply with the number, or type "help".',
  'hint.tap': 'Tap one of the choices, or type "help".',
  'hint.not_understood': 'Sorry, we did not understand.',
  'hint.stale_choice': 'That button is no longer valid.',
  'help.text': (p) =>
    'How to use Loket:\n' +
    '- Reply with the number of an option, or tap a button.\n' +
    '- Type "menu" to go back to the start.\n' +
    '- Type "back" for the previous question.\n' +
    '- Type "cancel" to stop.\n' +
    '- Type "status" to see your cases.\n' +
    `- Finding Loket hard? Ask a neighbour or the RT chair, or ${officeContactEn(p)}.`,
  'flow.cancelled': 'All right, stopped.',
  'unsupported.voice': (p) =>
    'Sorry, Loket cannot listen to voice messages yet.\nPlease type your message, or reply with the number of a choice.\n' +
    (p.chair === 'self'
      ? 'Hard to type? Ask a neighbour to type it for you.'
      : p.chair
        ? `Hard to type? Ask a neighbour, or the chair of RT ${p.chair.rt}, ${p.chair.name}, to type it for you.`
        : 'Hard to type? Ask a neighbour or your RT chair to type it for you.') +
    ` Or ${officeContactEn(p)}.\nType "menu" to start again.`,
  'unsupported.other': 'Sorry, Loket cannot read that kind of message yet.\nPlease type, or reply with a number. Type "menu" to start again.',
  'unsupported.media_here': 'No photo or file is needed now. Please answer the question above.',

  'info.which': 'Information about which service?',
  'info.requirements': 'Requirements:',
  'info.title': (p: { service: string }) => `Service: ${p.service}`,

  'apply.which': 'Which service?',
  'apply.for_whom': 'For yourself or for someone else?',
  'apply.self': 'Myself',
  'apply.other': 'Someone else',
  'apply.name': 'Full name as on the family card?',
  'apply.applicant_name': "The applicant's full name as on the family card?",
  'apply.nik': 'NIK (16 digits, on the KTP or KK)?',
  'apply.applicant_nik': "The applicant's NIK (16 digits, on the KTP or KK)?",
  'apply.applicant_phone': "The applicant's phone number? We ask them to confirm from their own phone.\nFor example: 0812 3456 7890.",
  'apply.no_phone': 'Has no phone',
  'apply.bad_phone': 'That phone number is not right. For example: 0812 3456 7890. Please try again.',
  'apply.rw': 'Which RW do they live in?',
  'apply.rt': (p: { rw: string }) => `RW ${p.rw}. Which RT?`,
  'apply.rt_label': (p: { rt: string; chair: string }) => `RT ${p.rt} (${p.chair})`,
  'apply.pengantar_sent': (p: { rt: string; rw: string; chair: string }) =>
    `We sent the request for the introduction letter to the chair of RT ${p.rt}/RW ${p.rw}, ${p.chair}.`,
  'apply.send_documents': 'Meanwhile, send photos of these documents one at a time:',
  'apply.doc_missing': 'missing',
  'apply.doc_received': 'received',
  'apply.send_now': (p: { document: string }) => `Now send the ${p.document}.`,
  'apply.doc_ok': (p: { document: string }) => `${p.document}: received, we are checking it.`,
  'apply.doc_next': (p: { document: string }) => `Now send the ${p.document}.`,
  'apply.docs_complete': 'All documents received.',
  'apply.need_photo': 'Please send a photo or PDF of the document.',
  'apply.bad_type': 'That is not a photo or a PDF, so we cannot accept it. Please send a photo of the document.',
  'apply.too_large': (p: { mb: number }) => `The file is too large. At most ${p.mb} MB. Please take the photo again.`,
  'apply.doc_checking': 'being checked',
  'apply.docs_uploaded': 'All documents are in and we are checking them.',
  'apply.docs_checking': (p: { documents: string }) =>
    `We are still checking: ${p.documents}.\nWe will write in this chat as soon as it is done. Then the application can be sent.`,
  'apply.docs_ready': (p: { service: string; name: string }) => `All documents for the ${p.service} of ${p.name} are checked and received.`,
  'apply.resume_hint': 'Type "continue" to finish the application.',
  'apply.nothing_to_resume': 'There is no application waiting to be continued.',
  'apply.doc_failed': (p: { document: string; problem: string }) =>
    `Sorry, the ${p.document} you sent ${p.problem}.\nPlease send the ${p.document} again in this chat. No need to start over.`,
  'complaint.photo_failed': (p: { problem: string }) => `Sorry, the complaint photo you sent ${p.problem}. We will handle the complaint without it.`,
  'doc_problem.bad_type': 'is not a photo or a PDF, so we cannot open it',
  'doc_problem.too_large': (p: { mb: number }) => `is too large (more than ${p.mb} MB). An ordinary photo from the phone camera is enough`,
  'doc_problem.damaged': 'was damaged while being sent, so we cannot open it',
  'doc_problem.empty': 'is empty',
  'doc_problem.gone': 'did not reach us',
  'doc_problem.unavailable': 'did not reach us, even after several tries',
  'complaint.photo_label': 'complaint photo',
  'apply.delivery': 'How do you want to receive the documents?',
  'apply.pickup': 'Pick up at the office',
  'apply.courier': 'By courier',
  'apply.address': 'Full delivery address? (street, house number, RT/RW)',
  'apply.address_too_short': 'That address is too short. Please give the street and house number.',
  'apply.summary': (p: { service: string; name: string; rt: string; rw: string; delivery: string }) =>
    `Summary: ${p.service} for ${p.name}, RT ${p.rt}/RW ${p.rw}, ${p.delivery}.`,
  'apply.summary_pickup': 'picked up at the office',
  'apply.summary_courier': (p: { address: string }) => `delivered to ${p.address}`,
  'apply.send': 'Send',
  'apply.change': 'Change',
  'apply.change_what': 'What do you want to change?',
  'apply.change_delivery': 'How to receive',
  'apply.change_document': 'Send a document again',
  'apply.which_document': 'Which document do you want to send again?',
  'apply.submitted': (p: { code: string }) => `Sent. Case number: ${p.code}.`,
  'apply.status_hint': 'Type "status" at any time to follow it.',
  'apply.confirm_request': (p: { helper: string; service: string; name: string; days: number }) =>
    `${p.helper} applied at Loket for ${p.service} for you, in the name of ${p.name}.\nDid you ask for this?\n` +
    `If not, choose "Not me": the application is cancelled and that number cannot apply for you for ${p.days} days.`,
  'apply.helper_number': (p: { number: string }) => `The owner of number ${p.number}`,
  'apply.helper_unknown': 'Someone whose number we do not know',
  'apply.confirm_yes': 'Yes, I did',
  'apply.confirm_no': 'Not me',
  'apply.confirm_asked': (p: { name: string }) => `We asked ${p.name} to confirm from their own phone.`,
  'apply.confirm_thanks': 'Thank you. The application is confirmed.',
  'apply.confirm_denied': 'All right. We cancelled that application.',
  'apply.helper_told_denied': (p: { name: string; code: string; days: number }) =>
    `${p.name} did not confirm case ${p.code}. It is cancelled.\nYou cannot apply for that number again for ${p.days} days.`,
  'apply.helper_told_confirmed': (p: { name: string; code: string }) => `${p.name} confirmed case ${p.code}.`,
  'rt.pengantar_card': (p) =>
    `Request for an introduction letter\n${p.name}, NIK ${p.nik}\nRT ${p.rt} / RW ${p.rw}, for: ${p.service}\n` +
    (p.business ? `Business name: ${p.business.name}\nKind of business: ${p.business.kind}\nBusiness address: ${p.business.address}\n` : '') +
    `Case number: ${p.code}`,

  'rt.approve': 'Approve',
  'rt.refuse': 'Refuse',
  'rt.valid': 'Valid',
  'rt.invalid': 'Not valid',
  'rt.ask_neighbours': 'Ask neighbours',
  'rt.approved_chair': (p: { name: string; code: string }) => `The introduction letter for case ${p.code} was made, sent to ${p.name}, and filed at the kelurahan.`,
  'rt.approved_making': (p: { chair: string; you: string; name: string }) =>
    `Thank you, ${p.chair}. You approved the request of ${p.name}. The introduction letter is being made; we will tell you once it has been sent.`,
  'rt.refuse_after_approval': (p) =>
    `${p.by === 'rt_chair' ? `You already approved the introduction letter for case ${p.code}` : p.by === 'staff' ? `The kelurahan office already approved the introduction letter for case ${p.code}` : `The introduction letter for case ${p.code} was already approved`}, so it can no longer be refused. ` +
    `If something is wrong, please ${officeContactEn(p)}; the staff can still reject the case.`,
  'rt.letter_failed': (p: { name: string; code: string }) =>
    `Sorry, Loket could not make the introduction letter for ${p.name} (case ${p.code}). Your approval is recorded, so there is no need to approve again. We told the kelurahan staff, who will prepare the letter.`,
  'rt.refuse_ask': 'Why do you refuse? Write briefly; we will pass it on to the applicant.',
  'rt.refused_chair': 'Refused. We told the applicant.',
  'rt.verify_card': (p: { code: string; service: string; name: string; nik: string; count: number }) =>
    `Please check case ${p.code}: ${p.service} for ${p.name}, NIK ${p.nik} (${p.count} documents).\nAre the details and documents right?`,
  'rt.valid_chair': (p: { code: string }) => `Thank you. Case ${p.code} is declared valid.`,
  'rt.invalid_which': 'Which document is not valid?',
  'rt.invalid_data': "The applicant's details",
  'rt.invalid_reason': 'What is wrong? Write briefly; we will pass it on to the applicant.',
  'rt.invalid_chair': (p: { document: string }) => `All right. We asked the applicant to correct: ${p.document}.`,
  'rt.neighbours_ask': (p: { name: string }) =>
    `Type the phone numbers of one or two neighbours who know ${p.name}, separated by a comma.\nFor example: 0812 3456 7890, 0813 9876 5432`,
  'rt.neighbours_bad': 'Those numbers are not right. Write one or two phone numbers separated by a comma.',
  'rt.neighbours_answered': (p: { code: string; lines: string }) => `Neighbours' answers for case ${p.code}:\n${p.lines}\nPlease decide.`,
  'rt.neighbour_yes': 'knows them',
  'rt.neighbour_no': 'does not know them',
  'rt.already_handled': (p: { code: string }) => `Case ${p.code} has already been handled. Thank you.`,
  'rt.linked': (p: { name: string; rt: string; rw: string }) => `Thank you, ${p.name}. This number is now linked as the chair of RT ${p.rt}/RW ${p.rw}.`,
  'rt.invite_invalid': (p) => `Unknown or used invitation code. For a new one, ${officeContactEn(p)}.`,
  'resident.pengantar_approved': (p: { code: string }) => `The RT chair approved the introduction letter for case ${p.code}.`,
  'resident.processing_starts': (p: { date: string }) => `The office has started on your case. Done by ${p.date} at the latest.`,
  'resident.letter_from_office': 'We could not send the letter itself by chat. The kelurahan staff will prepare it; there is nothing you need to do.',
  'resident.pengantar_refused': (p: { code: string; reason: string }) =>
    `The RT chair could not give the introduction letter for case ${p.code}.\nReason: ${p.reason}\nPlease contact the RT chair, or type "complaint".`,
  'resident.day2': (p: { code: string }) => `We have received and archived case ${p.code}. The RT chair now checks it. This is day 2 of 3.`,
  'resident.day3': (p: { code: string; date: string }) => `The RT chair has checked case ${p.code}. Day 3: the documents are being made. Done by ${p.date} at the latest.`,
  'resident.revision': (p: { code: string; reason: string; document: string }) =>
    `Case ${p.code} needs a correction.\nRT chair: ${p.reason}\nPlease send a new ${p.document} in this chat.`,
  'resident.revision_received': (p: { code: string; document: string }) => `Thank you, ${p.document} received; we are checking it. Then the RT chair checks case ${p.code} again.`,
  'neighbour.question': (p: { rt: string; rw: string; name: string; minuteOfDay: number }) =>
    `${greeting('en', p.minuteOfDay)}. The chair of RT ${p.rt} asks for your help:\ndo you know ${p.name}, who lives in RT ${p.rt}/RW ${p.rw}?`,
  'neighbour.yes': 'Yes, I know them',
  'neighbour.no': 'I do not know them',
  'neighbour.thanks': 'Thank you for your answer.',
  'letter.caption': (p: { code: string }) => `The RT introduction letter for case ${p.code}. The letter carries a code to check it is genuine.`,
  'letter.revoked_rejected': 'The case was rejected.',
  'letter.revoked_cancelled': 'The case was cancelled.',
  'letter.revoked_abandoned': 'The case was not continued.',

  'notice.remind_pengantar': (p: { chair: string; you: string; name: string; code: string }) =>
    `Reminder for ${p.chair}: the request for an introduction letter for ${p.name} (${p.code}) is still waiting for your answer.`,
  'notice.remind_verification': (p: { chair: string; you: string; code: string }) => `Reminder for ${p.chair}: case ${p.code} is still waiting for your check.`,
  'notice.remind_revision': (p: { code: string }) => `Reminder: case ${p.code} is waiting for your correction. Send the photo in this chat.`,
  'notice.draft_abandoned': (p: { code: string }) => `We closed case ${p.code} because it was not continued for 7 days. Type "menu" to start again.`,
  'notice.escalate': (p: { code: string; what: string }) => `Needs attention: case ${p.code}. ${p.what}`,
  'notice.escalate_pengantar': (p: { rt: string; rw: string }) => `The chair of RT ${p.rt}/RW ${p.rw} has not answered the request for an introduction letter.`,
  'notice.escalate_verification': 'The day-2 check by the RT chair is late.',
  'notice.escalate_late': 'The three working days have passed.',
  'notice.escalate_late_days': (p: { days: number }) => `${p.days} working day(s) past the three-day promise, and the documents are not ready.`,
  'notice.escalate_complaint': 'The complaint has not been answered in time.',
  'notice.escalate_disdukcapil': 'The card has not come back from Disdukcapil by the expected date.',
  'notice.letter_failed': (p: { number: string; rt: string; rw: string }) =>
    `Introduction letter ${p.number} (RT ${p.rt}/RW ${p.rw}) could not be made by the system and was sent to nobody; its check code is not valid. Please prepare the letter by hand. We told the RT chair and the applicant that it will come from the office.`,
  'notice.output_letter_failed': (p: { number: string }) =>
    `The kelurahan's letter ${p.number} could not be made by the system; its check code is not valid. Make the letter again on the staff desk, or upload one prepared by hand. The resident has not been told anything.`,
  'digest.rt': (p: { chair: string; you: string; count: number; lines: string }) =>
    `Good morning, ${p.chair}. ${p.count} case(s) are waiting for you:\n${p.lines}\nType "rt" to see and answer them.`,
  'digest.rt_pengantar': 'introduction letter',
  'digest.rt_verify': 'day-2 check',
  'digest.staff': (p: { due: number; late: number; lines: string }) => `Loket morning summary: ${p.due} case(s) due today, ${p.late} late.${p.lines ? `\n${p.lines}` : ''}`,

  'invite.throttled': (p) => `Too many wrong codes from this number. Try again in an hour. For a new code, ${officeContactEn(p)}.`,
  'invite.linked': (p: { name: string }) => `Thank you, ${p.name}. This number is now linked to Loket.`,
  'invite.staff_linked': (p: { name: string; kelurahan: string }) =>
    `Thank you, ${p.name}. This chat is now linked to your Loket staff account. From now on, escalations and the morning summary of Kelurahan ${p.kelurahan} come here.`,
  'notice.undeliverable': (p: { name: string; code: string | null; app: string }) =>
    `Loket's message to ${p.name}${p.code ? ` (case ${p.code})` : ''} did not reach their ${p.app}. Please tell them in person.`,
  'notice.not_delivered': (p: { kind: 'text' | 'document' | 'image'; to: string; code: string | null; since: string; days: number }) =>
    `A ${{ text: 'message', document: 'document', image: 'picture' }[p.kind]} from Loket to number ${p.to}${p.code ? ` (case ${p.code})` : ''} could not be delivered, although Loket kept trying for ${p.days} days since ${p.since}.\nPlease let them know in person, and ask them to type "status" in their Loket chat.`,
  'status.none': 'There are no cases in your name yet.',
  'status.title': 'Your cases:',
  'status.line': (p: { code: string; service: string; name: string; state: string }) =>
    `${p.code} - ${p.service} (${p.name})\n   ${p.state}`,
  'status.for_other': (p: { name: string }) => `submitted for ${p.name}`,

  'cancel.which': 'Which case do you want to cancel?',
  'cancel.none': 'No case can be cancelled now. Cases on day 3 are already being made.',
  'cancel.confirm': (p: { code: string }) => `Cancel case ${p.code}?`,
  'cancel.yes': 'Yes, cancel',
  'cancel.no': 'Keep it',
  'cancel.done': (p: { code: string }) => `Case ${p.code} is cancelled.`,
  'cancel.too_late': 'This case is already being made and can no longer be cancelled.',
  'cancel.chair_told': (p: { code: string; name: string; you: string }) => `Case ${p.code} (${p.name}) has been cancelled. You need not answer it any more. Thank you.`,
  'cancel.helper_told': (p: { code: string; name: string }) => `Case ${p.code} for ${p.name} has been cancelled by the applicant.`,
  'cancel.applicant_told': (p: { code: string; helper: string }) => `Case ${p.code} in your name has been cancelled by the owner of ${p.helper}, who filed it.`,

  'complaint.ask': 'Please write your complaint.',
  'complaint.too_short': 'That is too short. Please tell us a little more.',
  'complaint.photo': 'A supporting photo? Send it, or tap "Skip".',
  'complaint.skip': 'Skip',
  'complaint.about': 'Which case is this complaint about?',
  'complaint.not_about_case': 'Not about a case',
  'complaint.received': (p: { code: string; date: string }) =>
    `Complaint received. Number: ${p.code}.\nWe will answer by ${p.date} at the latest.`,
  'complaint.reopen_too_late': (p) =>
    `Complaint ${p.code} can no longer be reopened: it was answered more than ${p.days} days ago.\n` +
    'If there is still a problem, please file a new complaint: choose "Complaint" in the menu.',
  'complaint.still_open': (p) => `We are still working on complaint ${p.code}. We will answer by ${p.date} at the latest.`,

  'language.which': 'Pilih bahasa / Choose a language:',
  'language.set': 'All right, we will use English.',

  // The name rule (src/domain/person-name.ts): say exactly what is wrong, then what a name may hold.
  'name.invisible': `That name holds invisible characters, perhaps copied along. ${NAME_ALLOWED_EN} Please type the name again instead of pasting it.`,
  'name.link': `A name cannot hold a web address or link. ${NAME_ALLOWED_EN}`,
  'name.dot_space': `Put a space after a period, as on the KK (for example: Moh. Rizal). A name cannot hold a web address. ${NAME_ALLOWED_EN}`,
  'name.digits': `A name cannot hold digits. ${NAME_ALLOWED_EN}`,
  'name.symbol': `A name cannot hold emoji or signs such as @, #, /, : or !. ${NAME_ALLOWED_EN}`,
  'name.script': `Please write the name in Latin letters (A to Z, accents such as é are fine), as on the family card. ${NAME_ALLOWED_EN}`,
  'name.no_letters': `A name must hold letters. ${NAME_ALLOWED_EN}`,
  'name.too_short': (p: { min: number }) => `That name is too short: at least ${p.min} letters. Please write the full name as on the family card.`,
  'name.too_long': (p: { max: number; got: number }) =>
    `That name is too long: at most ${p.max} letters, you sent ${p.got}. Please write the name as on the family card.`,

  // Limits on applying for someone else (src/domain/helper-limits.ts): why, and what to do instead.
  'limit.daily': (p: { limit: number }) =>
    `You have already applied for ${p.limit} other people today. That is the daily limit, so that the kelurahan's number is not used to bother people.\n` +
    'Please apply again tomorrow, or ask the person to apply from their own phone. Applying for yourself still works.',
  'limit.own_number': 'That is your own number. Write the applicant\'s number, or choose "Has no phone" if they have none.',
  'limit.request_open': (p: { number: string; code: string }) =>
    `We are still waiting for the owner of ${p.number} to answer your earlier application (case ${p.code}). ` +
    'Until they answer, we do not send that number a second request.\n' +
    'Wait for their answer, or cancel that case with "Cancel a case" in the menu and apply again.',
  'limit.denied': (p) =>
    `The owner of ${p.number} answered that they did not ask you to apply for them. ` +
    `So you cannot apply for that number until ${p.date}.\n` +
    `Ask them to apply from their own phone, or come to the kelurahan office at ${p.officeAddress} together.`,
};
