import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, loginAs, makeUser, requireAll, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import {
  configureBilling,
  makeBillableFamily,
  makeIcs,
  makeMandate,
  makePlan,
} from '../../testing/billing-factories.js';

/**
 * A mandate keeps the creditor identifier it was signed under; after a change of the organisation's ICS or of the
 * mandate's RUM, its next collection carries AmdmntInd with the original identifiers, once (issue 12, item 4).
 */
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const xsdDir = path.resolve(repoRoot, process.env.SEPA_XSD_DIR ?? '../shared/xsd');
const xsd = (version: string) => path.join(xsdDir, `pain.008.001.${version}.xsd`);
const schemasPresent = fs.existsSync(xsd('08')) && fs.existsSync(xsd('02'));
const schemaTest = schemasPresent || requireAll ? it : it.skip;

let ctx: TestContext;
let accountsEmail: string;

beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
});
afterEach(async () => ctx.close());

const accounts = () => loginAs(ctx, accountsEmail);

/** Invoices due on `dueOn` for each family, notified now, then a batch for that date exported in `format`. */
async function collect(familyIds: string[], dueOn: string, format: string, debitCount = familyIds.length) {
  const agent = await accounts();
  for (const familyId of familyIds) {
    const res = await agent.post('/api/billing/invoices', {
      familyId,
      reason: 'Cours hors abonnement',
      description: 'Cours',
      amountCents: 4_000,
      dueOn,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await runSweeps(ctx.deps);
  const prepared = await agent.post('/api/billing/batches', { collectionDate: dueOn });
  expect(prepared.statusCode, prepared.body).toBe(201);
  const batch = prepared.json() as { id: string; version: number; included: unknown[] };
  expect(batch.included).toHaveLength(debitCount);
  const exported = await agent.post(`/api/billing/batches/${batch.id}/export`, { version: batch.version, format });
  expect(exported.statusCode, exported.body).toBe(200);
  const file = await agent.get(`/api/billing/batches/${batch.id}/file`);
  expect(file.statusCode).toBe(200);
  return file.body;
}

async function expectValid(xml: string, version: '08' | '02') {
  expect(schemasPresent, `the official schemas are missing from ${xsdDir} (set SEPA_XSD_DIR)`).toBe(true);
  const schema = { fileName: `pain.008.001.${version}.xsd`, contents: fs.readFileSync(xsd(version), 'utf8') };
  const result = await validateXML({ xml: { fileName: 'batch.xml', contents: xml }, schema });
  expect(result.errors.map((e) => e.message)).toEqual([]);
}

/** The transaction of a mandate reference in a file. */
const transactionOf = (xml: string, rum: string) =>
  xml.split('<DrctDbtTxInf>').find((tx) => tx.includes(`<MndtId>${rum}</MndtId>`)) ?? '';

describe.each(['08', '02'] as const)('amendments in pain.008.001.%s', (version) => {
  schemaTest('carries a change of ICS and of RUM in the next collection only, in a valid file', async () => {
    const format = `pain.008.001.${version}`;
    const planId = await makePlan(ctx.deps, { priceCents: 4_000 });
    const renamed = await makeBillableFamily(ctx.deps, { name: 'Renommé', billableFrom: null, planId });
    const kept = await makeBillableFamily(ctx.deps, { name: 'Gardé', billableFrom: null, planId });
    const renamedMandate = await makeMandate(ctx.deps, renamed.familyId);
    await makeMandate(ctx.deps, kept.familyId);
    const mandates = async () =>
      new Map((await ctx.deps.db.selectFrom('sepa_mandates').selectAll().execute()).map((m) => [m.family_id, m]));
    const before = await mandates();
    const oldIcs = makeIcs();
    const oldRum = before.get(renamed.familyId)?.rum as string;
    const keptRum = before.get(kept.familyId)?.rum as string;
    expect(before.get(renamed.familyId)?.creditor_identifier).toBe(oldIcs);

    const first = await collect([renamed.familyId, kept.familyId], '2026-10-20', format);
    expect(first).not.toContain('AmdmntInd');
    await expectValid(first, version);

    // The organisation's ICS changes; one mandate is given a new reference.
    ctx.clock.set('2026-10-21T08:00:00.000Z');
    const newIcs = makeIcs('654321');
    const creditor = await readSetting<{ identifier: string }>(ctx.deps.db, 'billing.creditor');
    await writeSetting(ctx.deps.db, 'billing.creditor', { ...creditor, identifier: newIcs }, '2026-10-21T08:00:00Z');
    const mandateId = renamedMandate;
    const version1 = (await mandates()).get(renamed.familyId)?.version as number;
    const changed = await (
      await accounts()
    ).post(`/api/billing/mandates/${mandateId}/rum`, {
      version: version1,
      rum: 'HRM-NOUVELLE-REF-1',
      reason: 'Fusion',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const taken = await (
      await accounts()
    ).post(`/api/billing/mandates/${mandateId}/rum`, {
      version: version1 + 1,
      rum: keptRum.toLowerCase(),
      reason: 'Erreur',
    });
    expect(taken.statusCode).toBe(409);

    const second = await collect([renamed.familyId, kept.familyId], '2026-11-10', format);
    await expectValid(second, version);
    expect(second).toContain(`<Id>${newIcs}</Id>`);
    const amended = transactionOf(second, 'HRM-NOUVELLE-REF-1');
    expect(amended).toContain('<AmdmntInd>true</AmdmntInd>');
    expect(amended).toContain(`<OrgnlMndtId>${oldRum}</OrgnlMndtId>`);
    expect(amended).toMatch(new RegExp(`<OrgnlCdtrSchmeId>.*<Id>${oldIcs}</Id>.*</OrgnlCdtrSchmeId>`));
    const icsOnly = transactionOf(second, keptRum);
    expect(icsOnly).toContain('<AmdmntInd>true</AmdmntInd>');
    expect(icsOnly).not.toContain('OrgnlMndtId');
    expect(icsOnly).toContain(`<Id>${oldIcs}</Id>`);
    expect(second.match(/<AmdmntInd>/g)).toHaveLength(2);
    // Consumed: the mandates now stand under the new ICS and reference.
    const after = await mandates();
    expect(after.get(renamed.familyId)).toMatchObject({ creditor_identifier: newIcs, original_rum: null });
    expect(after.get(kept.familyId)?.creditor_identifier).toBe(newIcs);

    ctx.clock.set('2026-11-11T08:00:00.000Z');
    const third = await collect([renamed.familyId, kept.familyId], '2026-12-01', format);
    await expectValid(third, version);
    expect(third).not.toContain('AmdmntInd');
    expect(third).not.toContain(oldIcs);
  });
});

describe('a rejected amended collection', () => {
  schemaTest('carries the amendment again in the next file; a returned one does not', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 4_000 });
    const rejected = await makeBillableFamily(ctx.deps, { name: 'Rejeté', billableFrom: null, planId });
    const returned = await makeBillableFamily(ctx.deps, { name: 'Retourné', billableFrom: null, planId });
    const rejectedMandate = await makeMandate(ctx.deps, rejected.familyId);
    const returnedMandate = await makeMandate(ctx.deps, returned.familyId);
    const rumOf = async (id: string) =>
      ctx.deps.db.selectFrom('sepa_mandates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const oldRums = [(await rumOf(rejectedMandate)).rum, (await rumOf(returnedMandate)).rum];
    await collect([rejected.familyId, returned.familyId], '2026-10-20', 'pain.008.001.08');

    ctx.clock.set('2026-10-21T08:00:00.000Z');
    for (const [id, rum] of [
      [rejectedMandate, 'HRM-REJETE-NOUVEAU'],
      [returnedMandate, 'HRM-RETOURNE-NOUVEAU'],
    ] as const) {
      const res = await (
        await accounts()
      ).post(`/api/billing/mandates/${id}/rum`, { version: (await rumOf(id)).version, rum, reason: 'Fusion' });
      expect(res.statusCode, res.body).toBe(200);
    }
    const second = await collect([rejected.familyId, returned.familyId], '2026-11-10', 'pain.008.001.08');
    expect(second.match(/<AmdmntInd>true<\/AmdmntInd>/g)).toHaveLength(2);
    const debits = await ctx.deps.db
      .selectFrom('debits')
      .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
      .select(['debits.id', 'debits.mandate_id'])
      .where('collection_batches.collection_date', '=', '2026-11-10')
      .execute();
    const debitOf = (mandateId: string) => debits.find((d) => d.mandate_id === mandateId)?.id as string;
    const agent = await accounts();
    const reject = await agent.post(`/api/billing/debits/${debitOf(rejectedMandate)}/return`, {
      kind: 'reject',
      reasonCode: 'AC04',
      on: '2026-10-21',
    });
    expect(reject.statusCode, reject.body).toBe(200);
    ctx.clock.set('2026-11-12T08:00:00.000Z');
    const returnRes = await (
      await accounts()
    ).post(`/api/billing/debits/${debitOf(returnedMandate)}/return`, {
      kind: 'return',
      reasonCode: 'AM04',
      on: '2026-11-12',
    });
    expect(returnRes.statusCode, returnRes.body).toBe(200);
    expect(await rumOf(rejectedMandate)).toMatchObject({ rum: 'HRM-REJETE-NOUVEAU', original_rum: oldRums[0] });
    expect((await rumOf(returnedMandate)).original_rum).toBeNull();

    // The third file holds the new invoices and the two re-presented amounts (the setting's new due date).
    const third = await collect([rejected.familyId, returned.familyId], '2026-12-01', 'pain.008.001.08', 4);
    await expectValid(third, '08');
    const transactions = third.split('<DrctDbtTxInf>').slice(1);
    const ofRejected = transactions.filter((tx) => tx.includes('<MndtId>HRM-REJETE-NOUVEAU</MndtId>'));
    expect(ofRejected.length).toBeGreaterThan(0);
    for (const tx of ofRejected) {
      expect(tx).toContain('<AmdmntInd>true</AmdmntInd>');
      expect(tx).toContain(`<OrgnlMndtId>${oldRums[0]}</OrgnlMndtId>`);
    }
    for (const tx of transactions.filter((t) => t.includes('<MndtId>HRM-RETOURNE-NOUVEAU</MndtId>')))
      expect(tx).not.toContain('AmdmntInd');
    // Carried, it is consumed: the mandate stands under its new reference alone.
    expect((await rumOf(rejectedMandate)).original_rum).toBeNull();
  });
});

describe('changing a mandate reference', () => {
  it('is for accounts only: the family itself, sales and a teacher are refused, and nothing changes', async () => {
    const planId = await makePlan(ctx.deps, { priceCents: 4_000 });
    const family = await makeBillableFamily(ctx.deps, { name: 'Refusé', billableFrom: null, planId });
    const mandateId = await makeMandate(ctx.deps, family.familyId);
    const guardian = await ctx.deps.db
      .selectFrom('people')
      .select('id')
      .where('family_id', '=', family.familyId)
      .where('kind', '=', 'guardian')
      .executeTakeFirstOrThrow();
    const callers = [
      (await makeUser(ctx.deps, ['guardian'], { personId: guardian.id })).email,
      (await makeUser(ctx.deps, ['sales'])).email,
      (await makeUser(ctx.deps, ['teacher'])).email,
    ];
    for (const email of callers) {
      const res = await (
        await loginAs(ctx, email)
      ).post(`/api/billing/mandates/${mandateId}/rum`, { version: 1, rum: 'AUTRE-REF', reason: 'Essai' });
      expect(res.statusCode, email).toBe(403);
    }
    const spaced = await (
      await accounts()
    ).post(`/api/billing/mandates/${mandateId}/rum`, { version: 1, rum: 'AUTRE REF', reason: 'Essai' });
    expect(spaced.statusCode).toBe(422);
    const row = await ctx.deps.db
      .selectFrom('sepa_mandates')
      .select(['rum', 'original_rum'])
      .where('id', '=', mandateId)
      .executeTakeFirstOrThrow();
    expect(row.original_rum).toBeNull();
    expect(row.rum).not.toBe('AUTRE-REF');
  });
});
