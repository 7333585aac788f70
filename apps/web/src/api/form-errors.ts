import type { ReactNode } from 'react';
import { ERROR_MESSAGES } from './contract-values';
import { currentLanguage } from '../i18n/i18n';
import { isApiError } from './client';

export interface FormWithErrors {
  setErrors: (errors: Record<string, ReactNode>) => void;
}

/** The localised message of one field error code, or the API's own message for a code we do not know. */
export function fieldMessage(code: string, fallback?: string): string {
  const messages = ERROR_MESSAGES[currentLanguage()];
  return messages[code] ?? ERROR_MESSAGES.fr[code] ?? fallback ?? messages.invalid_value ?? code;
}

/**
 * Puts the `errors` of a problem response on a Mantine form, by field path ("guardians.0.email"); `rename` maps an
 * API field to the form's own name for it. Returns true when at least one field error was placed.
 */
export function applyProblemToForm(form: FormWithErrors, error: unknown, rename: Record<string, string> = {}): boolean {
  if (!isApiError(error) || !error.problem.errors?.length) return false;
  const errors: Record<string, ReactNode> = {};
  for (const item of error.problem.errors) {
    const field = rename[item.field] ?? item.field;
    const path = field.replace(/\[(\d+)\]/g, '.$1').replace(/^body\./, '');
    errors[path] ??= fieldMessage(item.code, item.message);
  }
  form.setErrors(errors);
  return true;
}
