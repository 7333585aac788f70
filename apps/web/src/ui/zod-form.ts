import type { ReactNode } from 'react';
import type { ZodType } from 'zod';
import { fieldMessage } from '../api/form-errors';

/**
 * Validates a request body with the same zod schema the API uses and returns Mantine form errors
 * keyed by field path ("guardians.0.email"), with the shared localised messages.
 */
export function zodErrors(schema: ZodType, value: unknown, prefix = ''): Record<string, ReactNode> {
  const result = schema.safeParse(value);
  if (result.success) return {};
  const errors: Record<string, ReactNode> = {};
  for (const issue of result.error.issues) {
    const path = prefix + issue.path.map(String).join('.');
    errors[path] ??= fieldMessage(issue.message);
  }
  return errors;
}

/** '' and whitespace become null, so optional fields are sent as "not given". */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
