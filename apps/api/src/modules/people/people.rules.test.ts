import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { assertFamilyReachable, assertMinorHasGuardian, isMinor } from './people.rules.js';
import { assertAnAdminRemains, isTeacherAccount } from '../users/users.rules.js';

const codeOf = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, status: error.status, fields: error.fields } : error;
  }
};

describe('people rules', () => {
  it('a person is a minor until the day of their eighteenth birthday', () => {
    expect(isMinor('2008-03-15', '2026-03-14')).toBe(true);
    expect(isMinor('2008-03-15', '2026-03-15')).toBe(false);
    expect(isMinor('1990-01-01', '2026-03-15')).toBe(false);
  });

  it('a minor student needs a guardian in the family; an adult does not', () => {
    expect(codeOf(() => assertMinorHasGuardian('2017-01-01', '2026-03-15', 0, 'students.0.birthDate'))).toEqual({
      code: 'MINOR_NEEDS_GUARDIAN',
      status: 422,
      fields: [{ field: 'students.0.birthDate', code: 'MINOR_NEEDS_GUARDIAN' }],
    });
    expect(codeOf(() => assertMinorHasGuardian('2017-01-01', '2026-03-15', 1))).toBeNull();
    expect(codeOf(() => assertMinorHasGuardian('2000-01-01', '2026-03-15', 0))).toBeNull();
  });

  it('a new family gives an e-mail or a phone of someone', () => {
    expect(codeOf(() => assertFamilyReachable([{ email: null, phone: null }]))).toMatchObject({
      code: 'FAMILY_NEEDS_CONTACT',
      status: 422,
    });
    expect(codeOf(() => assertFamilyReachable([{ email: null }, { phone: '+33612345678' }]))).toBeNull();
  });
});

describe('account rules', () => {
  it('keeps at least one active administrator', () => {
    expect(codeOf(() => assertAnAdminRemains(0))).toMatchObject({ code: 'LAST_ADMIN', status: 422 });
    expect(codeOf(() => assertAnAdminRemains(1))).toBeNull();
  });

  it('lets followup send a login link to teacher accounts only', () => {
    expect(isTeacherAccount(['teacher'])).toBe(true);
    expect(isTeacherAccount(['teacher', 'sales'])).toBe(false);
  });
});
