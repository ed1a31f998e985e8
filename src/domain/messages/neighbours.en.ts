/** Neighbours asked about an applicant, and the RT chair hearing of them, in English. Same keys as neighbours.id.ts. */
import { clock, type neighboursId } from './neighbours.id';

export const neighboursEn: { [K in keyof typeof neighboursId]: (typeof neighboursId)[K] } = {
  'neighbours.refused_applicant': (p: { who: string }) => `${p.who} is the applicant's own number. The applicant cannot vouch for themselves.`,
  'neighbours.refused_helper': (p: { who: string }) => `${p.who} is the number of the person who applied for them. Please ask another neighbour.`,
  'neighbours.refused_chair': (p: { who: string; you: string }) => `${p.who} is your own number. Please ask another neighbour.`,
  'neighbours.sent': (p: { count: number; date: string; minuteOfDay: number; you: string }) =>
    `We asked ${p.count} neighbour(s). We pass each answer on to you as it comes.\n` +
    `If nobody has answered by ${clock(p.minuteOfDay, ':')} on ${p.date}, we will tell you. You may decide without waiting for them.`,
  'neighbours.invited': (p: { who: string }) =>
    `${p.who} has not used Loket before. We send them an official WhatsApp message from the kelurahan. The question appears once they reply.`,
  'neighbours.answer_in': (p: { code: string; who: string; answer: string; name: string }) => `Neighbour ${p.who} answered about ${p.name} (case ${p.code}): ${p.answer}.`,
  'neighbours.still_waiting': (p: { count: number; you: string }) => `Still waiting for ${p.count} more neighbour(s). You may also decide now.`,
  'neighbours.line': (p: { who: string; answer: string }) => `${p.who}: ${p.answer}`,
  'neighbours.not_yet': 'no answer yet',
  'neighbours.card': (p: { code: string; service: string; name: string; nik: string; lines: string; you: string }) =>
    `Case ${p.code}: ${p.service} for ${p.name}, NIK ${p.nik}.\nNeighbours are being asked:\n${p.lines}\nYou may decide now, or wait for their answers.`,
  'neighbours.silent': (p: { code: string; name: string; lines: string; you: string }) =>
    `No neighbour has answered about ${p.name} (case ${p.code}) so far:\n${p.lines}\nYou can decide yourself now, without waiting for them.`,
  'neighbours.case_cancelled': 'Thank you. That application was cancelled, so the question no longer needs an answer.',
  'neighbours.chair_denied': (p: { code: string; name: string; you: string }) =>
    `Case ${p.code} (${p.name}) was cancelled: the owner of the number said they did not ask for it. You need not answer it any more.`,
} satisfies Record<string, string | ((params: never) => string)>;
