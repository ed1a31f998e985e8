/** A case that missed its promised date, told to the resident, in English. Same keys as late.id.ts. */
import type { lateId } from './late.id';
import { officeContactEn } from './menu.en';

export const lateEn: { [K in keyof typeof lateId]: (typeof lateId)[K] } = {
  'resident.late': (p) =>
    `Sorry, the documents for case ${p.code} were not ready on ${p.date}, as we promised.\n` +
    'The delay is on the kelurahan office, not on you. You do not need to send anything.\n' +
    'The staff have been told and are finishing it. We will write in this chat as soon as the documents are ready.\n' +
    `Questions? Please ${officeContactEn(p)}.`,
};
