import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { writeSetting } from '../../platform/settings.js';
import {
  configureBilling,
  makeBillableFamily,
  makeLesson,
  makeMandate,
  makePlan,
  type BillableFamily,
} from '../../testing/billing-factories.js';

let ctx: TestContext;
let accounts: Agent;
let mine: BillableFamily;
let theirs: BillableFamily;
let guardian: Agent;
let teacher: Agent;

const mandateBody = (familyId: string) => ({
  familyId,
  debtorName: 'Claire Martin',
  address: { line1: '3 place de la Mairie', postalCode: '69003', city: 'Lyon', country: 'FR' },
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'BNPAFRPP',
  signerName: 'Claire Martin',
  consent: true,
});

// Each test on its own database: billing settings, invoice runs and certificates are organisation-wide.
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-03-02T08:00:00.000Z') });
  const planId = await makePlan(ctx.deps, { priceCents: 10_000 });
  mine = await makeBillableFamily(ctx.deps, { name: 'Mienne', billableFrom: '2026-03-02', planId });
  theirs = await makeBillableFamily(ctx.deps, {
    name: 'Autre',
    billableFrom: '2026-03-02',
    planId,
    teacherId: mine.teacherId,
  });
  accounts = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
  const guardianPerson = await ctx.deps.db
    .selectFrom('people')
    .select('id')
    .where('family_id', '=', mine.familyId)
    .where('kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  guardian = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'], { personId: guardianPerson.id })).email);
  teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: mine.teacherId })).email);
});
afterEach(async () => ctx.close());

/** The guardian of "mine" signs a mandate in the portal. */
async function signedMandate() {
  const res = await guardian.post('/api/billing/mandates', mandateBody(mine.familyId));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; rum: string; ibanMasked: string; signatureMethod: string };
}

/** Billing set up, both families' first invoices issued. */
async function invoicesIssued() {
  await configureBilling(ctx.deps);
  expect((await accounts.post('/api/billing/invoices/run', {})).statusCode).toBe(200);
}

describe('mandate signing', () => {
  it('refuses to record mandates until the creditor identifier is set', async () => {
    const res = await guardian.post('/api/billing/mandates', mandateBody(mine.familyId));
    expect(res.statusCode).toBe(409);
    expect((res.json() as { code: string }).code).toBe('CREDITOR_NOT_CONFIGURED');
  });

  it('refuses an invalid creditor identifier in the settings', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    const res = await admin.patch('/api/settings', {
      values: {
        'billing.creditor': {
          name: 'X',
          identifier: 'FR73ZZZ123456',
          iban: 'FR7630001007941234567890185',
          bic: null,
          line1: 'a',
          postalCode: '75011',
          city: 'Paris',
          country: 'FR',
        },
      },
    });
    expect(res.statusCode).toBe(400);
    // The error names the part of the setting that failed (the identifier), so the settings page shows it there.
    expect((res.json() as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual([
      'billing.creditor.identifier',
    ]);
  });

  it('lets a guardian sign in the portal with a typed name and consent, keeping the time and IP', async () => {
    await configureBilling(ctx.deps);
    const noConsent = await guardian.post('/api/billing/mandates', { ...mandateBody(mine.familyId), consent: false });
    expect(noConsent.statusCode).toBe(422);
    const badIban = await guardian.post('/api/billing/mandates', {
      ...mandateBody(mine.familyId),
      iban: 'FR76 3000 6000 0112 3456 7890 188',
    });
    expect(badIban.statusCode).toBe(422);
    expect((badIban.json() as { errors: { field: string; code: string }[] }).errors[0]).toMatchObject({
      field: 'iban',
      code: 'invalid_iban',
    });
    const mandate = await signedMandate();
    expect(mandate.signatureMethod).toBe('portal');
    expect(mandate.ibanMasked).toBe('FR76 •••• 0189');
    const row = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .selectAll()
      .where('id', '=', mandate.id)
      .executeTakeFirstOrThrow();
    expect(row.signed_at).toBe('2026-03-02T08:00:00.000Z');
    expect(row.signed_ip).toBeTruthy();
    expect(row.iban).toBe('FR7630006000011234567890189');
  });

  it('lets accounts record a paper mandate with its own RUM, unique per creditor identifier', async () => {
    await configureBilling(ctx.deps);
    const body = {
      ...mandateBody(theirs.familyId),
      consent: undefined,
      rum: 'PAPIER-2026-001',
      signedOn: '2026-02-15',
    };
    expect((await accounts.post('/api/billing/mandates', { ...body, rum: 'BAD//RUM' })).statusCode).toBe(422);
    const res = await accounts.post('/api/billing/mandates', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as { signatureMethod: string }).signatureMethod).toBe('paper');
    const again = await accounts.post('/api/billing/mandates', body);
    expect(again.statusCode).toBe(409);
  });
});

describe('who sees billing', () => {
  beforeEach(invoicesIssued);

  it('shows a guardian their own invoices only, and refuses another family’s', async () => {
    const list = await guardian.get('/api/billing/invoices');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: { familyId: string }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.familyId === mine.familyId)).toBe(true);
    expect((await guardian.get(`/api/billing/invoices?familyId=${theirs.familyId}`)).statusCode).toBe(403);
    const other = await ctx.deps.db
      .selectFrom('invoices')
      .select('id')
      .where('family_id', '=', theirs.familyId)
      .executeTakeFirstOrThrow();
    expect((await guardian.get(`/api/billing/invoices/${other.id}`)).statusCode).toBe(403);
    expect((await guardian.get(`/api/billing/invoices/${other.id}/pdf`)).statusCode).toBe(403);
    expect((await guardian.get(`/api/billing/families/${theirs.familyId}/mandates`)).statusCode).toBe(403);
    expect((await guardian.post('/api/billing/mandates', mandateBody(theirs.familyId))).statusCode).toBe(403);
    expect((await guardian.get(`/api/billing/families/${mine.familyId}/overview`)).statusCode).toBe(403);
  });

  it('finds one invoice by its number for accounts, and never another family’s for a guardian', async () => {
    const other = await ctx.deps.db
      .selectFrom('invoices')
      .select(['id', 'number'])
      .where('family_id', '=', theirs.familyId)
      .executeTakeFirstOrThrow();
    const found = await accounts.get(`/api/billing/invoices?number=${encodeURIComponent(other.number)}`);
    expect(found.statusCode).toBe(200);
    expect((found.json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([other.id]);
    const unknown = await accounts.get('/api/billing/invoices?number=NO-SUCH-NUMBER');
    expect((unknown.json() as { items: unknown[] }).items).toEqual([]);
    const guarded = await guardian.get(`/api/billing/invoices?number=${encodeURIComponent(other.number)}`);
    expect(guarded.statusCode).toBe(200);
    expect((guarded.json() as { items: unknown[] }).items).toEqual([]);
  });

  it('lets a guardian download their own invoice as a PDF', async () => {
    const own = await ctx.deps.db
      .selectFrom('invoices')
      .select('id')
      .where('family_id', '=', mine.familyId)
      .executeTakeFirstOrThrow();
    const res = await guardian.get(`/api/billing/invoices/${own.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('shows teachers nothing of billing, even for families they teach', async () => {
    const own = await ctx.deps.db
      .selectFrom('invoices')
      .select('id')
      .where('family_id', '=', mine.familyId)
      .executeTakeFirstOrThrow();
    expect((await teacher.get('/api/billing/invoices')).statusCode).toBe(403);
    expect((await teacher.get(`/api/billing/invoices/${own.id}`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/billing/invoices/${own.id}/pdf`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/billing/families/${mine.familyId}/mandates`)).statusCode).toBe(403);
    expect((await teacher.get(`/api/billing/certificates?familyId=${mine.familyId}`)).statusCode).toBe(403);
    expect((await teacher.get('/api/billing/holds')).statusCode).toBe(403);
  });

  it('keeps batches, payments and holds to accounts (and refuses anonymous callers)', async () => {
    expect((await guardian.post('/api/billing/batches', { collectionDate: '2026-04-01' })).statusCode).toBe(403);
    expect((await guardian.get('/api/billing/batches')).statusCode).toBe(403);
    expect(
      (
        await teacher.post('/api/billing/payments', {
          invoiceId: crypto.randomUUID(),
          method: 'transfer',
          amountCents: 100,
          receivedOn: '2026-03-02',
        })
      ).statusCode,
    ).toBe(403);
    expect((await anonymous(ctx).get('/api/billing/invoices')).statusCode).toBe(401);
    const sales = await loginAs(ctx, (await makeUser(ctx.deps, ['sales'])).email);
    expect((await sales.get('/api/billing/invoices')).statusCode).toBe(403);
  });

  it('gives accounts a family’s invoices, debits and lessons side by side', async () => {
    const mandate = await signedMandate();
    const res = await accounts.get(`/api/billing/families/${mine.familyId}/overview`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { invoices: unknown[]; mandates: unknown[]; lessons: unknown[] };
    expect(body.invoices.length).toBeGreaterThan(0);
    expect(body.mandates).toEqual([expect.objectContaining({ id: mandate.id })]);
  });
});

describe('tax certificates', () => {
  beforeEach(invoicesIssued);

  it('certifies what was paid in the year for home lessons only, and only the family reads it', async () => {
    await writeSetting(
      ctx.deps.db,
      'billing.legalMentions',
      {
        address: '12 rue des Lilas, 75011 Paris',
        siret: '12345678901234',
        vatMention: 'TVA non applicable',
        sapNumber: 'SAP123456789',
        sapDate: '2020-03-01',
      },
      '2026-03-02T08:00:00.000Z',
    );
    await makeLesson(ctx.deps, mine, { date: '2026-03-05', place: 'home', minutes: 45 });
    await makeLesson(ctx.deps, mine, { date: '2026-03-12', place: 'home', minutes: 45 });
    await makeLesson(ctx.deps, mine, { date: '2026-03-19', place: 'online', minutes: 90 });
    await makeLesson(ctx.deps, theirs, { date: '2026-03-05', place: 'online', minutes: 45 });
    const invoice = await ctx.deps.db
      .selectFrom('invoices')
      .selectAll()
      .where('family_id', '=', mine.familyId)
      .executeTakeFirstOrThrow();
    const theirInvoice = await ctx.deps.db
      .selectFrom('invoices')
      .selectAll()
      .where('family_id', '=', theirs.familyId)
      .executeTakeFirstOrThrow();
    expect(
      (
        await accounts.post('/api/billing/payments', {
          invoiceId: invoice.id,
          method: 'transfer',
          amountCents: 6_000,
          receivedOn: '2026-03-20',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await accounts.post('/api/billing/payments', {
          invoiceId: invoice.id,
          method: 'aid',
          amountCents: 1_000,
          receivedOn: '2026-03-21',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (
        await accounts.post('/api/billing/payments', {
          invoiceId: theirInvoice.id,
          method: 'transfer',
          amountCents: 5_000,
          receivedOn: '2026-03-20',
        })
      ).statusCode,
    ).toBe(201);

    // A certificate counts only what was received by its issue date: it is issued once the lessons and payments
    // above are past (sessions do not outlive the days between: log in again).
    ctx.clock.set('2026-03-25T08:00:00.000Z');
    const emailOf = async (role: string, personId: string | null) => {
      const row = await ctx.deps.db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select('users.email')
        .where('user_roles.role', '=', role)
        .where('users.person_id', personId === null ? 'is' : '=', personId)
        .executeTakeFirstOrThrow();
      return row.email;
    };
    accounts = await loginAs(ctx, await emailOf('accounts', null));
    const guardianPersonId = (
      await ctx.deps.db
        .selectFrom('people')
        .select('id')
        .where('family_id', '=', mine.familyId)
        .where('kind', '=', 'guardian')
        .executeTakeFirstOrThrow()
    ).id;
    guardian = await loginAs(ctx, await emailOf('guardian', guardianPersonId));
    expect((await guardian.post('/api/billing/certificates/generate', { year: 2026 })).statusCode).toBe(403);
    const gen = await accounts.post('/api/billing/certificates/generate', { year: 2026 });
    expect(gen.statusCode, gen.body).toBe(200);
    // The other family had online lessons only: no certificate.
    expect((gen.json() as { generated: number }).generated).toBe(1);
    const list = (
      (await guardian.get(`/api/billing/certificates?familyId=${mine.familyId}`)).json() as {
        items: { id: string; paidCents: number; aidCents: number; homeMinutes: number }[];
      }
    ).items;
    expect(list).toHaveLength(1);
    // 6,000 paid, aid excluded; 90 home minutes out of 180: half of it is certified.
    expect(list[0]).toMatchObject({ paidCents: 3_000, aidCents: 1_000, homeMinutes: 90 });
    const pdf = await guardian.get(`/api/billing/certificates/${list[0]?.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const mail = await ctx.deps.db
      .selectFrom('outbox')
      .select('to_address')
      .where('template', '=', 'billing.tax-certificate')
      .execute();
    expect(mail.map((m) => m.to_address)).toEqual([mine.guardianEmail]);

    const otherGuardianPerson = await ctx.deps.db
      .selectFrom('people')
      .select('id')
      .where('family_id', '=', theirs.familyId)
      .where('kind', '=', 'guardian')
      .executeTakeFirstOrThrow();
    const other = await loginAs(
      ctx,
      (await makeUser(ctx.deps, ['guardian'], { personId: otherGuardianPerson.id })).email,
    );
    expect((await other.get(`/api/billing/certificates/${list[0]?.id}/pdf`)).statusCode).toBe(403);
    expect((await other.get(`/api/billing/certificates?familyId=${mine.familyId}`)).statusCode).toBe(403);
  });

  it('lists a year’s certificates by family name, a page at a time, for accounts only', async () => {
    const now = new Date().toISOString();
    const row = (familyId: string, year = 2025) => ({
      ...{ id: newId(), family_id: familyId, year, paid_cents: 100, aid_cents: 0, home_minutes: 60, content: '{}' },
      ...{ generated_at: now, generated_by: null, emailed_at: null, version: 1 },
    });
    const rows = [row(mine.familyId), row(theirs.familyId), row(mine.familyId, 2026)];
    await ctx.deps.db.insertInto('tax_certificates').values(rows).execute();
    const names: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res = await accounts.get(`/api/billing/certificates?year=2025&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { familyName: string; year: number }[]; nextCursor: string | null };
      names.push(...body.items.map((c) => c.familyName));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(names).toEqual(['Autre', 'Mienne']);
    expect((await guardian.get('/api/billing/certificates?year=2025')).statusCode).toBe(403);
    const own = (await guardian.get(`/api/billing/certificates?familyId=${mine.familyId}`)).json() as {
      items: { year: number }[];
    };
    expect(own.items.map((c) => c.year)).toEqual([2026, 2025]);
  });
});

describe('the mandate list', () => {
  it('pages accounts through every mandate, newest first, and finds one by family name or RUM', async () => {
    for (const [k, signedOn] of ['2025-01-10', '2025-06-01', '2025-06-01', '2024-12-31'].entries()) {
      await makeMandate(ctx.deps, k % 2 ? mine.familyId : theirs.familyId, { signedOn });
    }
    const all = await ctx.deps.db.selectFrom('sepa_mandates').select(['id', 'signed_on']).execute();
    const seen: { id: string; signedOn: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await accounts.get(`/api/billing/mandates?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { id: string; signedOn: string }[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && seen.length <= all.length);
    expect(seen.map((m) => m.id).sort()).toEqual(all.map((m) => m.id).sort());
    const dates = seen.map((m) => m.signedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const byName = (await accounts.get('/api/billing/mandates?q=Mienne')).json() as { items: { familyName: string }[] };
    expect(byName.items.length).toBeGreaterThan(0);
    expect(byName.items.every((m) => m.familyName === 'Mienne')).toBe(true);
    const rum = await ctx.deps.db.selectFrom('sepa_mandates').select('rum').executeTakeFirstOrThrow();
    const byRum = (await accounts.get(`/api/billing/mandates?q=${encodeURIComponent(rum.rum)}`)).json() as {
      items: { rum: string }[];
    };
    expect(byRum.items.map((m) => m.rum)).toEqual([rum.rum]);
  });

  it('is refused to families, teachers and anonymous callers', async () => {
    expect((await guardian.get('/api/billing/mandates')).statusCode).toBe(403);
    expect((await teacher.get('/api/billing/mandates')).statusCode).toBe(403);
    expect((await anonymous(ctx).get('/api/billing/mandates')).statusCode).toBe(401);
  });
});

describe('held debits, page by page', () => {
  it('walks the open holds newest first without repeating one, and shows a family only its own in its overview', async () => {
    const now = new Date().toISOString();
    const ids = { a: newId(), b: newId(), c: newId(), d: newId() };
    const hold = (id: string, subscriptionId: string, since: string, released = false) => ({
      id,
      subscription_id: subscriptionId,
      kind: 'no_lesson',
      dedupe_key: `test:${id}`,
      since,
      reason: 'test',
      released_at: released ? now : null,
      released_on: released ? since : null,
      released_by: null,
      release_reason: released ? 'test' : null,
      created_at: now,
      version: 1,
    });
    await ctx.deps.db
      .insertInto('debit_holds')
      .values([
        hold(ids.a, mine.subscriptionId, '2026-02-01'),
        hold(ids.b, theirs.subscriptionId, '2026-02-03'),
        hold(ids.c, theirs.subscriptionId, '2026-02-03'),
        hold(ids.d, mine.subscriptionId, '2026-02-05', true),
      ])
      .execute();
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const res = await accounts.get(`/api/billing/holds?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: { holdId: string; since: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((h) => h.holdId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const open = await ctx.deps.db
      .selectFrom('debit_holds')
      .select('id')
      .where('released_at', 'is', null)
      .orderBy('since', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(open.map((h) => h.id));
    expect(seen).not.toContain(ids.d);
    const overview = (await accounts.get(`/api/billing/families/${mine.familyId}/overview`)).json() as {
      holds: { familyId: string }[];
    };
    expect(overview.holds.map((h) => (h as unknown as { holdId: string }).holdId)).toContain(ids.a);
    expect(overview.holds.every((h) => h.familyId === mine.familyId)).toBe(true);
  });
});
