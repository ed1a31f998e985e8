/** What Loket says in the chat, in English. Same keys as dialogue.id.ts. */
import type { dialogueId } from './dialogue.id';

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
  'hint.reply_or_tap': 'Reply with the number or tap a button.',
  'hint.not_understood': 'Sorry, we did not understand.',
  'hint.stale_choice': 'That button is no longer valid.',
  'help.text':
    'How to use Loket:\n' +
    '- Reply with the number of an option, or tap a button.\n' +
    '- Type "menu" to go back to the start.\n' +
    '- Type "back" for the previous question.\n' +
    '- Type "cancel" to stop.\n' +
    '- Type "status" to see your cases.',
  'flow.cancelled': 'All right, stopped.',
  'unsupported.voice': 'Sorry, Loket cannot listen to voice messages yet.\nPlease type, or reply with a number. Type "menu" to start again.',
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
  'apply.name_too_short': 'That name is too short. Please write the full name.',
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
  'apply.send_now': (p: { document: string }) => `Send a photo of the ${p.document} now.`,
  'apply.doc_ok': (p: { document: string }) => `${p.document}: received.`,
  'apply.doc_next': (p: { document: string }) => `Next: a photo of the ${p.document}.`,
  'apply.docs_complete': 'All documents received.',
  'apply.need_photo': 'Please send a photo or PDF of the document.',
  'apply.bad_type': 'We cannot accept that file. Please send a photo (JPG or PNG) or a PDF.',
  'apply.too_large': (p: { mb: number }) => `The file is too large. At most ${p.mb} MB. Please take the photo again.`,
  'apply.doc_rejected': (p: { document: string }) =>
    `Sorry, we cannot use the file for ${p.document} (not a JPG/PNG photo or PDF, too large, or damaged).\nPlease send the photo again.`,
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
  'apply.waiting_pengantar': 'The office starts once the RT chair approves the introduction letter.',
  'apply.status_hint': 'Type "status" at any time to follow it.',
  'apply.confirm_request': (p: { helper: string; service: string; name: string }) =>
    `${p.helper} applied for ${p.service} for you, in the name of ${p.name}.\nDid you ask for this?`,
  'apply.confirm_yes': 'Yes, I did',
  'apply.confirm_no': 'No',
  'apply.confirm_asked': (p: { name: string }) => `We asked ${p.name} to confirm from their own phone.`,
  'apply.confirm_thanks': 'Thank you. The application is confirmed.',
  'apply.confirm_denied': 'All right. We cancelled that application.',
  'apply.helper_told_denied': (p: { name: string; code: string }) => `${p.name} did not confirm case ${p.code}. It is cancelled.`,
  'apply.helper_told_confirmed': (p: { name: string; code: string }) => `${p.name} confirmed case ${p.code}.`,
  'rt.pengantar_card': (p: { name: string; nik: string; rt: string; rw: string; service: string; code: string }) =>
    `Request for an introduction letter\n${p.name}, NIK ${p.nik}\nRT ${p.rt} / RW ${p.rw}, for: ${p.service}\nCase number: ${p.code}`,

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

  'complaint.ask': 'Please write your complaint.',
  'complaint.too_short': 'That is too short. Please tell us a little more.',
  'complaint.photo': 'A supporting photo? Send it, or tap "Skip".',
  'complaint.skip': 'Skip',
  'complaint.about': 'Which case is this complaint about?',
  'complaint.not_about_case': 'Not about a case',
  'complaint.received': (p: { code: string; date: string }) =>
    `Complaint received. Number: ${p.code}.\nWe will answer by ${p.date} at the latest.`,

  'language.which': 'Pilih bahasa / Choose a language:',
  'language.set': 'All right, we will use English.',
};
