import type { FastifyInstance } from 'fastify';
import { textProblem } from '@contracts';
import { DomainError } from './errors.js';

/**
 * Path and query strings reach queries as they are (ids, tokens, filters), and not all of them are human text: a NUL
 * (PostgreSQL refuses it in text: a 500) or half a surrogate pair is refused here for every route, before its own
 * schema runs. Bodies are checked field by field by their contracts (humanText).
 */
export function registerTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const fields: { field: string; code: string }[] = [];
    for (const part of [request.params, request.query]) {
      if (!part || typeof part !== 'object') continue;
      for (const [field, value] of Object.entries(part as Record<string, unknown>)) {
        for (const text of Array.isArray(value) ? value : [value]) {
          if (typeof text !== 'string') continue;
          const problem = textProblem(text, true);
          const breaks = problem === 'text_unpaired_surrogate' || text.includes('\u0000');
          if (breaks) fields.push({ field, code: problem ?? 'text_control_character' });
        }
      }
    }
    if (fields.length) throw new DomainError('VALIDATION_FAILED', { status: 400, fields });
  });
}
