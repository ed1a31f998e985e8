/**
 * The pure core runs on every inbound message, inside the 10 ms CPU budget of the Workers free
 * plan. `npm run bench` measures it (in Node: see vitest.bench.config.ts).
 */
import { bench, describe } from 'vitest';
import { threeDaySchedule, workingCalendar } from '../../src/domain/calendar';
import { applyEvent } from '../../src/domain/case-machine';
import { validateNik } from '../../src/domain/nik';
import { t } from '../../src/domain/messages';
import { checkPersonName } from '../../src/domain/person-name';

const cal = workingCalendar(['2026-12-24', '2026-12-25', '2027-01-01']);
const friday = Date.parse('2026-12-23T21:00:00+07:00');

describe('domain core', () => {
  bench('threeDaySchedule across holidays and a weekend', () => {
    threeDaySchedule(friday, cal);
  });
  bench('validateNik', () => {
    validateNik('1671 0245 0879 0003', '2026-11-29');
  });
  bench('applyEvent (state machine)', () => {
    applyEvent({ kind: 'service', state: 'verifying', documentsComplete: true, pengantarApproved: true }, 'verify_valid', 'rt_chair');
  });
  bench('checkPersonName (every profile name and typed name)', () => {
    checkPersonName('nguyễn văn  an');
  });
  bench('checkPersonName refusing a 240-character paste', () => {
    checkPersonName('CS Kelurahan transfer ke rekening '.repeat(7).slice(0, 240));
  });
  bench('t() with parameters', () => {
    t('id', 'nik.wrong_length', { got: 11 });
  });
});
