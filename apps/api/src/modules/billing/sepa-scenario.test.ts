import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { createTestApp, loginAs, makeUser, requireAll, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { runSweeps } from '../../platform/jobs.js';
import { readSetting, writeSetting } from '../../platform/settings.js';
import { makeFamily } from '../../testing/factories.js';
import {
  configureBilling,
  makeBillableFamily,
  makeIcs,
  makeLesson,
  makeMandate,
  makePlan,
} from '../../testing/billing-factories.js';
import { createBatchesService } from './batches.service.js';
import { readBillingSettings } from './billing.settings.js';
import type { PainFormat } from './pain008.js';

/**
 * The "Done when" scenario of issue 12: batches prepared and exported on several dates with a revocation, a hold,
 * returns (MD01, AM04), a change of RUM and a change of the organisation's ICS in between; then every exported
 * file is checked against both schemas (as exported, and written again in the other version) and the sequence
 * invariants are checked across the files, read back from the XML: FRST once per mandate (a rejected or returned
 * first collection never settled, so the next is FRST again), then RCUR, nothing after FNAL, OOFF once, no
 * collection dated before an earlier one of the same mandate, nothing after a revocation, and the amendment
 * (AmdmntInd with OrgnlMndtId / OrgnlCdtrSchmeId) in the first file after a change of RUM or ICS, and only there.
 */
const repoRoot = path.resolve(import.meta.dirname, '../../../../..');
const xsdDir = path.resolve(repoRoot, process.env.SEPA_XSD_DIR ?? '../shared/xsd');
const xsd = (version: string) => path.join(xsdDir, `pain.008.001.${version}.xsd`);
const schemasPresent = fs.existsSync(xsd('08')) && fs.existsSync(xsd('02'));
const scenario = schemasPresent || requireAll ? it : it.skip;

let ctx: TestContext;
let accountsEmail: string;
beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-10-01T08:00:00.000Z') });
  await configureBilling(ctx.deps, { noticeDays: 14, holdAfterDays: 60 });
  accountsEmail = (await makeUser(ctx.deps, ['accounts'])).email;
});
afterAll(async () => ctx.close());

const accounts = () => loginAs(ctx, accountsEmail);
const at = (day: string) => ctx.clock.set(`${day}T08:00:00.000Z`);

type Tx = {
  endToEndId: string;
  rum: string;
  sequenceType: string;
  amended: boolean;
  originalRum: string | null;
  originalIcs: string | null;
};
type ExportedFile = { batchId: string; round: number; format: PainFormat; collectionDate: string; txs: Tx[] };

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'PmtInf' || name === 'DrctDbtTxInf',
});
type Node = Record<string, unknown>;
const get = (node: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((n, k) => (n && typeof n === 'object' ? (n as Node)[k] : undefined), node);

/** The transactions of a pain.008 file, with their payment block's sequence type and any amendment. */
function readFile(xml: string): { collectionDate: string; txs: Tx[] } {
  const doc = parser.parse(xml) as Node;
  const blocks = get(doc, 'Document', 'CstmrDrctDbtInitn', 'PmtInf') as Node[];
  const txs: Tx[] = [];
  let collectionDate = '';
  for (const block of blocks) {
    collectionDate = String(get(block, 'ReqdColltnDt'));
    const sequenceType = String(get(block, 'PmtTpInf', 'SeqTp'));
    for (const t of get(block, 'DrctDbtTxInf') as Node[]) {
      const info = get(t, 'DrctDbtTx', 'MndtRltdInf');
      const details = get(info, 'AmdmntInfDtls');
      txs.push({
        endToEndId: String(get(t, 'PmtId', 'EndToEndId')),
        rum: String(get(info, 'MndtId')),
        sequenceType,
        amended: get(info, 'AmdmntInd') === 'true',
        originalRum: (get(details, 'OrgnlMndtId') as string | undefined) ?? null,
        originalIcs: (get(details, 'OrgnlCdtrSchmeId', 'Id', 'PrvtId', 'Othr', 'Id') as string | undefined) ?? null,
      });
    }
  }
  return { collectionDate, txs };
}

async function expectValid(xml: string, format: PainFormat) {
  const version = format.slice(-2);
  const schema = { fileName: `${format}.xsd`, contents: fs.readFileSync(xsd(version), 'utf8') };
  const result = await validateXML({ xml: { fileName: 'batch.xml', contents: xml }, schema });
  expect(result.errors.map((e) => e.message)).toEqual([]);
}

type Detail = {
  id: string;
  version: number;
  included: { familyId: string; sequenceType: string | null }[];
  excluded: { familyId: string; reason: string | null }[];
};

const files: ExportedFile[] = [];

/** Sweeps (notices), a batch for `collectionDate`, the changes made between preparation and export, the export. */
async function round(
  n: number,
  collectionDate: string,
  format: PainFormat,
  beforeExport: () => Promise<void> = async () => {},
): Promise<{ prepared: Detail; exported: Detail }> {
  await runSweeps(ctx.deps);
  const a = await accounts();
  const res = await a.post('/api/billing/batches', { collectionDate });
  expect(res.statusCode, res.body).toBe(201);
  const prepared = res.json() as Detail;
  await beforeExport();
  const current = (await (await accounts()).get(`/api/billing/batches/${prepared.id}`)).json() as Detail;
  const out = await (
    await accounts()
  ).post(`/api/billing/batches/${prepared.id}/export`, {
    version: current.version,
    format,
  });
  expect(out.statusCode, out.body).toBe(200);
  const file = await (await accounts()).get(`/api/billing/batches/${prepared.id}/file`);
  expect(file.statusCode).toBe(200);
  const read = readFile(file.body);
  expect(read.collectionDate).toBe(collectionDate);
  files.push({ batchId: prepared.id, round: n, format, collectionDate, txs: read.txs });
  // Both versions: the file as exported, and the same batch written in the other version.
  await expectValid(file.body, format);
  const other: PainFormat = format === 'pain.008.001.08' ? 'pain.008.001.02' : 'pain.008.001.08';
  const batch = await ctx.deps.db
    .selectFrom('collection_batches')
    .selectAll()
    .where('id', '=', prepared.id)
    .executeTakeFirstOrThrow();
  const chunks: string[] = [];
  await createBatchesService(ctx.deps).writeFile(
    ctx.deps.db,
    batch,
    other,
    await readBillingSettings(ctx.deps.db),
    (c) => {
      chunks.push(c);
    },
  );
  await expectValid(chunks.join(''), other);
  return { prepared, exported: out.json() as Detail };
}

async function invoices(familyId: string, dueDates: string[]) {
  const a = await accounts();
  for (const [i, dueOn] of dueDates.entries()) {
    const body = {
      familyId,
      reason: 'Cours hors abonnement',
      description: `Cours ${i + 1}`,
      amountCents: 4_000 + i * 100,
      dueOn,
    };
    const res = await a.post('/api/billing/invoices', body);
    expect(res.statusCode, res.body).toBe(201);
  }
}

async function mandateOf(mandateId: string) {
  return ctx.deps.db.selectFrom('sepa_mandates').selectAll().where('id', '=', mandateId).executeTakeFirstOrThrow();
}

describe('SEPA scenario: several batches, revocations, holds, returns, ICS and RUM changes', () => {
  scenario(
    'exports files valid under both schemas that keep the sequence invariants and carry each amendment once',
    async () => {
      expect(schemasPresent, `the official schemas are missing from ${xsdDir} (set SEPA_XSD_DIR)`).toBe(true);
      const dates = ['2026-10-06', '2026-10-13', '2026-10-20', '2026-10-27'];
      const names = ['Alpha', 'Bravo', 'Delta', 'Echo', 'Foxtrot', 'Golf'] as const;
      const fam: Record<string, { familyId: string; mandateId: string }> = {};
      for (const name of names) {
        const family = await makeFamily(ctx.deps, { name });
        const type = name === 'Delta' ? 'oneoff' : 'recurrent';
        fam[name] = {
          familyId: family.id,
          mandateId: await makeMandate(ctx.deps, family.id, { type, shortNoticeDays: 2 }),
        };
        await invoices(family.id, name === 'Delta' ? dates.slice(0, 2) : dates);
      }
      // Hotel: a subscription from the hand-over, held by staff before its first debit, released later.
      const planId = await makePlan(ctx.deps, { priceCents: 9_000 });
      const hotel = await makeBillableFamily(ctx.deps, { name: 'Hotel', billableFrom: '2026-10-01', planId });
      await makeLesson(ctx.deps, hotel, { date: '2026-10-01' });
      fam.Hotel = {
        familyId: hotel.familyId,
        mandateId: await makeMandate(ctx.deps, hotel.familyId, { shortNoticeDays: 2 }),
      };
      expect((await (await accounts()).post('/api/billing/invoices/run', {})).statusCode).toBe(200);
      const hold = (on: boolean) =>
        ctx.deps.db
          .updateTable('subscriptions')
          .set(on ? { on_hold: 1, hold_reason: 'staff', hold_since: '2026-10-01' } : { on_hold: 0 })
          .where('id', '=', hotel.subscriptionId)
          .execute();
      await hold(true);
      const F = (name: string) => fam[name] as { familyId: string; mandateId: string };
      const lineOf = (d: Detail, name: string) => ({
        in: d.included.filter((l) => l.familyId === F(name).familyId).map((l) => l.sequenceType),
        out: d.excluded.filter((l) => l.familyId === F(name).familyId).map((l) => l.reason),
      });
      const oldIcs = makeIcs();

      // Round 1 (10-06, pain.008.001.08): first collections (Hotel's first debit is due later).
      const r1 = await round(1, dates[0] as string, 'pain.008.001.08');
      expect(lineOf(r1.exported, 'Alpha').in).toEqual(['FRST']);
      expect(lineOf(r1.exported, 'Delta').in).toEqual(['OOFF']);
      expect(lineOf(r1.exported, 'Hotel').in).toEqual([]);

      // Between: Bravo revoked; Echo's RUM changed; Foxtrot refunded MD01 (mandate revoked); Golf returned AM04.
      at('2026-10-08');
      const bravo = await mandateOf(F('Bravo').mandateId);
      const revoke = await (
        await accounts()
      ).post(`/api/billing/mandates/${bravo.id}/end`, {
        version: bravo.version,
        reason: 'Révoqué par la famille',
        mode: 'revoke',
      });
      expect(revoke.statusCode, revoke.body).toBe(200);
      const echo = await mandateOf(F('Echo').mandateId);
      const renamed = await (
        await accounts()
      ).post(`/api/billing/mandates/${echo.id}/rum`, {
        version: echo.version,
        rum: 'ECHO-NOUVELLE-RUM',
        reason: 'Renumérotation',
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      const debitOf = (name: string, batchId: string) =>
        ctx.deps.db
          .selectFrom('debits')
          .select('id')
          .where('family_id', '=', F(name).familyId)
          .where('batch_id', '=', batchId)
          .executeTakeFirstOrThrow();
      const returned = async (name: string, kind: string, reasonCode: string) => {
        const d = await debitOf(name, r1.prepared.id);
        const res = await (
          await accounts()
        ).post(`/api/billing/debits/${d.id}/return`, {
          kind,
          reasonCode,
          on: '2026-10-07',
        });
        expect(res.statusCode, res.body).toBe(200);
      };
      await returned('Foxtrot', 'refund', 'MD01');
      await returned('Golf', 'return', 'AM04');
      expect((await mandateOf(F('Foxtrot').mandateId)).status).toBe('revoked');

      // Round 2 (10-13, .02): Hotel still held; Golf's first collection came back: FRST again.
      const r2 = await round(2, dates[1] as string, 'pain.008.001.02');
      expect(lineOf(r2.exported, 'Alpha').in).toEqual(['RCUR']);
      expect(lineOf(r2.exported, 'Bravo').out).toContain('mandate_ended');
      expect(lineOf(r2.exported, 'Foxtrot').out).toContain('mandate_ended');
      expect(lineOf(r2.exported, 'Delta')).toEqual({ in: [], out: ['mandate_ended'] }); // ended by its OOFF
      expect(lineOf(r2.exported, 'Golf').in).toEqual(['FRST']);
      expect(lineOf(r2.exported, 'Hotel').out).toContain('hold');

      // Between: the organisation's ICS changes; the hold is released.
      at('2026-10-14');
      const newIcs = makeIcs('765432');
      const creditor = await readSetting<{ identifier: string }>(ctx.deps.db, 'billing.creditor');
      await writeSetting(ctx.deps.db, 'billing.creditor', { ...creditor, identifier: newIcs }, '2026-10-14T08:00:00Z');
      await hold(false);

      // Round 3 (10-20, .08): Alpha flagged to end between preparation and export: its line becomes FNAL.
      const r3 = await round(3, dates[2] as string, 'pain.008.001.08', async () => {
        const alpha = await mandateOf(F('Alpha').mandateId);
        const res = await (
          await accounts()
        ).post(`/api/billing/mandates/${alpha.id}/end`, {
          version: alpha.version,
          reason: 'Fin des cours',
          mode: 'final_on_next',
        });
        expect(res.statusCode, res.body).toBe(200);
      });
      expect(lineOf(r3.exported, 'Alpha').in).toEqual(['FNAL']);
      expect(lineOf(r3.exported, 'Hotel').in).toEqual(['FRST']);

      // Round 4 (10-27, .02): Alpha ended by its FNAL; no amendment left to carry.
      at('2026-10-21');
      const r4 = await round(4, dates[3] as string, 'pain.008.001.02');
      expect(lineOf(r4.exported, 'Alpha').in).toEqual([]);
      expect(lineOf(r4.exported, 'Alpha').out).toContain('mandate_ended');

      // The invariants, read from the files in export order.
      const debits = await ctx.deps.db
        .selectFrom('debits')
        .innerJoin('sepa_mandates', 'sepa_mandates.id', 'debits.mandate_id')
        .select(['debits.end_to_end_id', 'debits.mandate_id', 'debits.return_kind', 'sepa_mandates.type'])
        .execute();
      const byE2e = new Map(debits.map((d) => [d.end_to_end_id, d]));
      type Seen = Tx & { round: number; collectionDate: string; returnKind: string | null; type: string };
      const perMandate = new Map<string, Seen[]>();
      for (const f of files)
        for (const t of f.txs) {
          const d = byE2e.get(t.endToEndId);
          expect(d, t.endToEndId).toBeDefined();
          if (!d) continue;
          const seen = {
            ...t,
            round: f.round,
            collectionDate: f.collectionDate,
            returnKind: d.return_kind,
            type: d.type,
          };
          perMandate.set(d.mandate_id, [...(perMandate.get(d.mandate_id) ?? []), seen]);
        }
      const revokedAfterRound1 = new Set([F('Bravo').mandateId, F('Foxtrot').mandateId]);
      for (const [mandateId, seen] of perMandate) {
        const label = `${mandateId} ${seen.map((s) => `${s.round}:${s.sequenceType}`).join(' ')}`;
        // At most one first-use line per mandate in a file.
        for (const f of files)
          expect(
            seen.filter((s) => s.round === f.round && ['FRST', 'OOFF'].includes(s.sequenceType)).length,
            label,
          ).toBeLessThanOrEqual(1);
        if (seen[0]?.type === 'oneoff') {
          expect(
            seen.map((s) => s.sequenceType),
            label,
          ).toEqual(['OOFF']);
          continue;
        }
        expect(
          seen.some((s) => s.sequenceType === 'OOFF'),
          label,
        ).toBe(false);
        // Collections that settled (not rejected nor returned): FRST once and first, then RCUR, FNAL last.
        const settled = seen.filter((s) => s.returnKind !== 'reject' && s.returnKind !== 'return');
        expect(settled[0]?.sequenceType, label).toBe('FRST');
        expect(
          settled.filter((s) => s.sequenceType === 'FRST'),
          label,
        ).toHaveLength(1);
        for (const [i, s] of seen.entries()) {
          const before = seen.slice(0, i);
          if (s.sequenceType !== 'FRST')
            expect(
              before.some((b) => b.sequenceType === 'FRST' && b.round < s.round),
              label,
            ).toBe(true);
          expect(
            before.some((b) => b.sequenceType === 'FNAL'),
            label,
          ).toBe(false);
          // Never dated before an earlier collection of the same mandate.
          for (const b of before) expect(b.collectionDate <= s.collectionDate, label).toBe(true);
          if (revokedAfterRound1.has(mandateId)) expect(s.round, label).toBe(1);
        }
      }
      // Held through round 2, collected once released (its next period falls after round 4).
      expect(perMandate.get(F('Hotel').mandateId)?.map((s) => s.round)).toEqual([3]);
      // Golf's returned amount is debited again on its new due date (10-23), in round 4.
      expect(
        files
          .find((f) => f.round === 4)
          ?.txs.filter((t) => byE2e.get(t.endToEndId)?.mandate_id === F('Golf').mandateId),
      ).toHaveLength(2);

      // Amendments: Echo's new RUM in round 2 only; the ICS change in round 3 only, for every mandate in it.
      for (const f of files)
        for (const t of f.txs) {
          const d = byE2e.get(t.endToEndId);
          const isEcho = d?.mandate_id === F('Echo').mandateId;
          const expected = {
            amended: (isEcho && f.round === 2) || f.round === 3,
            originalRum: isEcho && f.round === 2 ? echo.rum : null,
            originalIcs: f.round === 3 ? oldIcs : null,
          };
          expect(
            { amended: t.amended, originalRum: t.originalRum, originalIcs: t.originalIcs },
            `${f.round} ${t.rum}`,
          ).toEqual(expected);
          if (isEcho && f.round >= 2) expect(t.rum).toBe('ECHO-NOUVELLE-RUM');
        }
      expect(files.find((f) => f.round === 3)?.txs.length).toBeGreaterThan(0);
      const mandates = await ctx.deps.db
        .selectFrom('sepa_mandates')
        .select(['creditor_identifier', 'original_rum', 'status'])
        .execute();
      for (const m of mandates.filter((x) => x.status === 'active'))
        expect(m).toMatchObject({ creditor_identifier: newIcs, original_rum: null });
    },
    120_000,
  );
});
