import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MERGE_RECORD_KINDS } from '@contracts';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeFamily } from '../../testing/factories.js';
import { configureBilling, makeMandate } from '../../testing/billing-factories.js';
import { newId } from '../../platform/ids.js';
import { createTask } from '../../platform/tasks.js';
import { FAMILY_REFERENCES, FAMILY_REFERENCES_HANDLED_APART } from '../people/family-merge.repository.js';
import { insertSeason } from '../schools/reenrolment.fixtures.js';
import { relaxRateLimit, requestBody } from './agency.test-support.js';

let ctx: TestContext;
let sales: Agent;
let accounts: Agent;
beforeAll(async () => {
  ctx = await createTestApp();
  await relaxRateLimit(ctx.deps);
  await configureBilling(ctx.deps);
  sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
  accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
});
afterAll(async () => ctx.close());

const db = () => ctx.deps.db;
const historyOf = async (familyId: string) => {
  return (await sales.get(`/api/history/family/${familyId}`)).json() as { action: string; summary: string | null }[];
};

/** A known family and a request from the same e-mail: the request is flagged with the known family. */
type GuardianOverride = (known: { email: string; phone: string }) => Record<string, unknown>;
async function flaggedRequest(options: { guardian?: GuardianOverride } = {}) {
  const email = `${newId().slice(0, 8)}@famille.example.org`;
  // A phone of its own per case: the flag points at the oldest family with the same e-mail or phone.
  const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const anne = { firstName: 'Anne', lastName: 'Martin', email, phone };
  const known = await makeFamily(ctx.deps, { name: 'Martin', guardian: anne });
  const guardian = { firstName: 'Anne', lastName: 'Martin', email, ...options.guardian?.({ email, phone }) };
  const body = requestBody({ guardian, student: { firstName: 'Zoé', lastName: 'Martin', birthDate: '2016-01-01' } });
  const res = await anonymous(ctx).post('/api/public/lesson-requests', body);
  expect(res.statusCode, res.body).toBe(201);
  const { reference } = res.json() as { reference: string };
  const file = await db().selectFrom('lesson_files').selectAll().where('reference', '=', reference).executeTakeFirst();
  if (!file) throw new Error(`no file ${reference}`);
  return { known, file };
}

const familyExists = async (id: string) => {
  return !!(await db().selectFrom('families').select('id').where('id', '=', id).executeTakeFirst());
};
const guardiansOf = (familyId: string) => {
  const people = db().selectFrom('people').select(['id', 'first_name', 'email', 'phone']);
  return people.where('family_id', '=', familyId).where('kind', '=', 'guardian').execute();
};

describe('merging a request into a known family', () => {
  it('moves an invoiced family’s invoices, payments, mandate, contacts and tasks instead of failing', async () => {
    const { known, file } = await flaggedRequest();
    const from = file.family_id;
    const invoiceBody = {
      familyId: from,
      description: 'Frais de dossier',
      amountCents: 3_000,
      dueOn: '2026-09-20',
      reason: 'Frais de dossier avant la mise en relation',
    };
    const invoice = await accounts.post('/api/billing/invoices', invoiceBody);
    expect(invoice.statusCode, invoice.body).toBe(201);
    const invoiceId = (invoice.json() as { id: string }).id;
    const payment = { invoiceId, method: 'transfer', amountCents: 1_000, receivedOn: '2026-09-01' };
    const paid = await accounts.post('/api/billing/payments', payment);
    expect(paid.statusCode, paid.body).toBe(201);
    const mandateId = await makeMandate(ctx.deps, from);
    const call = await sales.post(`/api/files/${file.id}/contacts`, { channel: 'call', summary: 'Rappel' });
    expect(call.statusCode).toBe(201);
    const callBack = { kind: 'call-back', service: 'sales', title: 'Rappeler', dueOn: '2026-09-02', familyId: from };
    await createTask(db(), ctx.clock, { ...callBack, service: 'sales' });
    const task = db().selectFrom('tasks').select('id').where('family_id', '=', from);
    const taskId = (await task.executeTakeFirstOrThrow()).id;

    const res = await sales.post(`/api/requests/${file.id}/merge`, { familyId: known.id, version: file.version });
    expect(res.statusCode, res.body).toBe(200);
    const moves = { invoices: 1, payments: 1, sepa_mandates: 1, tasks: 1, lesson_files: 1 };
    expect(res.json()).toMatchObject({ id: file.id, familyId: known.id, moves, mergedGuardians: 1 });
    expect(await familyExists(from)).toBe(false);
    const familyOf = async (table: 'invoices' | 'sepa_mandates' | 'tasks', id: string) =>
      (await db().selectFrom(table).select('family_id').where('id', '=', id).executeTakeFirstOrThrow()).family_id;
    expect(await familyOf('invoices', invoiceId)).toBe(known.id);
    expect(await familyOf('sepa_mandates', mandateId)).toBe(known.id);
    expect(await familyOf('tasks', taskId)).toBe(known.id);
    const paymentRow = db().selectFrom('payments').select('family_id').where('invoice_id', '=', invoiceId);
    expect((await paymentRow.executeTakeFirstOrThrow()).family_id).toBe(known.id);
    const contacts = await db()
      .selectFrom('contact_log')
      .select('family_id')
      .where('subject_id', '=', file.id)
      .execute();
    expect(contacts.map((c) => c.family_id)).toEqual([known.id]);
    // The invoice still reads and prints, now in the known family's account.
    expect((await accounts.get(`/api/billing/invoices/${invoiceId}`)).json()).toMatchObject({ familyId: known.id });
    expect((await accounts.get(`/api/billing/invoices/${invoiceId}/pdf`)).statusCode).toBe(200);
    // The known family's history tells the merged family's story too, and says who merged what.
    const history = await historyOf(known.id);
    expect(history.find((h) => h.action === 'merge')?.summary).toContain(from);
    expect(history.some((h) => h.summary === 'lesson request (public)')).toBe(true);
  });

  it('refuses with a clear 409 when both families have an active mandate, and changes nothing', async () => {
    const { known, file } = await flaggedRequest();
    await makeMandate(ctx.deps, known.id);
    await makeMandate(ctx.deps, file.family_id);
    const body = { familyId: known.id, version: file.version };
    const res = await sales.post(`/api/requests/${file.id}/merge`, body, { headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(409);
    const title = expect.stringContaining('active SEPA mandate') as unknown;
    expect(res.json()).toMatchObject({ code: 'MERGE_MANDATE_CONFLICT', title });
    expect(await familyExists(file.family_id)).toBe(true);
    const after = await db().selectFrom('lesson_files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ family_id: file.family_id, duplicate_family_id: known.id, version: file.version });
  });

  it('refuses with a clear 409 when both families hold a fee plan for one school season, and writes nothing', async () => {
    const { known, file } = await flaggedRequest();
    const season = `Saison ${newId().slice(0, 6)}`;
    const seasonId = await insertSeason(db(), season, '2027-09-01', '2028-07-04');
    const plan = (familyId: string) => ({
      id: newId(),
      family_id: familyId,
      season_id: seasonId,
      plan: 'three',
      method: 'cheque',
      first_due_on: '2027-10-05',
      chosen_by: null,
      chosen_at: ctx.clock.now().toISOString(),
    });
    await db()
      .insertInto('school_fee_plans')
      .values([plan(known.id), plan(file.family_id)])
      .execute();
    const auditsBefore = await db().selectFrom('audit_log').select('id').execute();
    const body = { familyId: known.id, version: file.version };
    const res = await sales.post(`/api/requests/${file.id}/merge`, body);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'MERGE_SCHOOL_SEASON_CONFLICT' });
    expect(await familyExists(file.family_id)).toBe(true);
    const plans = await db()
      .selectFrom('school_fee_plans')
      .select('family_id')
      .where('season_id', '=', seasonId)
      .execute();
    expect(plans.map((p) => p.family_id).sort()).toEqual([known.id, file.family_id].sort());
    const after = await db().selectFrom('lesson_files').selectAll().where('id', '=', file.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ family_id: file.family_id, duplicate_family_id: known.id, version: file.version });
    expect(await db().selectFrom('audit_log').select('id').execute()).toHaveLength(auditsBefore.length);
  });

  it('merges into an unflagged family only when staff chose it and confirmed', async () => {
    const { file } = await flaggedRequest();
    const other = await makeFamily(ctx.deps, { name: 'Bernard' });
    const refused = await sales.post(`/api/requests/${file.id}/merge`, { familyId: other.id, version: file.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'NOT_A_DUPLICATE' });
    expect(await familyExists(file.family_id)).toBe(true);
    const preview = await sales.get(`/api/requests/${file.id}/merge-preview`, { query: { familyId: other.id } });
    expect(preview.json()).toMatchObject({ flagged: false, family: { id: other.id, name: 'Bernard' }, conflicts: [] });
    const chosen = { familyId: other.id, version: file.version, confirmUnflagged: true };
    const confirmed = await sales.post(`/api/requests/${file.id}/merge`, chosen);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const moved = db().selectFrom('lesson_files').select('family_id').where('id', '=', file.id);
    expect((await moved.executeTakeFirst())?.family_id).toBe(other.id);
    const history = await historyOf(other.id);
    expect(history.find((h) => h.action === 'merge')?.summary).toContain('chosen by staff, not flagged');
  });

  it('keeps a guardian who only shares the phone, with his e-mail, and folds a true copy into the known', async () => {
    const paulEmail = `paul-${newId().slice(0, 8)}@example.org`;
    let sharedPhone = '';
    const { known, file } = await flaggedRequest({
      guardian: ({ phone }) => {
        sharedPhone = phone;
        return { firstName: 'Paul', email: paulEmail, phone: `0${phone.slice(3)}` };
      },
    });
    const previewed = await sales.get(`/api/requests/${file.id}/merge-preview`, { query: { familyId: known.id } });
    const preview = previewed.json() as {
      flagged: boolean;
      newcomers: { firstName: string; sameAsId: string | null }[];
    };
    expect(preview.flagged).toBe(true);
    expect(preview.newcomers.find((n) => n.firstName === 'Paul')?.sameAsId).toBeNull();
    const merge = await sales.post(`/api/requests/${file.id}/merge`, { familyId: known.id, version: file.version });
    expect(merge.statusCode).toBe(200);
    const guardians = await guardiansOf(known.id);
    expect(guardians.map((g) => g.first_name).sort()).toEqual(['Anne', 'Paul']);
    expect(guardians.find((g) => g.first_name === 'Paul')).toMatchObject({ email: paulEmail, phone: sharedPhone });

    // Anne again, same e-mail and nothing new: one Anne, and the copy's history follows her.
    const again = await flaggedRequest();
    const [copy] = await guardiansOf(again.file.family_id);
    const body = { familyId: again.known.id, version: again.file.version };
    const merged = await sales.post(`/api/requests/${again.file.id}/merge`, body);
    expect(merged.json()).toMatchObject({ mergedGuardians: 1 });
    const anne = await guardiansOf(again.known.id);
    expect(anne).toHaveLength(1);
    const ids = [copy?.id ?? '', anne[0]?.id ?? ''];
    const audit = await db()
      .selectFrom('audit_log')
      .select(['entity_id', 'action'])
      .where('entity_id', 'in', ids)
      .execute();
    expect(audit.every((a) => a.entity_id === anne[0]?.id)).toBe(true);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'merge']));
  });

  it('refuses a stale or repeated merge', async () => {
    const { known, file } = await flaggedRequest();
    const url = `/api/requests/${file.id}/merge`;
    const stale = await sales.post(url, { familyId: known.id, version: file.version + 1 });
    expect(stale.json()).toMatchObject({ code: 'STALE_RECORD' });
    expect((await sales.post(url, { familyId: known.id, version: file.version })).statusCode).toBe(200);
    const again = await sales.post(url, { familyId: known.id, version: file.version + 1 });
    expect(again.json()).toMatchObject({ code: 'ALREADY_IN_FAMILY' });
    expect((await accounts.post(url, { familyId: known.id, version: 1 })).statusCode).toBe(403);
  });

  it('carries every column of the schema that points at a family', async () => {
    const tables = await db().introspection.getTables();
    const familyColumns = tables.flatMap((t) => {
      return t.columns.filter((c) => /(^|_)family_id$/.test(c.name)).map((c) => `${t.name}.${c.name}`);
    });
    const handled = [...FAMILY_REFERENCES, ...FAMILY_REFERENCES_HANDLED_APART].map((r) => `${r.table}.${r.column}`);
    expect(familyColumns.sort()).toEqual(handled.sort());
    // …and the page names every kind of record a merge moves.
    expect(['people', ...FAMILY_REFERENCES.map((r) => r.table)].sort()).toEqual([...MERGE_RECORD_KINDS].sort());
  });
});
