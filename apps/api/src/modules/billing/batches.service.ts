import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import type { DebitReturnBody, ScheduleBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { CollectionBatchesTable, DebitsTable, SepaMandatesTable } from '../../db/tables.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { dateInZone } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { ID_CHUNK, slices } from '../../platform/batching.js';
import { createTask } from '../../platform/tasks.js';
import {
  announcedCollectionDate,
  earliestCollection,
  mandateRefusal,
  noticeDecision,
  noticeDays,
  refundWindowProblem,
  sequenceType,
} from './billing-rules.js';
import { readBillingSettings, type BillingSettings } from './billing.settings.js';
import { preNotificationMail, scheduleMail } from './billing.mail.js';
import { writePain008, type PainDebit, type PainFormat } from './pain008.js';
import * as repo from './billing.repository.js';
import * as batchesRepo from './batches.repository.js';
import { normaliseIban } from './sepa-validation.js';

type BatchRow = Selectable<CollectionBatchesTable>;
type MandateRow = Selectable<SepaMandatesTable>;
type ExclusionReason = 'hold' | 'dispute' | 'no_mandate' | 'mandate_expired' | 'mandate_ended' | 'late_prenotification';

// Debits per read while writing a file: the file streams, memory stays flat.
const PAGE = 5000;

export function toBatch(b: BatchRow) {
  return {
    id: b.id,
    reference: b.reference,
    collectionDate: b.collection_date,
    status: b.status,
    format: b.format,
    debitCount: b.debit_count,
    totalCents: b.total_cents,
    preparedAt: b.prepared_at,
    exportedAt: b.exported_at,
    version: b.version,
  };
}

/**
 * Collection batches: what will be debited on a date and what is left out and why; the pain.008 export; returns.
 * "Never debited twice" is held by the unique instalment_id of `debits`, and a batch is frozen once exported.
 */
export function createBatchesService(deps: Deps) {
  const { db, clock } = deps;

  async function todayIn(): Promise<string> {
    return organisationToday(db, clock);
  }

  async function* debitPages(tx: Tx, batchId: string, seq: string): AsyncIterable<PainDebit[]> {
    let after = '';
    for (;;) {
      const rows = await batchesRepo.debitPage(tx, batchId, seq, after, PAGE);
      if (!rows.length) return;
      yield rows.map((d) => ({
        endToEndId: d.end_to_end_id,
        amountCents: d.amount_cents,
        rum: d.mandate_rum,
        signedOn: d.mandate_signed_on,
        debtorName: d.debtor_name,
        iban: d.debtor_iban,
        bic: d.debtor_bic,
        street: d.debtor_street,
        postalCode: d.debtor_postal_code,
        town: d.debtor_town,
        country: d.debtor_country,
        remittance: d.remittance,
      }));
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < PAGE) return;
    }
  }

  /** Writes the batch's pain.008 through `write`; deterministic for an exported batch (its stored time and rows). */
  async function writeFile(
    tx: Tx,
    batch: BatchRow,
    format: PainFormat,
    settings: BillingSettings,
    write: (chunk: string) => void,
  ): Promise<void> {
    if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED');
    const groups = await batchesRepo.debitTotalsBySequence(tx, batch.id);
    await writePain008(
      {
        format,
        messageId: batch.reference,
        createdAt: batch.exported_at ?? clock.now().toISOString(),
        collectionDate: batch.collection_date,
        creditor: {
          ...settings.creditor,
          identifier: settings.creditor.identifier.replace(/\s+/g, '').toUpperCase(),
          iban: normaliseIban(settings.creditor.iban),
          bic: settings.creditor.bic?.toUpperCase() ?? null,
        },
        count: batch.debit_count,
        totalCents: batch.total_cents,
        groups: groups.map((g) => ({ sequenceType: g.sequence_type, count: Number(g.n), totalCents: Number(g.total) })),
        debitsOf: (seq) => debitPages(tx, batch.id, seq),
      },
      write,
    );
  }

  async function lines(batchId: string) {
    const included = await batchesRepo.includedLines(db, batchId);
    const excluded = await batchesRepo.excludedLines(db, batchId);
    return {
      included: included.map((d) => ({
        instalmentId: d.instalment_id,
        invoiceId: d.invoice_id,
        invoiceNumber: d.number,
        familyId: d.family_id,
        familyName: d.name,
        amountCents: d.amount_cents,
        sequenceType: d.sequence_type,
        debitId: d.id,
        debitStatus: d.status,
        reason: null,
        detail: null,
      })),
      excluded: excluded.map((e) => ({
        instalmentId: e.instalment_id,
        invoiceId: e.invoice_id,
        invoiceNumber: e.number,
        familyId: e.family_id,
        familyName: e.name,
        amountCents: e.amount_cents,
        sequenceType: null,
        debitId: null,
        debitStatus: null,
        reason: e.reason,
        detail: e.detail,
      })),
    };
  }

  type Notice = {
    familyId: string;
    mandate: MandateRow;
    /** each with the collection date its notice announces */
    instalments: { id: string; announcedOn: string; amount_cents: number; number: string }[];
  };

  /**
   * Pre-notifies instalments, one e-mail per family, inside the caller's transaction; for many families at once
   * (the sweep) with set-based statements. Families without an e-mail address are left for a later run.
   */
  async function sendNotices(
    tx: Tx,
    notices: Notice[],
    settings: BillingSettings,
    kind: 'notice' | 'schedule',
  ): Promise<number> {
    if (!settings.creditor || !notices.length) return 0;
    const emails = await repo.familyEmails(
      tx,
      notices.map((n) => n.familyId),
    );
    const reachable = notices.filter((n) => n.instalments.length && emails.has(n.familyId));
    const now = clock.now().toISOString();
    const ids = reachable.flatMap((n) => n.instalments.map((i) => i.id));
    // Claim first: a second sweep (or instance) finds them already notified and sends nothing.
    const announced = reachable.flatMap((n) => n.instalments.map((i) => ({ id: i.id, announcedOn: i.announcedOn })));
    const claimed = ids.length ? await batchesRepo.claimPreNotification(tx, announced, now) : new Set<string>();
    if (!claimed.size) return 0;
    const sent = reachable
      .map((n) => ({ ...n, instalments: n.instalments.filter((i) => claimed.has(i.id)) }))
      .filter((n) => n.instalments.length);
    return enqueueNotices(tx, sent, settings, emails, kind);
  }

  /** The notices' e-mails (one per family, each line with the date it will be collected), queued in the outbox. */
  async function enqueueNotices(
    tx: Tx,
    notices: Notice[],
    settings: BillingSettings,
    emails: Map<string, string>,
    kind: 'notice' | 'schedule' = 'notice',
  ): Promise<number> {
    if (!settings.creditor) return 0;
    const locales = await batchesRepo.familyLocales(
      tx,
      notices.map((n) => n.familyId),
    );
    const mails = [];
    let count = 0;
    for (const n of notices) {
      const lines = n.instalments;
      if (!lines.length) continue;
      count += lines.length;
      const params = {
        organisation: settings.creditor.name,
        creditorId: n.mandate.creditor_identifier,
        rum: n.mandate.rum,
        ibanEnd: n.mandate.iban.slice(-4),
        lines: lines.map((c) => ({ dueOn: c.announcedOn, amountCents: c.amount_cents, invoiceNumber: c.number })),
      };
      mails.push({
        to: emails.get(n.familyId) as string,
        locale: locales.get(n.familyId) === 'en' ? ('en' as const) : ('fr' as const),
        mail: kind === 'schedule' ? scheduleMail(params) : preNotificationMail(params),
        related: { type: 'family', id: n.familyId },
      });
    }
    await deps.mailer.enqueueMany(tx, mails);
    return count;
  }

  /** The preparation itself, inside the caller's transaction (the demo seeds a batch through it). */
  async function prepareIn(
    tx: Tx,
    actor: Actor,
    collectionDate: string,
    settings: BillingSettings,
    today: string,
  ): Promise<string> {
    const now = clock.now().toISOString();
    const id = newId();
    const reference = `HRM-${collectionDate.replace(/-/g, '')}-${id.replace(/-/g, '').slice(0, 12).toUpperCase()}`;
    await batchesRepo.insertBatch(tx, {
      id,
      reference,
      collection_date: collectionDate,
      status: 'prepared',
      format: null,
      debit_count: 0,
      total_cents: 0,
      prepared_by: actorUserId(actor),
      prepared_at: now,
      exported_by: null,
      exported_at: null,
      file_sha256: null,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const rows = await batchesRepo.sepaCandidates(tx, collectionDate);
    // What the checks need, read per chunk of ids rather than per candidate: open holds, mandates, disputes,
    // mandates already used.
    const held = new Map<string, string>();
    const subStudent = new Map<string, string>();
    for (const r of rows) {
      if (!r.subscription_id || !r.student_id) continue;
      subStudent.set(r.subscription_id, r.student_id);
      if (r.on_hold) held.set(r.subscription_id, r.hold_reason ?? 'on_hold');
    }
    for (const [subscriptionId, hold] of await batchesRepo.openHolds(tx, [...subStudent.keys()]))
      held.set(subscriptionId, hold);
    const familyIds = [...new Set(rows.map((r) => r.family_id))];
    const mandates = new Map<string, MandateRow>();
    for (const slice of slices(familyIds, ID_CHUNK))
      for (const [familyId, m] of await repo.currentMandates(tx, slice)) mandates.set(familyId, m);
    const disputes = await batchesRepo.disputedLessonDates(tx, [...new Set(subStudent.values())]);
    const usedBefore = await batchesRepo.mandatesUsedBefore(tx, [...new Set([...mandates.values()].map((m) => m.id))]);
    // Pre-notifications of one sweep share their instant: the day in the zone is computed once per instant.
    const sentDays = new Map<string, string>();
    const sentDay = (at: string) => {
      let day = sentDays.get(at);
      if (day === undefined) sentDays.set(at, (day = dateInZone(new Date(at), settings.timeZone)));
      return day;
    };

    // Lines whose notice this preparation sends (a later date, or a new notice), read for e-mails after the loop.
    const toNotify: {
      row: (typeof rows)[number];
      mandate: MandateRow;
      kind: 'postpone' | 'notify';
      sentOn: string | null;
    }[] = [];
    const debits: DebitsTable[] = [];
    const exclusions: {
      batch_id: string;
      instalment_id: string;
      invoice_id: string;
      family_id: string;
      subscription_id: string | null;
      amount_cents: number;
      reason: ExclusionReason;
      detail: string | null;
    }[] = [];
    const exclude = (r: (typeof rows)[number], reason: ExclusionReason, detail: string | null) =>
      exclusions.push({
        batch_id: id,
        instalment_id: r.id,
        invoice_id: r.invoice_id,
        family_id: r.family_id,
        subscription_id: r.subscription_id,
        amount_cents: r.amount_cents,
        reason,
        detail,
      });
    for (const r of rows) {
      if (r.subscription_id && held.has(r.subscription_id)) {
        exclude(r, 'hold', held.get(r.subscription_id) ?? null);
        continue;
      }
      const student = r.subscription_id ? subStudent.get(r.subscription_id) : undefined;
      const disputed = student
        ? (disputes.get(student) ?? []).filter(
            (d) => !r.period_start || !r.period_end || (d >= r.period_start && d <= r.period_end),
          )
        : [];
      if (disputed.length) {
        exclude(r, 'dispute', disputed.sort().join(', '));
        continue;
      }
      const mandate = mandates.get(r.family_id) ?? null;
      if (!mandate) {
        exclude(r, 'no_mandate', null);
        continue;
      }
      const refusal = mandateRefusal(mandate, collectionDate);
      if (refusal) {
        exclude(r, refusal, mandate.rum);
        continue;
      }
      if (mandate.type === 'oneoff' && usedBefore.has(mandate.id)) {
        exclude(r, 'mandate_ended', mandate.rum);
        continue;
      }
      // The debit goes on the date and for the amount its notice announced; otherwise a notice of this batch's
      // date goes now, when the delay allows it (never a debit on a date or amount the family was not told).
      const sentOn = r.prenotified_at ? sentDay(r.prenotified_at) : null;
      const decision = noticeDecision(
        { sentOn, announcedOn: r.prenotified_due_on, announcedCents: r.prenotified_amount_cents },
        noticeDays(mandate, settings.noticeDays),
        today,
        collectionDate,
        r.amount_cents,
      );
      if (decision.kind === 'late') {
        exclude(r, 'late_prenotification', `${sentOn ?? '-'} → ${decision.earliest}`);
        continue;
      }
      if (decision.kind !== 'ok') toNotify.push({ row: r, mandate, kind: decision.kind, sentOn });
      debits.push({
        id: newId(),
        batch_id: id,
        instalment_id: r.id,
        invoice_id: r.invoice_id,
        mandate_id: mandate.id,
        family_id: r.family_id,
        amount_cents: r.amount_cents,
        sequence_type: sequenceType(mandate, usedBefore.has(mandate.id)),
        end_to_end_id: `E${r.id.replace(/-/g, '')}`.slice(0, 35),
        mandate_rum: mandate.rum,
        mandate_signed_on: mandate.signed_on,
        debtor_name: mandate.debtor_name,
        debtor_iban: mandate.iban,
        debtor_bic: mandate.bic,
        debtor_street: [mandate.debtor_line1, mandate.debtor_line2].filter(Boolean).join(', '),
        debtor_postal_code: mandate.debtor_postal_code,
        debtor_town: mandate.debtor_city,
        debtor_country: mandate.debtor_country,
        remittance: `${r.number}`,
        status: 'prepared',
        returned_on: null,
        return_kind: null,
        return_reason: null,
        created_at: now,
        updated_at: now,
        version: 1,
      });
    }
    // One e-mail per family states this batch's date and each amount; a family without an address cannot be told:
    // its lines wait.
    const emails = toNotify.length
      ? await repo.familyEmails(tx, [...new Set(toNotify.map((n) => n.row.family_id))])
      : new Map<string, string>();
    const notices = new Map<string, Notice>();
    const renewed: string[] = [];
    const postponed: string[] = [];
    const unreachable = new Set<string>();
    for (const { row: r, mandate, kind, sentOn } of toNotify) {
      if (!emails.has(r.family_id)) {
        unreachable.add(r.id);
        exclude(r, 'late_prenotification', `${sentOn ?? '-'} → ?`);
        continue;
      }
      (kind === 'postpone' ? postponed : renewed).push(r.id);
      const notice = notices.get(r.family_id) ?? { familyId: r.family_id, mandate, instalments: [] };
      notice.instalments.push({
        id: r.id,
        announcedOn: collectionDate,
        amount_cents: r.amount_cents,
        number: r.number,
      });
      notices.set(r.family_id, notice);
    }
    const kept = unreachable.size ? debits.filter((d) => !unreachable.has(d.instalment_id)) : debits;
    await batchesRepo.insertDebits(tx, kept);
    await batchesRepo.insertExclusions(tx, exclusions);
    if (notices.size) {
      await batchesRepo.recordBatchNotices(tx, { renewed, postponed }, collectionDate, now);
      await enqueueNotices(tx, [...notices.values()], settings, emails);
    }
    const total = kept.reduce((s, d) => s + d.amount_cents, 0);
    await batchesRepo.setBatchTotals(tx, id, kept.length, total);
    await recordAudit(tx, clock, actor, {
      entityType: 'collection-batch',
      entityId: id,
      action: 'prepare',
      after: {
        collection_date: collectionDate,
        debit_count: kept.length,
        total_cents: total,
        excluded: exclusions.length,
      },
    });
    return id;
  }

  return {
    writeFile,
    prepareIn,

    /**
     * Pre-notifies every SEPA instalment falling due within the notice period (plus a week), grouped in one e-mail
     * per family; idempotent through the prenotified_at claim.
     */
    async preNotifyDue(): Promise<{ notified: number }> {
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      // Without a creditor identifier no notice can be sent (sendNotices would give 0 for every family).
      if (!settings.creditor) return { notified: 0 };
      const horizon = earliestCollection(today, settings.noticeDays + 7);
      const rows = await batchesRepo.instalmentsToPreNotify(db, horizon);
      let notified = 0;
      const byFamily = new Map<string, typeof rows>();
      for (const r of rows) {
        const list = byFamily.get(r.family_id);
        if (list) list.push(r);
        else byFamily.set(r.family_id, [r]);
      }
      // The families' mandates in one read per chunk (same choice as repo.currentMandate), and one transaction per
      // chunk of families: families without a usable mandate stay due on every run, and a re-run must not pay a
      // query for each.
      const families = [...byFamily.keys()];
      for (const chunk of slices(families, ID_CHUNK)) {
        const mandates = await repo.currentMandates(db, chunk);
        const notices: Notice[] = [];
        for (const familyId of chunk) {
          const mandate = mandates.get(familyId);
          // Each notice announces the real collection date: the due date, or the first date the delay allows.
          const notice = noticeDays(mandate ?? { short_notice_days: null }, settings.noticeDays);
          if (mandate && !mandateRefusal(mandate, today))
            notices.push({
              familyId,
              mandate,
              instalments: (byFamily.get(familyId) ?? []).map((i) => ({
                ...i,
                announcedOn: announcedCollectionDate(i.due_on, today, notice),
              })),
            });
        }
        notified += await db.transaction().execute((tx) => sendNotices(tx, notices, settings, 'notice'));
      }
      await deps.mailer.flush();
      return { notified };
    },

    /** A schedule of a family's coming debits, sent at once: it is the pre-notification of each debit it lists. */
    async sendSchedule(actor: Actor, body: z.infer<typeof ScheduleBody>): Promise<{ notified: number }> {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      const mandate = await repo.currentMandate(db, body.familyId);
      if (!mandate || mandateRefusal(mandate, today)) throw new DomainError('NOT_FOUND');
      const rows = await batchesRepo.familyInstalmentsToSchedule(db, body.familyId, body.through);
      const notified = await db.transaction().execute(async (tx) => {
        const notice = noticeDays(mandate, settings.noticeDays);
        const instalments = rows.map((i) => ({ ...i, announcedOn: announcedCollectionDate(i.due_on, today, notice) }));
        const n = await sendNotices(tx, [{ familyId: body.familyId, mandate, instalments }], settings, 'schedule');
        await recordAudit(tx, clock, actor, {
          entityType: 'family',
          entityId: body.familyId,
          action: 'debit-schedule-sent',
          summary: `${n} instalments through ${body.through}`,
        });
        return n;
      });
      await deps.mailer.flush();
      return { notified };
    },

    /**
     * Prepares a batch for a collection date: each candidate instalment is either included (a debit row, with a
     * snapshot of the mandate and debtor) or excluded with its reason — hold, dispute, no mandate, mandate
     * expired or ended, pre-notification too late (it moves to a later batch, never earlier).
     */
    async prepare(actor: Actor, collectionDate: string) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      if (collectionDate <= today)
        throw new DomainError('COLLECTION_DATE_PAST', {
          fields: [{ field: 'collectionDate', code: 'COLLECTION_DATE_PAST' }],
        });
      if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED');
      const batchId = await db.transaction().execute((tx) => prepareIn(tx, actor, collectionDate, settings, today));
      return this.get(actor, batchId);
    },

    async list(actor: Actor) {
      requirePermission(actor, 'billing.manage');
      const rows = await batchesRepo.latestBatches(db);
      return rows.map(toBatch);
    },

    async get(actor: Actor, batchId: string) {
      requirePermission(actor, 'billing.manage');
      const batch = await batchesRepo.findBatch(db, batchId);
      if (!batch) throw notFound();
      return { ...toBatch(batch), ...(await lines(batchId)) };
    },

    /** A prepared batch may be dropped (its instalments go back to the pool); an exported one never. */
    async cancel(actor: Actor, batchId: string, version: number) {
      requirePermission(actor, 'billing.manage');
      await db.transaction().execute(async (tx) => {
        const batch = await batchesRepo.findBatch(tx, batchId);
        if (!batch) throw notFound();
        if (batch.status !== 'prepared') throw new DomainError('BATCH_EXPORTED');
        const now = clock.now().toISOString();
        if (!(await batchesRepo.cancelPreparedBatch(tx, batchId, version, now))) throw stale();
        await batchesRepo.deletePreparedDebits(tx, batchId);
        await recordAudit(tx, clock, actor, {
          entityType: 'collection-batch',
          entityId: batchId,
          action: 'cancel',
          before: { status: 'prepared', debit_count: batch.debit_count },
        });
      });
      return this.get(actor, batchId);
    },

    /**
     * Exports the batch: frozen from then on. The debits count as collected on the collection date (a payment
     * each), the mandates record their use (a final or one-off debit ends its mandate), and the file's SHA-256 is
     * kept so the download can be checked against what was sent.
     */
    async export(actor: Actor, batchId: string, body: { version: number; format?: PainFormat }) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const format = body.format ?? settings.painFormat;
      await db.transaction().execute(async (tx) => {
        const batch = await batchesRepo.findBatch(tx, batchId);
        if (!batch) throw notFound();
        if (batch.status !== 'prepared') throw new DomainError('BATCH_EXPORTED');
        if (batch.debit_count === 0) throw new DomainError('BATCH_EMPTY');
        const now = clock.now().toISOString();
        const exported = await batchesRepo.markBatchExported(tx, batchId, body.version, {
          format,
          now,
          by: actorUserId(actor),
        });
        if (!exported) throw stale();
        const hash = createHash('sha256');
        await writeFile(tx, { ...batch, exported_at: now }, format, settings, (chunk) => hash.update(chunk));
        await batchesRepo.setBatchFileHash(tx, batchId, hash.digest('hex'));
        await batchesRepo.recordCollection(tx, batch, now, actorUserId(actor));
        await recordAudit(tx, clock, actor, {
          entityType: 'collection-batch',
          entityId: batchId,
          action: 'export',
          before: { status: 'prepared' },
          after: { status: 'exported', format },
        });
      });
      return this.get(actor, batchId);
    },

    /** The exported file, written again from the frozen rows (same bytes as the recorded SHA-256). */
    async file(actor: Actor, batchId: string, write: (chunk: string) => void) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const batch = await batchesRepo.findBatch(db, batchId);
      if (!batch) throw notFound();
      if (batch.status !== 'exported' || !batch.format) throw new DomainError('BATCH_NOT_EXPORTED');
      await writeFile(db, batch, batch.format as PainFormat, settings, write);
      return { filename: `${batch.reference}.xml`, sha256: batch.file_sha256 };
    },

    async batchHeader(actor: Actor, batchId: string) {
      requirePermission(actor, 'billing.manage');
      const batch = await batchesRepo.findBatch(db, batchId);
      if (!batch) throw notFound();
      if (batch.status !== 'exported' || !batch.format) throw new DomainError('BATCH_NOT_EXPORTED');
      return batch;
    },

    /**
     * A rejected or refunded debit: the refund window is enforced (8 weeks; 13 months without a valid mandate), the
     * collection payment is reversed, the invoice reopens and accounts gets a task.
     */
    async recordReturn(actor: Actor, debitId: string, body: z.infer<typeof DebitReturnBody>) {
      requirePermission(actor, 'billing.manage');
      await db.transaction().execute(async (tx) => {
        const debit = await batchesRepo.findDebit(tx, debitId);
        if (!debit) throw notFound();
        if (debit.status === 'returned') throw new DomainError('DEBIT_ALREADY_RETURNED');
        if (debit.status !== 'exported') throw new DomainError('DEBIT_NOT_EXPORTED');
        const problem = refundWindowProblem(body.kind, body.reasonCode, debit.collection_date, body.on);
        if (problem) throw new DomainError(problem, { fields: [{ field: 'on', code: problem }] });
        const now = clock.now().toISOString();
        const returned = await batchesRepo.markDebitReturned(tx, debitId, {
          on: body.on,
          kind: body.kind,
          reason: body.reasonCode,
          now,
        });
        if (!returned) throw stale();
        await repo.insertPayment(tx, {
          id: newId(),
          family_id: debit.family_id,
          invoice_id: debit.invoice_id,
          instalment_id: debit.instalment_id,
          debit_id: debit.id,
          method: 'sepa',
          amount_cents: -debit.amount_cents,
          received_on: body.on,
          cash_on: null,
          reference: `${body.kind}:${body.reasonCode}`,
          note: body.note ?? null,
          created_by: actorUserId(actor),
          created_at: now,
        });
        await batchesRepo.markInstalmentReturned(tx, debit.instalment_id, now);
        await repo.refreshInvoiceStatus(tx, debit.invoice_id, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'debit',
          entityId: debit.id,
          action: body.kind,
          before: { status: 'exported' },
          after: { status: 'returned', reason: body.reasonCode, on: body.on },
          summary: `${debit.number} ${body.reasonCode}`,
        });
        await createTask(tx, clock, {
          kind: 'debit-returned',
          service: 'accounts',
          title: `Prélèvement ${body.kind === 'refund' ? 'remboursé' : 'rejeté'} (${body.reasonCode}) — facture ${debit.number}`,
          details: body.note ?? null,
          dueOn: body.on,
          familyId: debit.family_id,
          dedupeKey: `debit-returned:${debit.id}`,
        });
      });
      return { returned: true };
    },
  };
}

export type BatchesService = ReturnType<typeof createBatchesService>;
