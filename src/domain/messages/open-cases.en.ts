/** Cases still open, as their people are reminded of them, in English. Same keys as open-cases.id.ts. */
import type { openCasesId } from './open-cases.id';

export const openCasesEn: { [K in keyof typeof openCasesId]: (typeof openCasesId)[K] } = {
  'digest.rt_neighbours': 'day-2 check, neighbours being asked',
  'apply.open_todo_correction': "That case waits for the applicant's data to be corrected: type the correct full name (as on the KK) or NIK in this chat.",
};
