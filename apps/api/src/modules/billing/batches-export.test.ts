import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, loginAs, makeUser, requireAll, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { makeFamily } from '../../testing/factories.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
  VALID_IBANS,
} from '../../testing/billing-factories.js';

/**
 * The official schemas are reference data kept beside the project (`../shared/xsd`), never copied into it;
 * SEPA_XSD_DIR points elsewhere. Without them the two schema tests skip, except under CI where they fail.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const xsdDir = path.resolve(repoRoot, process.env.SEPA_XSD_DIR ?? '../shared/xsd');
const xsd = (version: string) => path.join(xsdDir, `pain.008.001.${version}.xsd`);
const schemasPresent = fs.existsSync(xsd('08')) && fs.existsSync(xsd('02'));
const schemaTest = schemasPresent || requireAll ? it : it.skip;
const skipNote = requireAll ? '' : ' [skipped when the schemas are absent]';

type BatchDetail = {
  id: string;
  version: number;
  status: string;
  included: { familyId: string; debitId: string | null; sequenceType: string | null }[];
  excluded: { familyId: string; reason: string | null }[];
};

let ctx: TestContext;
let accountsEmail: string;
let agent: Agent;

// Each test on its own database: batches take every due instalment, and some tests move the clock.
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
  agent = await loginAs(ctx, accountsEmail);
});
afterEach(async () => ctx.close());

/** Three families billed today with a mandate and a lesson, in a batch prepared for `collectionDate`. */
async function batchOfThree(
  names: string[],
  collectionDate: string,
  options: { bic?: boolean } = {},
): Promise<BatchDetail> {
  const planId = await makePlan(ctx.deps, { priceCents: 9_950 });
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const families: { familyId: string }[] = [];
  for (const [i, name] of names.entries()) {
    const f = await makeBillableFamily(ctx.deps, { name, billableFrom: today, planId });
    await makeMandate(ctx.deps, f.familyId, {
      iban: VALID_IBANS[i % VALID_IBANS.length],
      bic: options.bic === false ? null : 'BNPAFRPP',
    });
    await makeLesson(ctx.deps, f, { date: today });
    families.push(f);
  }
  expect((await agent.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  await runSweeps(ctx.deps);
  const res = await agent.post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  const batch = res.json() as BatchDetail;
  expect(batch.included.map((l) => l.familyId).sort()).toEqual(families.map((f) => f.familyId).sort());
  return batch;
}

async function exportBatch(batch: BatchDetail, format?: string): Promise<void> {
  const exported = await agent.post(`/api/billing/batches/${batch.id}/export`, {
    version: batch.version,
    ...(format ? { format } : {}),
  });
  expect(exported.statusCode, exported.body).toBe(200);
}

async function download(batch: BatchDetail) {
  const file = await agent.get(`/api/billing/batches/${batch.id}/file`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('application/xml');
  return file;
}

const exported08 = async () => {
  const batch = await batchOfThree(['Éluard', "O'Neil", 'Durand-Martin'], '2026-10-20');
  await exportBatch(batch);
  return (await download(batch)).body;
};
const exported02 = async () => {
  const batch = await batchOfThree(['Zola', 'Hugo', 'Sand'], '2026-10-21', { bic: false });
  await exportBatch(batch, 'pain.008.001.02');
  return (await download(batch)).body;
};

async function expectValid(exported: () => Promise<string>, version: string): Promise<void> {
  expect(schemasPresent, `the official schemas are missing from ${xsdDir} (set SEPA_XSD_DIR)`).toBe(true);
  const xml = await exported();
  const schema = { fileName: `pain.008.001.${version}.xsd`, contents: fs.readFileSync(xsd(version), 'utf8') };
  const result = await validateXML({ xml: { fileName: 'batch.xml', contents: xml }, schema });
  expect(result.errors.map((e) => e.message)).toEqual([]);
  expect(result.valid).toBe(true);
}

/** The exported debits of a fresh exported batch of three families. */
async function exportedDebits() {
  const batch = await batchOfThree(['Éluard', 'Hugo', 'Sand'], '2026-10-20');
  await exportBatch(batch);
  const debits = await ctx.deps.db
    .selectFrom('debits')
    .selectAll()
    .where('batch_id', '=', batch.id)
    .orderBy('id')
    .execute();
  expect(debits.map((d) => d.status)).toEqual(['exported', 'exported', 'exported']);
  return debits;
}

describe('pain.008 export', () => {
  it('writes a pain.008.001.08 file for 3 families, with structured addresses and first debits', async () => {
    const xml = await exported08();
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
    expect(xml).toContain('<TwnNm>Lyon</TwnNm>');
    expect(xml).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml).toContain('<NbOfTxs>3</NbOfTxs>');
  });

  schemaTest(`the pain.008.001.08 file validates against the official schema${skipNote}`, async () => {
    await expectValid(exported08, '08');
  });

  it('writes the pain.008.001.02 variant on request (a bank option), with debtors without BIC', async () => {
    const xml = await exported02();
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    expect(xml).toContain('NOTPROVIDED');
  });

  schemaTest(`the pain.008.001.02 file validates against the official schema${skipNote}`, async () => {
    await expectValid(exported02, '02');
  });

  it('gives the same bytes on every download (the SHA-256 recorded at export)', async () => {
    const batch = await batchOfThree(['Éluard', 'Hugo', 'Sand'], '2026-10-20');
    await exportBatch(batch);
    const a = await download(batch);
    const b = await download(batch);
    expect(a.body).toBe(b.body);
    expect(createHash('sha256').update(a.body).digest('hex')).toBe(a.headers['x-content-sha256']);
  });
});

describe('returns, payments and deferrals', () => {
  it('records a rejected debit: the invoice reopens and accounts gets a task', async () => {
    const [debit] = await exportedDebits();
    if (!debit) throw new Error('no debit');
    ctx.clock.set('2026-10-23T08:00:00.000Z');
    agent = await loginAs(ctx, accountsEmail);
    const bad = await agent.post(`/api/billing/debits/${debit.id}/return`, {
      kind: 'reject',
      reasonCode: 'A',
      on: '2026-10-22',
    });
    expect(bad.statusCode).toBe(400);
    const res = await agent.post(`/api/billing/debits/${debit.id}/return`, {
      kind: 'reject',
      reasonCode: 'AC04',
      on: '2026-10-22',
    });
    expect(res.statusCode, res.body).toBe(200);
    const invoice = (await agent.get(`/api/billing/invoices/${debit.invoice_id}`)).json() as {
      status: string;
      balanceCents: number;
      amountCents: number;
    };
    expect(invoice.status).toBe('open');
    expect(invoice.balanceCents).toBe(invoice.amountCents);
    const task = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('kind', '=', 'debit-returned')
      .where('family_id', '=', debit.family_id)
      .executeTakeFirst();
    expect(task?.service).toBe('accounts');
    const twice = await agent.post(`/api/billing/debits/${debit.id}/return`, {
      kind: 'reject',
      reasonCode: 'AC04',
      on: '2026-10-22',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses an authorised refund after 8 weeks but accepts an unauthorised one within 13 months', async () => {
    const [debit] = await exportedDebits();
    ctx.clock.set('2027-01-06T08:00:00.000Z');
    agent = await loginAs(ctx, accountsEmail);
    const refund = (reasonCode: string) =>
      agent.post(`/api/billing/debits/${debit?.id}/return`, { kind: 'refund', reasonCode, on: '2027-01-05' });
    const late = await refund('MD06');
    expect(late.statusCode).toBe(422);
    expect((late.json() as { code: string }).code).toBe('refund_window_closed');
    const unauthorised = await refund('MD01');
    expect(unauthorised.statusCode).toBe(200);
  });

  it('records a cheque only with its cashing date, and settles the reopened invoice', async () => {
    const [debit] = await exportedDebits();
    if (!debit) throw new Error('no debit');
    ctx.clock.set('2026-10-23T08:00:00.000Z');
    agent = await loginAs(ctx, accountsEmail);
    const rejection = { kind: 'reject', reasonCode: 'AM04', on: '2026-10-22' };
    const rejected = await agent.post(`/api/billing/debits/${debit.id}/return`, rejection);
    expect(rejected.statusCode).toBe(200);
    const noDate = await agent.post('/api/billing/payments', {
      invoiceId: debit.invoice_id,
      method: 'cheque',
      amountCents: debit.amount_cents,
      receivedOn: '2026-10-25',
    });
    expect(noDate.statusCode).toBe(400);
    const tooMuch = await agent.post('/api/billing/payments', {
      invoiceId: debit.invoice_id,
      method: 'transfer',
      amountCents: debit.amount_cents + 1,
      receivedOn: '2026-10-25',
    });
    expect(tooMuch.statusCode).toBe(422);
    const ok = await agent.post('/api/billing/payments', {
      invoiceId: debit.invoice_id,
      method: 'cheque',
      amountCents: debit.amount_cents,
      receivedOn: '2026-10-25',
      cashOn: '2026-11-05',
      reference: 'Chèque 1234567',
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as { status: string }).status).toBe('paid');
  });

  it('lets the board move the due dates in a range to a new date, notified again; accounts alone cannot', async () => {
    /** An invoice of a family with a mandate, its one SEPA instalment due on `dueOn`. */
    const invoiceDue = async (name: string, dueOn: string) => {
      const family = await makeFamily(ctx.deps, { name });
      await makeMandate(ctx.deps, family.id);
      const body = { familyId: family.id, description: `Cours ${name}`, amountCents: 12_000, dueOn, reason: 'Stage' };
      const res = await agent.post('/api/billing/invoices', body);
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as { id: string }).id;
    };
    const instalmentOf = (invoiceId: string) =>
      ctx.deps.db
        .selectFrom('invoice_instalments')
        .select(['due_on', 'status', 'prenotified_at', 'deferral_id'])
        .where('invoice_id', '=', invoiceId)
        .executeTakeFirstOrThrow();
    const first = await invoiceDue('Premier', '2026-11-01');
    const inside = await invoiceDue('Milieu', '2026-11-05');
    const last = await invoiceDue('Dernier', '2026-11-30');
    const before = await invoiceDue('Avant', '2026-10-31');
    const after = await invoiceDue('Apres', '2026-12-01');
    const credited = await invoiceDue('Avoir', '2026-11-10');
    const creditNote = await agent.post(`/api/billing/invoices/${credited}/credit-note`, { reason: 'Annulée' });
    expect(creditNote.statusCode).toBe(201);
    // Three weeks before its date, "inside" gets its pre-notification: the deferral must void it.
    ctx.clock.set('2026-10-20T08:00:00.000Z');
    await runSweeps(ctx.deps);
    expect((await instalmentOf(inside)).prenotified_at).not.toBeNull();

    const board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
    const decision = { decisionRef: 'CA du 2026-10-20, n° 7', decidedOn: '2026-10-20', reason: 'Confinement : report' };
    const body = { ...decision, fromDueOn: '2026-11-01', toDueOn: '2026-11-30', newDueOn: '2026-12-15' };
    expect((await (await loginAs(ctx, accountsEmail)).post('/api/billing/deferrals', body)).statusCode).toBe(403);
    const res = await board.post('/api/billing/deferrals', body);
    expect(res.statusCode, res.body).toBe(201);
    const deferral = res.json() as { id: string; affected: number };
    expect(deferral.affected).toBe(3);
    for (const moved of [first, inside, last]) {
      const expected = { due_on: '2026-12-15', status: 'due', prenotified_at: null, deferral_id: deferral.id };
      expect(await instalmentOf(moved)).toEqual(expected);
    }
    expect(await instalmentOf(before)).toMatchObject({ due_on: '2026-10-31', deferral_id: null });
    expect(await instalmentOf(after)).toMatchObject({ due_on: '2026-12-01', deferral_id: null });
    const cancelled = { due_on: '2026-11-10', status: 'cancelled', deferral_id: null };
    expect(await instalmentOf(credited)).toMatchObject(cancelled);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', deferral.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('corrects an issued invoice only with a credit note, numbered in its own series', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Corrigé' });
    const body = {
      familyId: family.id,
      description: 'Cours d’octobre',
      amountCents: 9_950,
      dueOn: '2026-10-15',
      reason: 'Stage',
    };
    const issued = await agent.post('/api/billing/invoices', body);
    expect(issued.statusCode, issued.body).toBe(201);
    const invoice = issued.json() as { id: string; number: string; amountCents: number };
    const res = await agent.post(`/api/billing/invoices/${invoice.id}/credit-note`, {
      reason: 'Cours annulé par le professeur',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { number: string }).number).toBe('A2026-000001');
    const after = await ctx.deps.db
      .selectFrom('invoices')
      .selectAll()
      .where('id', '=', invoice.id)
      .executeTakeFirstOrThrow();
    expect(after.number).toBe(invoice.number);
    expect(after.amount_cents).toBe(9_950);
    expect(after.status).toBe('cancelled');
    // A cancelled invoice is no longer open: a second credit note is a conflict with its state, not bad input.
    const again = await agent.post(`/api/billing/invoices/${invoice.id}/credit-note`, { reason: 'Deuxième avoir' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'INVOICE_NOT_OPEN' });
  });
});
