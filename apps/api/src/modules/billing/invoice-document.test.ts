import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { makeFamily, makeTeacher } from '../../testing/factories.js';
import { configureBilling, makeBillableFamily, makePlan } from '../../testing/billing-factories.js';
import { pdfText } from '../../testing/pdf-text.js';

/*
 * An invoice a French auditor accepts: the payer's full name and billing address (refused without them, saying
 * what is missing), a line per period or lesson with quantity, unit price and teacher, "Total" with the VAT
 * exemption mention, dates written the French way, no arrow glyph; a credit note on a paid invoice owes a refund.
 */
let ctx: TestContext;
let agent: Agent;

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-12-01T08:00:00.000Z') });
  await configureBilling(ctx.deps);
  agent = await loginAs(ctx, (await makeUser(ctx.deps, ['accounts'])).email);
});
afterEach(async () => ctx.close());

type InvoiceView = {
  id: string;
  number: string;
  billedName: string;
  amountCents: number;
  refundDueCents: number;
  lines: { description: string; quantity: number; unit: string; unitPriceCents: number; teacherName: string | null }[];
};

const pdfOf = async (id: string) => {
  const res = await agent.get(`/api/billing/invoices/${id}/pdf`);
  expect(res.statusCode).toBe(200);
  return pdfText(res.rawPayload).text;
};

describe('invoices', () => {
  it('bill a period to the payer in full, with its line, teacher, French dates and the VAT exemption', async () => {
    const teacher = await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Lefèvre' });
    const planId = await makePlan(ctx.deps, { priceCents: 12_000 });
    const family = await makeBillableFamily(ctx.deps, {
      name: 'Martin',
      billableFrom: '2026-12-01',
      planId,
      teacherId: teacher.id,
    });
    expect((await agent.post('/api/billing/invoices/run', { through: '2026-12-01' })).statusCode).toBe(200);
    const list = (await agent.get(`/api/billing/invoices?familyId=${family.familyId}`)).json() as {
      items: InvoiceView[];
    };
    const invoice = list.items[0] as InvoiceView;
    expect(invoice.billedName).toBe('Claire Martin');
    expect(invoice.lines).toEqual([
      expect.objectContaining({ quantity: 1, unit: 'period', unitPriceCents: 12_000, teacherName: 'Hélène Lefèvre' }),
    ]);
    const text = await pdfOf(invoice.id);
    expect(text).toContain('Claire Martin');
    expect(text).toContain('3 place de la Mairie');
    expect(text).toContain('69003 Lyon');
    expect(text).toContain('Date d’émission : 1er décembre 2026');
    expect(text).toContain('Période : du 1er au 31 décembre 2026');
    expect(text).toContain('Hélène Lefèvre');
    expect(text).toContain('Prix unitaire');
    expect(text).toMatch(/Total : 120,00\s€/);
    expect(text).toContain('TVA non applicable, art. 293 B du CGI');
    expect(text).not.toContain('TTC');
    expect(text).not.toContain('→');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('refuse a one-off invoice without the billing address, naming each missing field', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Sansadresse', billingAddress: null });
    const res = await agent.post('/api/billing/invoices', {
      reason: 'Adhésion annuelle',
      familyId: family.id,
      description: 'Cours particuliers',
      amountCents: 5_000,
      dueOn: '2026-12-20',
    });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; errors: { field: string; code: string }[] };
    expect(body.code).toBe('PAYER_INCOMPLETE');
    expect(body.errors.map((e) => e.code).sort()).toEqual([
      'billing_city_missing',
      'billing_line1_missing',
      'billing_postal_code_missing',
    ]);
    expect(await ctx.deps.db.selectFrom('invoices').select('id').execute()).toEqual([]);
  });

  it('leave a period uninvoiced while the payer has no address, with a task for accounts', async () => {
    const planId = await makePlan(ctx.deps);
    const family = await makeBillableFamily(ctx.deps, { name: 'Incomplet', billableFrom: '2026-12-01', planId });
    await ctx.deps.db
      .updateTable('families')
      .set({ billing_line1: null, billing_postal_code: null, billing_city: null })
      .where('id', '=', family.familyId)
      .execute();
    const run = await agent.post('/api/billing/invoices/run', { through: '2026-12-01' });
    expect(run.json()).toMatchObject({ issued: 0 });
    const tasks = await ctx.deps.db.selectFrom('tasks').select(['kind', 'title']).execute();
    expect(tasks).toEqual([
      expect.objectContaining({ kind: 'invoice-payer-incomplete', title: expect.stringContaining('code postal') }),
    ]);
  });

  it('bill lessons or hours line by line with quantity, unit price and teacher', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Durand' });
    const teacher = await makeTeacher(ctx.deps, { firstName: 'Paul', lastName: 'Ødegård' });
    const res = await agent.post('/api/billing/invoices', {
      reason: 'Adhésion annuelle',
      familyId: family.id,
      description: 'Stage de vacances',
      dueOn: '2026-12-20',
      lines: [
        { description: 'Cours de guitare', quantity: 4, unit: 'lesson', unitPriceCents: 3_000, teacherId: teacher.id },
        { description: 'Atelier', quantity: 1.5, unit: 'hour', unitPriceCents: 2_000 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const invoice = res.json() as InvoiceView;
    expect(invoice.amountCents).toBe(15_000);
    const text = await pdfOf(invoice.id);
    expect(text).toContain('Paul Ødegård');
    expect(text).toContain('4 cours');
    expect(text).toContain('1,5 h');
    expect(text).toMatch(/30,00\s€/);
    expect(text).toMatch(/Total : 150,00\s€/);
    const wrong = await agent.post('/api/billing/invoices', {
      reason: 'Adhésion annuelle',
      familyId: family.id,
      description: 'Stage',
      dueOn: '2026-12-20',
      amountCents: 1_000,
      lines: [{ description: 'Cours', quantity: 1, unit: 'lesson', unitPriceCents: 3_000 }],
    });
    expect(wrong.statusCode).toBe(422);
  });

  it('credit a paid invoice and record the refund it owes the family', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Rembourse' });
    const issued = (
      await agent.post('/api/billing/invoices', {
        reason: 'Adhésion annuelle',
        familyId: family.id,
        description: 'Cours de décembre',
        amountCents: 8_000,
        dueOn: '2026-12-10',
      })
    ).json() as InvoiceView;
    const paid = await agent.post('/api/billing/payments', {
      invoiceId: issued.id,
      method: 'transfer',
      amountCents: 8_000,
      receivedOn: '2026-12-01',
    });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    const note = await agent.post(`/api/billing/invoices/${issued.id}/credit-note`, {
      amountCents: 3_000,
      reason: 'Deux cours annulés par le professeur',
    });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ kind: 'credit_note', amountCents: 3_000, refundDueCents: 3_000 });
    const tasks = await ctx.deps.db.selectFrom('tasks').select(['kind', 'title']).execute();
    expect(tasks).toEqual([expect.objectContaining({ kind: 'refund-due', title: expect.stringContaining('30,00 €') })]);
    const text = await pdfOf((note.json() as InvoiceView).id);
    expect(text).toContain(`Avoir sur la facture ${issued.number}`);
    expect(text).toMatch(/Remboursement dû à la famille : 30,00\s€/);
    // Never more than the invoice itself.
    const tooMuch = await agent.post(`/api/billing/invoices/${issued.id}/credit-note`, {
      amountCents: 5_001,
      reason: 'Trop',
    });
    expect(tooMuch.statusCode).toBe(422);
  });

  it('write an English-speaking family’s invoice in French with English beside it', async () => {
    const family = await makeFamily(ctx.deps, { name: 'Smith' });
    await ctx.deps.db.updateTable('families').set({ locale: 'en' }).where('id', '=', family.id).execute();
    const issued = (
      await agent.post('/api/billing/invoices', {
        reason: 'Adhésion annuelle',
        familyId: family.id,
        description: 'Lessons',
        amountCents: 8_000,
        dueOn: '2026-12-10',
      })
    ).json() as InvoiceView;
    const text = await pdfOf(issued.id);
    expect(text).toContain('Facture / Invoice');
    expect(text).toContain('Date d’émission / Issue date : 1er décembre 2026');
  });
});
