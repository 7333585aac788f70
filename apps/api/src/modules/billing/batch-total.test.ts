import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../testing/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('a large collection batch', () => {
  it('keeps a total above 21,474,836.47 € (a 32-bit integer of cents), as 58,000 monthly debits reach', async () => {
    const now = new Date().toISOString();
    const total = 3_201_556_500; // what the 58,202 debits of the benchmark's batch add up to
    await ctx.deps.db
      .insertInto('collection_batches')
      .values({
        id: 'batch-large',
        reference: 'LARGE-1',
        collection_date: '2026-12-01',
        status: 'prepared',
        format: null,
        debit_count: 58_202,
        total_cents: total,
        prepared_by: null,
        prepared_at: now,
        exported_by: null,
        exported_at: null,
        file_sha256: null,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    const row = await ctx.deps.db
      .selectFrom('collection_batches')
      .select('total_cents')
      .where('id', '=', 'batch-large')
      .executeTakeFirstOrThrow();
    expect(row.total_cents).toBe(total);
  });
});
