/** Corrections and the promised date, in English. Same keys as corrections.id.ts. */
import type { correctionsId } from './corrections.id';

export const correctionsEn: { [K in keyof typeof correctionsId]: (typeof correctionsId)[K] } = {
  'correction.asked': (p: { code: string; reason: string }) =>
    `Case ${p.code} needs the applicant's data corrected.\nRT chair: ${p.reason}\n` +
    'Type the correct full name (as on the KK), or the correct NIK (16 digits), in this chat. No photo is needed.',
  'correction.ask': (p: { code: string }) =>
    `Case ${p.code} is waiting for the applicant's data to be corrected.\nType the correct full name (as on the KK), or the correct NIK (16 digits).`,
  'correction.not_photo': "The applicant's data is corrected by typing it, not with a photo.",
  'correction.confirm': (p: { name: string | null; nik: string | null }) =>
    'The new data we will send to the RT chair:\n' +
    (p.name ? `Name: ${p.name}\n` : '') +
    (p.nik ? `NIK: ${p.nik}\n` : '') +
    'Is this right? If something is still wrong, type the correct name or NIK.',
  'correction.send': 'Send to the RT chair',
  'correction.sent': (p: { code: string }) => `Thank you. The corrected data of case ${p.code} has been sent to the RT chair to check again.`,
  'correction.to_chair': (p: { code: string; name: string | null; oldName: string; nik: string | null; you: string }) =>
    `Case ${p.code}: the applicant corrected their data.\n` +
    (p.name ? `Name now: ${p.name} (before: ${p.oldName}).\n` : '') +
    (p.nik ? `The NIK was changed, now: ${p.nik}.\n` : '') +
    'We will send you the case again to check.',

  'revision.days_paused': 'The three working days are paused. Once we receive the correction, they start again from the beginning.',
  'revision.days_restart': (p: { day2: string; day3: string }) =>
    `Because of the correction, the three working days start again from the beginning.\nThe RT chair checks it by ${p.day2} at the latest.\nDone by ${p.day3} at the latest.`,

  'promise.after_approval': 'Your case is done at most 3 working days after the RT chair approves the introduction letter. We send the exact date with that approval.',
  'promise.after_approval_short': 'Done at most 3 working days after the RT chair approves',
  'promise.holiday': (p: { dates: string }) => `The date is later because of holidays: ${p.dates}. The office is closed on those days.`,

  'promise.and': 'and',

  'notice.escalate_revision': 'The applicant has not sent the correction asked for, despite reminders.',
} satisfies Record<string, string | ((params: never) => string)>;
