import type { ReactNode } from 'react';
import { ERROR_MESSAGES } from './contract-values';
import { currentLanguage } from '../i18n/i18n';
import { isApiError } from './client';
import { formFieldOf, type FieldMapping, leafPaths } from './form-fields';

export { formFieldOf, leafPaths, type FieldMapping };

export interface FormWithErrors {
  setErrors: (errors: Record<string, ReactNode>) => void;
  /** The form's values: their leaf paths are the fields an error can be shown on. */
  values?: unknown;
}

/** The localised message of one field error code, or the API's own message for a code we do not know. */
export function fieldMessage(code: string, fallback?: string): string {
  const messages = ERROR_MESSAGES[currentLanguage()];
  return messages[code] ?? ERROR_MESSAGES.fr[code] ?? fallback ?? messages.invalid_value ?? code;
}

/**
 * The field errors of a problem, by form field, in the user's language (the first error of each field), and the
 * messages of those the form has no field for (to show above the submit button, never to drop).
 */
export function problemFieldErrors(
  error: unknown,
  mapping: FieldMapping = {},
): { errors: Record<string, ReactNode>; unplaced: string[] } | null {
  if (!isApiError(error) || !error.problem.errors?.length) return null;
  const errors: Record<string, ReactNode> = {};
  const unplaced: string[] = [];
  for (const item of error.problem.errors) {
    const message = fieldMessage(item.code, item.message);
    const field = formFieldOf(item.field, mapping);
    if (field === null) unplaced.push(message);
    else errors[field] ??= message;
  }
  return { errors, unplaced };
}

/**
 * Puts the `errors` of a problem response on a Mantine form, by field path ("guardians.0.email"); `rename` maps an
 * API field (or its parent) to the form's own name for it. Returns true when every field error found its field
 * (the caller shows the problem itself otherwise, with the messages of the fields the form lacks).
 */
export function applyProblemToForm(form: FormWithErrors, error: unknown, rename: Record<string, string> = {}): boolean {
  const fields = form.values === undefined ? undefined : leafPaths(form.values);
  const found = problemFieldErrors(error, { rename, fields });
  if (!found) return false;
  form.setErrors(found.errors);
  return found.unplaced.length === 0;
}

/**
 * A mutation's error split for a form kept in React state: the messages of the fields the form has, and the error
 * itself when something is left to show in a ProblemAlert (a field the form lacks, or no field at all).
 */
export function splitProblem(
  error: unknown,
  mapping: FieldMapping & { fields: readonly string[] },
): { errors: Record<string, ReactNode>; alert: unknown } {
  if (!error) return { errors: {}, alert: null };
  const found = problemFieldErrors(error, mapping);
  if (!found) return { errors: {}, alert: error };
  return { errors: found.errors, alert: found.unplaced.length ? error : null };
}
