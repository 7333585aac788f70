import { DomainError } from '../../platform/errors.js';

/** A person born on `birthDate` is a minor on `today` (both YYYY-MM-DD): under 18 years old that day. */
export function isMinor(birthDate: string, today: string): boolean {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const adultFrom = `${String(y - 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return birthDate > adultFrom;
}

/**
 * DOMAIN.md: "a minor student has at least one guardian" — refused (on `field`) when the student is a minor on
 * `today` and the family has no guardian.
 */
export function assertMinorHasGuardian(
  birthDate: string,
  today: string,
  guardianCount: number,
  field = 'birthDate',
): void {
  if (isMinor(birthDate, today) && guardianCount === 0)
    throw new DomainError('MINOR_NEEDS_GUARDIAN', { fields: [{ field, code: 'MINOR_NEEDS_GUARDIAN' }] });
}

/** A new family gives at least one way to reach it: an e-mail or a phone of a guardian (or of a student). */
export function assertFamilyReachable(members: readonly { email?: string | null; phone?: string | null }[]): void {
  if (!members.some((m) => m.email || m.phone))
    throw new DomainError('FAMILY_NEEDS_CONTACT', { fields: [{ field: 'guardians', code: 'FAMILY_NEEDS_CONTACT' }] });
}
