import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { configureBilling, makeBillableFamily, makeLesson, makeMandate, makePlan, VALID_IBANS } from '../../testing/billing-factories.js';

/** The official schemas are reference data kept beside the project, never copied into it. */
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const xsd = (version: string) => path.resolve(repoRoot, `../shared/xsd/pain.008.001.${version}.xsd`);
const schemasPresent = fs.existsSync(xsd('08')) && fs.existsSync(xsd('02'));

type BatchDetail = { id: string; version: number; status: string; included: { familyId: string; debitId: string | null; sequenceType: string | null }[]; excluded: { familyId: string; reason: string | null }[] };

let ctx: TestContext;
let accountsEmail: string;

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
});
afterAll(async () => ctx.close());

const accounts = () => loginAs(ctx, accountsEmail);

async function batchOfThree(names: string[], collectionDate: string, options: { bic?: boolean } = {}): Promise<BatchDetail> {
  const planId = await makePlan(ctx.deps, { priceCents: 9_950 });
  const families: { familyId: string }[] = [];
  for (const [i, name] of names.entries()) {
    const f = await makeBillableFamily(ctx.deps, { name, billableFrom: ctx.clock.now().toISOString().slice(0, 10), planId });
    await makeMandate(ctx.deps, f.familyId, { iban: VALID_IBANS[i % VALID_IBANS.length], bic: options.bic === false ? null : 'BNPAFRPP' });
    await makeLesson(ctx.deps, f, { date: ctx.clock.now().toISOString().slice(0, 10) });
    families.push(f);
  }
  const agent = await accounts();
  expect((await agent.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
  await runSweeps(ctx.deps);
  const res = await agent.post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  const batch = res.json() as BatchDetail;
  expect(batch.included.filter((l) => families.some((f) => f.familyId === l.familyId))).toHaveLength(3);
  return batch;
}

async function exportAndDownload(batch: BatchDetail, format?: string): Promise<string> {
  const agent = await accounts();
  const exported = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version, ...(format ? { format } : {}) });
  expect(exported.statusCode, exported.body).toBe(200);
  const file = await agent.get(`/api/billing/batches/${batch.id}/file`);
  expect(file.statusCode).toBe(200);
  expect(file.headers['content-type']).toContain('application/xml');
  return file.body;
}

let xml08 = '';
let xml02 = '';

describe('pain.008 export', () => {
  // The batches are built and exported whether or not the schemas are here: later tests use them.
  beforeAll(async () => {
    xml08 = await exportAndDownload(await batchOfThree(['Éluard', "O'Neil", 'Durand-Martin'], '2026-10-20'));
    ctx.clock.set('2026-10-02T08:00:00.000Z');
    xml02 = await exportAndDownload(await batchOfThree(['Zola', 'Hugo', 'Sand'], '2026-10-21', { bic: false }), 'pain.008.001.02');
  });

  it('writes a pain.008.001.08 file for a batch of 3 families, with structured addresses and first debits', () => {
    expect(xml08).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.08');
    expect(xml08).toContain('<TwnNm>Lyon</TwnNm>');
    expect(xml08).toContain('<SeqTp>FRST</SeqTp>');
    expect(xml08).toContain('<NbOfTxs>3</NbOfTxs>');
  });

  it.skipIf(!schemasPresent)('[skipped when ../shared/xsd is absent] the pain.008.001.08 file validates against the official schema', async () => {
    const result = await validateXML({ xml: { fileName: 'batch.xml', contents: xml08 }, schema: { fileName: 'pain.008.001.08.xsd', contents: fs.readFileSync(xsd('08'), 'utf8') } });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('writes the pain.008.001.02 variant on request (a bank option), with debtors without BIC', () => {
    expect(xml02).toContain('urn:iso:std:iso:20022:tech:xsd:pain.008.001.02');
    expect(xml02).toContain('NOTPROVIDED');
  });

  it.skipIf(!schemasPresent)('[skipped when ../shared/xsd is absent] the pain.008.001.02 file validates against the official schema', async () => {
    const result = await validateXML({ xml: { fileName: 'batch.xml', contents: xml02 }, schema: { fileName: 'pain.008.001.02.xsd', contents: fs.readFileSync(xsd('02'), 'utf8') } });
    expect(result.errors.map((e) => e.message)).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives the same bytes on every download (the SHA-256 recorded at export)', async () => {
    const agent = await accounts();
    const batches = (await agent.get('/api/billing/batches')).json() as { id: string; status: string }[];
    const exported = batches.find((b) => b.status === 'exported');
    const a = await agent.get(`/api/billing/batches/${exported?.id}/file`);
    const b = await agent.get(`/api/billing/batches/${exported?.id}/file`);
    expect(a.body).toBe(b.body);
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(a.body).digest('hex')).toBe(a.headers['x-content-sha256']);
  });
});

describe('returns, payments and deferrals', () => {
  it('records a rejected debit: the invoice reopens and accounts gets a task', async () => {
    const agent = await accounts();
    const debit = await ctx.deps.db.selectFrom('debits').selectAll().where('status', '=', 'exported').orderBy('id').executeTakeFirstOrThrow();
    const bad = await agent.post(`/api/billing/debits/${debit.id}/return`, { kind: 'reject', reasonCode: 'A', on: '2026-10-22' });
    expect(bad.statusCode).toBe(400);
    const res = await agent.post(`/api/billing/debits/${debit.id}/return`, { kind: 'reject', reasonCode: 'AC04', on: '2026-10-22' });
    expect(res.statusCode, res.body).toBe(200);
    const invoice = (await agent.get(`/api/billing/invoices/${debit.invoice_id}`)).json() as { status: string; balanceCents: number; amountCents: number };
    expect(invoice.status).toBe('open');
    expect(invoice.balanceCents).toBe(invoice.amountCents);
    const task = await ctx.deps.db.selectFrom('tasks').selectAll().where('kind', '=', 'debit-returned').where('family_id', '=', debit.family_id).executeTakeFirst();
    expect(task?.service).toBe('accounts');
    const twice = await agent.post(`/api/billing/debits/${debit.id}/return`, { kind: 'reject', reasonCode: 'AC04', on: '2026-10-22' });
    expect(twice.statusCode).toBe(409);
  });

  it('refuses an authorised refund after 8 weeks but accepts an unauthorised one within 13 months', async () => {
    const agent = await accounts();
    const debit = await ctx.deps.db.selectFrom('debits').selectAll().where('status', '=', 'exported').orderBy('id').executeTakeFirstOrThrow();
    const late = await agent.post(`/api/billing/debits/${debit.id}/return`, { kind: 'refund', reasonCode: 'MD06', on: '2027-01-05' });
    expect(late.statusCode).toBe(422);
    expect((late.json() as { code: string }).code).toBe('refund_window_closed');
    const unauthorised = await agent.post(`/api/billing/debits/${debit.id}/return`, { kind: 'refund', reasonCode: 'MD01', on: '2027-01-05' });
    expect(unauthorised.statusCode).toBe(200);
  });

  it('records a cheque only with its cashing date, and settles the reopened invoice', async () => {
    const agent = await accounts();
    const debit = await ctx.deps.db.selectFrom('debits').selectAll().where('status', '=', 'returned').orderBy('id').executeTakeFirstOrThrow();
    const noDate = await agent.post('/api/billing/payments', { invoiceId: debit.invoice_id, method: 'cheque', amountCents: debit.amount_cents, receivedOn: '2026-10-25' });
    expect(noDate.statusCode).toBe(400);
    const tooMuch = await agent.post('/api/billing/payments', { invoiceId: debit.invoice_id, method: 'transfer', amountCents: debit.amount_cents + 1, receivedOn: '2026-10-25' });
    expect(tooMuch.statusCode).toBe(422);
    const ok = await agent.post('/api/billing/payments', { invoiceId: debit.invoice_id, method: 'cheque', amountCents: debit.amount_cents, receivedOn: '2026-10-25', cashOn: '2026-11-05', reference: 'Chèque 1234567' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as { status: string }).status).toBe('paid');
  });

  it('lets the board move the due dates of a whole group; accounts alone cannot', async () => {
    const board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
    const agent = await accounts();
    const body = { decisionRef: 'CA du 2026-10-02, délibération 7', decidedOn: '2026-10-02', reason: 'Confinement : report des échéances', fromDueOn: '2026-11-01', toDueOn: '2026-11-30', newDueOn: '2026-12-15' };
    expect((await agent.post('/api/billing/deferrals', body)).statusCode).toBe(403);
    const due = await ctx.deps.db.selectFrom('invoice_instalments').select('id').where('due_on', '>=', '2026-11-01').where('due_on', '<=', '2026-11-30').where('status', '=', 'due').execute();
    const res = await board.post('/api/billing/deferrals', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { affected: number }).affected).toBe(due.length);
    const moved = await ctx.deps.db.selectFrom('invoice_instalments').select(['due_on', 'prenotified_at']).where('id', 'in', due.length ? due.map((d) => d.id) : ['-']).execute();
    expect(moved.every((m) => m.due_on === '2026-12-15' && m.prenotified_at === null)).toBe(true);
  });

  it('corrects an issued invoice only with a credit note, numbered in its own series', async () => {
    const agent = await accounts();
    const invoice = await ctx.deps.db.selectFrom('invoices').selectAll().where('status', '=', 'open').where('kind', '=', 'invoice').orderBy('number').executeTakeFirstOrThrow();
    const res = await agent.post(`/api/billing/invoices/${invoice.id}/credit-note`, { reason: 'Cours annulé par le professeur' });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { number: string }).number).toMatch(/^A2026-\d{6}$/);
    const after = await ctx.deps.db.selectFrom('invoices').selectAll().where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(after.amount_cents).toBe(invoice.amount_cents);
    expect(after.status).toBe('cancelled');
  });
});
