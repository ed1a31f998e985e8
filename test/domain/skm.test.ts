import { describe, expect, it } from 'vitest';
import { checkSuggestion, convert, elementMeans, grade, ikm, ikmByQuarter, ikmByService, quarterOf, type SkmAnswers, type SkmRow } from '../../src/domain/skm';

const all = (v: number): SkmAnswers => ({ u1: v, u2: v, u3: v, u4: v, u5: v, u6: v, u7: v, u8: v, u9: v });
const row = (answers: number[]): SkmAnswers => Object.fromEntries(answers.map((v, i) => [`u${i + 1}`, v]));

describe('IKM arithmetic (Permenpan RB 14/2017)', () => {
  it('a published report: one respondent answering 4 to all nine elements is IKM 100, Sangat Baik', () => {
    // e-SMILE Kabupaten Tulang Bawang Barat, Disdukcapil, 2023 semester 1: NRR per unsur 4 for
    // U1-U9, "IKM UNIT PELAYANAN 100 (Sangat Baik)". With the printed 0.111 it would be 99.9.
    expect(ikm([all(4)])).toMatchObject({ value: 100, grade: 'A', respondents: 1 });
  });

  it("the regulation's table: nilai interval to nilai interval konversi, at every grade's edge", () => {
    // Nilai Interval (NI) 1,00-2,5996 / 2,60-3,064 / 3,0644-3,532 / 3,5324-4,00 and
    // Nilai Interval Konversi 25,00-64,99 / 65,00-76,60 / 76,61-88,30 / 88,31-100,00.
    const table: [number, number, string][] = [
      [1.0, 25.0, 'D'], [2.5996, 64.99, 'D'], [2.6, 65.0, 'C'], [3.064, 76.6, 'C'],
      [3.0644, 76.61, 'B'], [3.532, 88.3, 'B'], [3.5324, 88.31, 'A'], [4.0, 100.0, 'A'],
    ];
    for (const [ni, nik, g] of table) {
      expect(convert(ni), `NI ${ni}`).toBe(nik);
      expect(grade(convert(ni)), `NI ${ni}`).toBe(g);
    }
  });

  it('three respondents, worked by hand: element means, their mean, times 25', () => {
    const rows = [row([4, 3, 3, 4, 3, 3, 4, 2, 3]), row([3, 3, 2, 4, 3, 4, 4, 3, 3]), row([4, 2, 3, 4, 4, 3, 4, 3, 2])];
    // Sums per element: 11 8 8 12 10 10 12 8 8 = 87 over 3 x 9 answers. NRR: 3.667 2.667 2.667
    // 4 3.333 3.333 4 2.667 2.667; their mean 87/27 = 3.2222; x 25 = 80.555... -> 80.56, grade B.
    const means = elementMeans(rows);
    expect(means.u1).toBeCloseTo(11 / 3, 10);
    expect(means.u4).toBe(4);
    expect(ikm(rows)).toMatchObject({ value: 80.56, grade: 'B', respondents: 3 });
  });

  it('grades at every boundary of mutu pelayanan', () => {
    expect(grade(100)).toBe('A');
    expect(grade(88.31)).toBe('A');
    expect(grade(88.3)).toBe('B');
    expect(grade(76.61)).toBe('B');
    expect(grade(76.6)).toBe('C');
    expect(grade(65.0)).toBe('C');
    expect(grade(64.99)).toBe('D');
    expect(grade(25.0)).toBe('D');
    // Read to two decimals, as reported: 88.305 is 88.31.
    expect(grade(88.305)).toBe('A');
    expect(grade(88.304)).toBe('B');
  });

  it('a partial row counts for the elements it answered; an element nobody answered is left out', () => {
    // Stopped after three questions: only U1-U3 exist, each 2, so the IKM is 2 x 25 = 50, not
    // dragged down by six empty elements.
    expect(ikm([{ u1: 2, u2: 2, u3: 2 }])).toMatchObject({ value: 50, grade: 'D', respondents: 1 });
    // With a full row beside it, U1-U3 average both rows and U4-U9 only the full one:
    // U1-U3 (2+4)/2 = 3, U4-U9 4; mean (3*3 + 6*4)/9 = 33/9 = 3.6667; x 25 = 91.67.
    const r = ikm([{ u1: 2, u2: 2, u3: 2, u4: null }, all(4)])!;
    expect(r.elementMeans).toMatchObject({ u1: 3, u3: 3, u4: 4, u9: 4 });
    expect(r).toMatchObject({ value: 91.67, grade: 'A', respondents: 2 });
  });

  it('rows without a single answer are not respondents, and none at all is no IKM', () => {
    expect(ikm([])).toBeNull();
    expect(ikm([{}, { u1: null }])).toBeNull();
    expect(ikm([{}, all(3)])).toMatchObject({ value: 75, grade: 'C', respondents: 1 });
    // Values outside 1-4 are not answers.
    expect(ikm([{ u1: 5, u2: 0 }])).toBeNull();
  });
});

describe('IKM per service and per quarter', () => {
  const wib = (iso: string) => Date.parse(`${iso}+07:00`);
  const rows: SkmRow[] = [
    { ...all(4), service: 'ktp', startedAt: wib('2026-12-31T23:30') },
    { ...all(2), service: 'ktp', startedAt: wib('2027-01-01T08:00') },
    { ...all(3), service: 'kk', startedAt: wib('2026-10-01T00:10') },
    { service: 'situ', startedAt: wib('2026-11-02T09:00') },
  ];

  it('groups by service, leaving out a service with no answers', () => {
    const by = ikmByService(rows);
    expect([...by.keys()].sort()).toEqual(['kk', 'ktp']);
    expect(by.get('ktp')).toMatchObject({ value: 75, grade: 'C', respondents: 2 });
    expect(by.get('kk')).toMatchObject({ value: 75, respondents: 1 });
  });

  it("groups by the quarter of the kelurahan's local date, oldest first", () => {
    // 23:30 WIB on 31 December is still the fourth quarter, though it is 16:30 UTC.
    expect(quarterOf(wib('2026-12-31T23:30'))).toBe('2026-Q4');
    expect(quarterOf(wib('2026-10-01T00:10'))).toBe('2026-Q4');
    expect(quarterOf(wib('2026-09-30T23:59'))).toBe('2026-Q3');
    const by = ikmByQuarter(rows);
    expect([...by.keys()]).toEqual(['2026-Q4', '2027-Q1']);
    expect(by.get('2026-Q4')).toMatchObject({ value: 87.5, respondents: 2 });
    expect(by.get('2027-Q1')).toMatchObject({ value: 50, respondents: 1 });
  });
});

describe('the suggestion', () => {
  it('is kept as typed, tidied; refused when empty of words or too long', () => {
    expect(checkSuggestion('  Antrean di loket\r\n\r\n\r\n\r\nperlu kursi.\u202e ')).toEqual({ ok: true, value: 'Antrean di loket\n\nperlu kursi.' });
    expect(checkSuggestion(' ... !!! ')).toEqual({ ok: false, reason: 'empty' });
    expect(checkSuggestion('a'.repeat(500))).toMatchObject({ ok: true });
    expect(checkSuggestion('a'.repeat(501))).toEqual({ ok: false, reason: 'too_long' });
  });
});
