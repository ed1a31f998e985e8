/** The resident's menu around the application, in English. Same keys as menu.id.ts. */
import type { menuId, OfficeParams } from './menu.id';

/** "call the kelurahan office on 0711-555-0123", to go inside a sentence. */
export const officeContactEn = (p: OfficeParams) =>
  p.officePhone ? `call the kelurahan office on ${p.officePhone}` : `come to the kelurahan office at ${p.officeAddress}`;

export const menuEn: { [K in keyof typeof menuId]: (typeof menuId)[K] } = {
  'choice.service.ktp': 'Identity card (KTP)',
  'choice.service.kk': 'Family card (KK)',
  'choice.service.nikah': 'Marriage letter',
  'choice.service.situ': 'Business permit (SITU)',
  'menu.resume': 'Continue application',
  'menu.draft_open': (p: { service: string; name: string; missing: string | null }) =>
    `The ${p.service} application for ${p.name} is not finished. ` +
    (p.missing ? `Still missing: ${p.missing}.` : 'Its documents are complete; it only needs sending.') +
    '\nType "continue" to carry on.',

  'status.draft_missing': (p: { documents: string }) => `Still missing: ${p.documents}. Type "continue", then send the photos one by one.`,
  'status.draft_checking': 'All documents are in and we are checking them. Type "continue" to choose how to get the document.',
  'status.draft_unsent': 'The documents are complete, but the application has not been sent. Type "continue" to send it.',
  'resume.offer': (p: { service: string; name: string }) => `Continue the ${p.service} application for ${p.name} now?`,
  'resume.yes': 'Yes, continue',
  'resume.later': 'Later',
  'resume.later_ok': 'All right. Type "continue" any time to carry on.',

  'complaint.case_label': (p: { service: string; date: string; code: string; name: string | null }) =>
    `${p.service}${p.name ? ` for ${p.name}` : ''}, ${p.date} (${p.code})`,
};
