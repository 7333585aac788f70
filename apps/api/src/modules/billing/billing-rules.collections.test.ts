import { describe, expect, it } from 'vitest';
import {
  collectionDateProblem,
  easterSunday,
  isTarget2BusinessDay,
  latestExportDay,
  nextSequenceType,
  target2OnOrAfter,
  type SequenceHistory,
} from './billing-rules.js';
import { sepaText } from './pain008.js';
import { rumProblem } from './sepa-validation.js';

/** Issue 12: the named rules of collections (TARGET2 calendar, sequence types, SEPA text). */

describe('isTarget2BusinessDay', () => {
  it('knows Easter (anonymous Gregorian algorithm)', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2019)).toBe('2019-04-21');
    expect(easterSunday(2038)).toBe('2038-04-25');
  });
  it('closes weekends, 1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December, and nothing else', () => {
    for (const closed of [
      '2026-10-24',
      '2026-10-25',
      '2027-01-01',
      '2026-04-03',
      '2026-04-06',
      '2027-03-26',
      '2027-03-29',
      '2026-05-01',
      '2026-12-25',
      '2026-12-26',
    ])
      expect(isTarget2BusinessDay(closed), closed).toBe(false);
    // French public holidays that TARGET2 keeps open: 14 July, 11 November, Ascension, 8 May, Whit Monday.
    for (const open of ['2026-07-14', '2026-11-11', '2026-05-14', '2026-05-08', '2026-05-25', '2026-12-24'])
      expect(isTarget2BusinessDay(open), open).toBe(true);
  });
  it('moves a date to the next business day, and says the last day a file may leave for it (D-1)', () => {
    expect(target2OnOrAfter('2026-12-25')).toBe('2026-12-28');
    expect(latestExportDay('2026-10-20')).toBe('2026-10-19');
    expect(latestExportDay('2026-10-19')).toBe('2026-10-16');
    expect(latestExportDay('2026-04-07')).toBe('2026-04-02');
    expect(collectionDateProblem('2026-10-20', '2026-10-19')).toBeNull();
    expect(collectionDateProblem('2026-10-20', '2026-10-20')).toBe('COLLECTION_DATE_TOO_SOON');
    expect(collectionDateProblem('2026-10-19', '2026-10-17')).toBe('COLLECTION_DATE_TOO_SOON');
    expect(collectionDateProblem('2026-10-24', '2026-10-01')).toBe('COLLECTION_DATE_NOT_BUSINESS_DAY');
  });
});

describe('nextSequenceType', () => {
  const fresh: SequenceHistory = {
    mandateType: 'recurrent',
    finalOnNext: false,
    used: 0,
    closed: false,
    firstPending: false,
    latestDate: null,
    collectionDate: '2026-11-20',
    lastOfBatch: true,
  };
  it('starts a recurrent mandate with FRST, then RCUR, and FNAL when flagged to end', () => {
    expect(nextSequenceType(fresh)).toEqual({ sequenceType: 'FRST' });
    const used = { ...fresh, used: 1, latestDate: '2026-10-20' };
    expect(nextSequenceType(used)).toEqual({ sequenceType: 'RCUR' });
    expect(nextSequenceType({ ...used, finalOnNext: true })).toEqual({ sequenceType: 'FNAL' });
    expect(nextSequenceType({ ...used, finalOnNext: true, lastOfBatch: false })).toEqual({ sequenceType: 'RCUR' });
    // Never FNAL as a first use.
    expect(nextSequenceType({ ...fresh, finalOnNext: true })).toEqual({ sequenceType: 'FRST' });
  });
  it('collects a one-off mandate once', () => {
    expect(nextSequenceType({ ...fresh, mandateType: 'oneoff' })).toEqual({ sequenceType: 'OOFF' });
    expect(nextSequenceType({ ...fresh, mandateType: 'oneoff', used: 1 })).toEqual({ refusal: 'sequence_closed' });
    expect(nextSequenceType({ ...fresh, mandateType: 'oneoff', firstPending: true })).toEqual({
      refusal: 'first_debit_pending',
    });
  });
  it('allows one first use waiting, nothing after a FNAL, nothing dated before a collection waiting or made', () => {
    expect(nextSequenceType({ ...fresh, firstPending: true, latestDate: '2026-11-10' })).toEqual({
      refusal: 'first_debit_pending',
    });
    expect(nextSequenceType({ ...fresh, used: 2, closed: true })).toEqual({ refusal: 'sequence_closed' });
    expect(nextSequenceType({ ...fresh, used: 1, latestDate: '2026-11-25' })).toEqual({
      refusal: 'sequence_out_of_order',
    });
    expect(nextSequenceType({ ...fresh, used: 1, latestDate: '2026-11-20' })).toEqual({ sequenceType: 'RCUR' });
  });
});

describe('SEPA text and references', () => {
  it('transliterates names to the EPC Latin set without dropping letters', () => {
    expect(sepaText('Lefèvre-Ødegård & Fils', 70)).toBe('Lefevre-Odegard + Fils');
    expect(sepaText('Œillets', 70)).toMatch(/^OEillets$/i);
    expect(sepaText('Łukasz Żółć', 70)).toBe('Lukasz Zolc');
    expect(sepaText('Straße', 70)).toBe('Strasse');
    expect(sepaText('Nguyễn', 70)).toBe('Nguyen');
  });
  it('refuses a RUM with spaces', () => {
    expect(rumProblem('RUM 2026')).toBe('invalid_rum_spaces');
    expect(rumProblem('RUM-2026')).toBeNull();
  });
});
