import type { FastifyInstance } from 'fastify';
import { DomainError } from './errors.js';

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The fields (a.b.0.c) of a parsed input whose text would break storage, with the reason of each. */
function brokenText(value: unknown, at: string[]): { field: string; code: string }[] {
  if (typeof value === 'string') {
    // PostgreSQL refuses a NUL in text (a 500); half a surrogate pair is stored as invalid UTF-8.
    if (value.includes('\u0000')) return [{ field: at.join('.'), code: 'nul_character' }];
    if (UNPAIRED_SURROGATE.test(value)) return [{ field: at.join('.'), code: 'text_unpaired_surrogate' }];
    return [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => brokenText(v, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => brokenText(v, [...at, k]));
  return [];
}

/** Throws a 400 naming every field (under `prefix`) whose text holds a NUL or half a surrogate pair. */
export function refuseBrokenText(value: unknown, prefix: string[] = []): void {
  const fields = brokenText(value, prefix);
  if (fields.length) throw new DomainError('VALIDATION_FAILED', { status: 400, fields });
}

/**
 * Path, query and body strings reach queries as they are (ids, tokens, filters, passwords), and not all of them are
 * human text: a NUL or half a surrogate pair is refused here for every route, before its own schema runs (found by
 * the fuzz test). Human text fields are further checked by their contracts (humanText).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    refuseBrokenText({ ...(request.params as object), ...(request.query as object) });
    refuseBrokenText(request.body);
  });
}
