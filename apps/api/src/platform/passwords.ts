import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from '@contracts';
import { DomainError } from './errors.js';

/**
 * The common-password list of zxcvbn-ts (about 49,000 leaked passwords), lower case, compared case-insensitively.
 * Only entries long enough to pass the length rule are kept: the shorter ones are refused anyway.
 */
const COMMON = new Set(
  dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN_LENGTH).map((p) => p.toLowerCase()),
);

/** Why a new password is refused, as a field error code, or null when it is fine. */
export function passwordProblem(password: string): 'password_too_short' | 'password_common' | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (COMMON.has(password.toLowerCase())) return 'password_common';
  return null;
}

/** Every place a password is set (reset, invitation, setup, change) refuses a weak one with this field error. */
export function assertStrongPassword(password: string, field: string): void {
  const code = passwordProblem(password);
  if (code) throw new DomainError('VALIDATION_FAILED', { status: 400, fields: [{ field, code }] });
}
