/** Applying (issue [8] items 5 and 13), in English. Same keys as applying.id.ts. */
import type { applyingId } from './applying.id';

const BUSINESS_ALLOWED_EN = 'It may hold letters, digits, spaces and . , - / & ( ) #.';

export const applyingEn: { [K in keyof typeof applyingId]: (typeof applyingId)[K] } = {
  'business.ask_name': "What is the business's name?\nFor example: Warung Makan Bu Siti",
  'business.ask_kind': 'What kind of business is it?\nFor example: food stall, motorbike repair, grocery shop',
  'business.ask_address': "Where is the business? Write the street, number and RT/RW.\nFor example: Jl. Mayor Zen No. 12, RT 03/RW 02",
  'business.invisible': `That text holds invisible characters, perhaps copied along. Please type it again instead of pasting. ${BUSINESS_ALLOWED_EN}`,
  'business.link': 'That text may not hold a web address, a link or an @. Put a space after a period (for example: Jl. Merdeka).',
  'business.symbol': `That text holds an emoji or a sign that cannot be printed on the letter. ${BUSINESS_ALLOWED_EN}`,
  'business.no_letters': 'Please write it in letters, not only digits or signs.',
  'business.too_short': (p: { min: number }) => `Too short: at least ${p.min} characters. Please write a little more.`,
  'business.too_long': (p: { max: number; got: number }) => `Too long: at most ${p.max} characters, you sent ${p.got}. Please write it shorter.`,
  'business.summary': (p: { name: string; kind: string; address: string }) => `Business: ${p.name} (${p.kind}), at ${p.address}.`,

  'apply.already_open': (p: { service: string; code: string; state: string }) =>
    `You already have a ${p.service} case in progress: ${p.code} (${p.state}).\nOne person can have only one ${p.service} case in progress.`,
  'apply.already_open_for': (p: { service: string; name: string; code: string; state: string }) =>
    `The ${p.service} case for ${p.name} is still in progress: ${p.code} (${p.state}).\nOne person can have only one ${p.service} case in progress.`,
  'apply.already_open_other': (p: { service: string; name: string }) =>
    `${p.name} already has a ${p.service} case in progress. One person can have only one ${p.service} case in progress.\n` +
    `Ask ${p.name} to type "status" to Loket from their own phone to see it.`,
  'apply.open_todo_draft': 'Type "continue" to carry on with that case.',
  'apply.open_todo_revision': 'That case waits for a correction: send a photo of the document asked for in this chat.',
  'apply.open_todo_wait': 'No need to apply again. We will write in this chat. Type "status" to follow it.',
  'apply.open_todo_cancel': 'To apply again from the start, first cancel that case with "Cancel a case" in the menu.',

  'rt.nik_conflict': (p: { nik: string }) =>
    `Please note: NIK ${p.nik} is also on another case in progress, under another name. ` +
    'Please make sure the applicant is who they say before approving. The kelurahan staff have been told.',
  'notice.nik_conflict': (p: { nik: string; other: string; name: string; otherName: string }) =>
    `NIK ${p.nik} is given for ${p.name} on this case, and for ${p.otherName} on case ${p.other}, still in progress. Please check which is right.`,
};
