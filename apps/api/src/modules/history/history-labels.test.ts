import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_FIELD_LABELS, LOCALES } from '@contracts';
import { createTestApp, type TestContext } from '../../testing/harness.js';
import { buildRecordPolicies } from '../../platform/records.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

/** The history reads as sentences with field labels: every field a record shows has one, in every language. */
describe('history field labels', () => {
  it('names every field of every audited record type in French and in English', () => {
    const missing: string[] = [];
    for (const [type, policy] of buildRecordPolicies(ctx.deps)) {
      for (const field of policy.all) {
        for (const locale of LOCALES)
          if (!HISTORY_FIELD_LABELS[field]?.[locale]) missing.push(`${type}.${field} (${locale})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
