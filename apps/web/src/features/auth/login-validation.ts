import { fieldMessage } from '../../api/form-errors';

/** Light checks for the first pages (no zod there, to keep them small); the API checks again. */
export function emailError(value: string): string | null {
  const email = value.trim();
  if (email === '') return fieldMessage('required');
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) return fieldMessage('invalid_email');
  return null;
}

export const requiredError = (value: string): string | null => (value === '' ? fieldMessage('required') : null);
