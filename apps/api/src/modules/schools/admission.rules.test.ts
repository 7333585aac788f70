import { describe, expect, it } from 'vitest';
import { AdmissionBody } from '@contracts';
import { admissionProblems, isMinorOn, needsGuardianConsent, registrationRank } from './admission.rules.js';

const today = '2026-09-01';
const body = (over: Record<string, unknown> = {}, student: Record<string, unknown> = {}) =>
  AdmissionBody.parse({
    familyName: 'Martin',
    billingAddress: { line1: '1 rue A', postalCode: '75011', city: 'Paris' },
    guardians: [{ firstName: 'Léa', lastName: 'Martin', email: 'lea@example.org', phone: '06 12 34 56 78' }],
    students: [{ firstName: 'Tom', lastName: 'Martin', birthDate: '2016-05-01', consentBy: 0, ...student }],
    dataProcessingConsent: true,
    heardFrom: 'website',
    ...over,
  });

describe('needsGuardianConsent', () => {
  it('asks a guardian under 15, not from the 15th birthday on', () => {
    expect(needsGuardianConsent('2011-09-02', today)).toBe(true);
    expect(needsGuardianConsent('2011-09-01', today)).toBe(false);
    expect(isMinorOn('2008-09-02', today)).toBe(true);
    expect(isMinorOn('2008-09-01', today)).toBe(false);
  });
});

describe('registrationRank', () => {
  it('ranks by completion time, then id for a tie, from 1', () => {
    const rows = [
      { id: 'b', completedAt: '2026-06-01T10:00:00.000Z' },
      { id: 'a', completedAt: '2026-06-01T10:00:00.000Z' },
      { id: 'c', completedAt: '2026-05-31T08:00:00.000Z' },
    ];
    expect(rows.map((r) => registrationRank(rows, r))).toEqual([3, 2, 1]);
  });
});

describe('admissionProblems', () => {
  it('accepts a complete form', () => {
    expect(admissionProblems(body(), today)).toEqual([]);
  });
  it('refuses each problem on its field at once', () => {
    expect(
      admissionProblems(
        body({ dataProcessingConsent: false, heardFrom: 'other', heardFromOther: null }, { consentBy: null }),
        today,
      ),
    ).toEqual([
      { field: 'dataProcessingConsent', code: 'data_processing_consent_required' },
      { field: 'students.0.consentBy', code: 'guardian_consent_required' },
      { field: 'heardFromOther', code: 'heard_from_other_required' },
    ]);
    expect(admissionProblems(body({}, { birthDate: '2026-09-02' }), today)).toEqual([
      { field: 'students.0.birthDate', code: 'birth_date_future' },
    ]);
    expect(admissionProblems(body({}, { consentBy: 2 }), today)).toEqual([
      { field: 'students.0.consentBy', code: 'invalid_value' },
    ]);
  });
  it('lets a student of 15 or more enrol without a guardian consent', () => {
    expect(admissionProblems(body({}, { birthDate: '2010-01-01', consentBy: null }), today)).toEqual([]);
  });
});
