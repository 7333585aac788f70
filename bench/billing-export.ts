/**
 * Benchmark: prepare and export a collection batch of 50,000 debits (pain.008.001.08), then download it.
 * Run: `npx tsx bench/billing-export.ts` (SQLite) or with TEST_DATABASE_URL=postgres://… for PostgreSQL.
 */
import { performance } from 'node:perf_hooks';
import { createTestApp, loginAs, makeUser } from '../apps/api/src/testing/harness.js';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { configureBilling, makeMandate, VALID_IBANS } from '../apps/api/src/testing/billing-factories.js';
import { makeFamily } from '../apps/api/src/testing/factories.js';

const COUNT = Number(process.env.DEBITS ?? 50_000);
const FAMILIES = 500;

const ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
try {
  await configureBilling(ctx.deps);
  const now = ctx.clock.now().toISOString();
  const families: string[] = [];
  for (let f = 0; f < FAMILIES; f += 1) {
    const family = await makeFamily(ctx.deps, { name: `Famille ${f}` });
    await makeMandate(ctx.deps, family.id, { iban: VALID_IBANS[f % VALID_IBANS.length] });
    families.push(family.id);
  }
  // Invoices and pre-notified instalments written in bulk (the numbering path is measured elsewhere).
  for (let i = 0; i < COUNT; i += 500) {
    const invoices = [];
    const instalments = [];
    for (let j = i; j < Math.min(COUNT, i + 500); j += 1) {
      const id = newId();
      invoices.push({
        id,
        number: `F2026-${String(j + 1).padStart(6, '0')}`,
        kind: 'invoice',
        family_id: families[j % FAMILIES] ?? '',
        subscription_id: null,
        credited_invoice_id: null,
        period_start: null,
        period_end: null,
        period_key: null,
        issued_on: '2026-10-01',
        description: 'Cours',
        amount_cents: 5_000 + (j % 900),
        status: 'open',
        billed_name: 'Famille',
        billed_address: null,
        locale: 'fr',
        created_by: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      instalments.push({
        id: newId(),
        invoice_id: id,
        seq: 1,
        due_on: '2026-10-15',
        amount_cents: 5_000 + (j % 900),
        method: 'sepa',
        status: 'due',
        prenotified_at: now,
        // The notice announced the real collection date and amount (a debit goes only on what was notified).
        prenotified_due_on: '2026-10-20',
        prenotified_amount_cents: 5_000 + (j % 900),
        deferral_id: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
    await ctx.deps.db.insertInto('invoices').values(invoices).execute();
    await ctx.deps.db.insertInto('invoice_instalments').values(instalments).execute();
  }
  const accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
  let t = performance.now();
  const prepared = await accounts.post('/api/billing/batches', { collectionDate: '2026-10-20' });
  const prepareMs = performance.now() - t;
  const batch = prepared.json() as { id: string; version: number; debitCount: number };
  t = performance.now();
  const exported = await accounts.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version });
  const exportMs = performance.now() - t;
  t = performance.now();
  const file = await accounts.get(`/api/billing/batches/${batch.id}/file`);
  const downloadMs = performance.now() - t;
  console.log(
    JSON.stringify({
      engine: ctx.deps.engine,
      debits: batch.debitCount,
      prepareStatus: prepared.statusCode,
      exportStatus: exported.statusCode,
      prepareMs: Math.round(prepareMs),
      exportMs: Math.round(exportMs),
      downloadMs: Math.round(downloadMs),
      fileMB: +(file.rawPayload.length / 1e6).toFixed(1),
    }),
  );
} finally {
  await ctx.close();
}
