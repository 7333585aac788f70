import type { AdmissionBody } from '@contracts';
import type { FieldIssue } from '../../platform/errors.js';
import { ageOn } from '../agency/requests.rules.js';

/** Under this age a student's consents (image rights, enrolment) are given by a guardian (seed 002). */
export const GUARDIAN_CONSENT_BELOW_AGE = 15;

/** A student under 15 on `today` needs a guardian's consent, recorded with the guardian who gave it. */
export function needsGuardianConsent(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age !== null && age < GUARDIAN_CONSENT_BELOW_AGE;
}

/** A minor (under 18 on `today`): image rights are asked per minor student. */
export function isMinorOn(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age !== null && age < 18;
}

/**
 * A registration's rank: its place in the order of completion of its school and season (completed_at, then id
 * to break ties), from 1. The SQL of admission.repository.ts computes the same with row_number().
 */
export function registrationRank(
  completed: readonly { id: string; completedAt: string }[],
  registration: { id: string; completedAt: string },
): number {
  const before = completed.filter(
    (r) =>
      r.completedAt < registration.completedAt ||
      (r.completedAt === registration.completedAt && r.id < registration.id),
  );
  return before.length + 1;
}

/**
 * Every problem of an enrolment form at once, on its field: the data-processing consent, a birth date in the
 * future, a student under 15 without a consenting guardian, "other" without a word.
 */
export function admissionProblems(body: AdmissionBody, today: string): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (!body.dataProcessingConsent)
    problems.push({ field: 'dataProcessingConsent', code: 'data_processing_consent_required' });
  body.students.forEach((student, index) => {
    if (student.birthDate > today) {
      problems.push({ field: `students.${index}.birthDate`, code: 'birth_date_future' });
      return;
    }
    const consentBy = student.consentBy ?? null;
    if (consentBy !== null && consentBy >= body.guardians.length)
      problems.push({ field: `students.${index}.consentBy`, code: 'invalid_value' });
    else if (needsGuardianConsent(student.birthDate, today) && consentBy === null)
      problems.push({ field: `students.${index}.consentBy`, code: 'guardian_consent_required' });
  });
  if (body.heardFrom === 'other' && !body.heardFromOther)
    problems.push({ field: 'heardFromOther', code: 'heard_from_other_required' });
  return problems;
}
