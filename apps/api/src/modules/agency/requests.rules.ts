/** Age in whole years on a calendar date (null without a birth date). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** A birth date a request may give: known, not in the future. */
export function isValidBirthDate(birthDate: string, today: string): boolean {
  const age = ageOn(birthDate, today);
  return age !== null && age >= 0 && birthDate <= today;
}

/** A minor student must be registered by a guardian. */
export function needsGuardian(age: number): boolean {
  return age < 18;
}
