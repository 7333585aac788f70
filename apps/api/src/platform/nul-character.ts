import { DomainError } from './errors.js';

/**
 * PostgreSQL cannot store a NUL character (U+0000) in text: an insert holding one fails, which was a 500. Input
 * holding one is refused up front with a field error for each string that has it (found by the fuzz test).
 */
function nulPaths(value: unknown, at: string[]): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [at.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nulPaths(v, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nulPaths(v, [...at, k]));
  return [];
}

/** Throws a 400 naming every field (a.b.0.c, under `prefix`) whose text holds a NUL character. */
export function refuseNul(value: unknown, prefix: string[] = []): void {
  const fields = nulPaths(value, prefix);
  if (!fields.length) return;
  const issues = fields.map((field) => ({ field, code: 'nul_character' }));
  throw new DomainError('VALIDATION_FAILED', { status: 400, fields: issues });
}
