import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { z } from 'zod';
import {
  isReturnReasonCode,
  SDD_RETURN_REASONS,
  type DebitReturnBody,
  type EXCLUSION_REASONS,
  type ReturnKind,
  type ScheduleBody,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { CollectionBatchesTable } from '../../db/tables.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId, newOrderedId } from '../../platform/ids.js';
import { dateInZone } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { ID_CHUNK, slices } from '../../platform/batching.js';
import { createTask } from '../../platform/tasks.js';
import {
  afterSequence,
  announcedCollectionDate,
  collectionDateProblem,
  earliestCollection,
  mandateRefusal,
  noticeDecision,
  nextSequenceType,
  noticeDays,
  refundWindowProblem,
  returnDateProblem,
  rejectedAmendment,
  returnedAmountPlan,
  type SequenceHistory,
  type SequenceType,
} from './billing-rules.js';
import { readBillingSettings, type BillingSettings } from './billing.settings.js';
import { debitReturnedMail, preNotificationMail, scheduleMail } from './billing.mail.js';
import { insertInstalment } from './invoices.repository.js';
import * as mandatesRepo from './mandates.repository.js';
import { writePain008, type PainDebit, type PainFormat } from './pain008.js';
import * as repo from './billing.repository.js';
import * as batchesRepo from './batches.repository.js';
import { normaliseIban, normaliseIcs } from './sepa-validation.js';

const RETURN_KIND_FR: Record<ReturnKind, string> = { reject: 'rejeté', return: 'retourné', refund: 'remboursé' };

type BatchRow = Selectable<CollectionBatchesTable>;
/** What a batch's checks and notices read of a mandate (`batchesRepo.MandateCheck`). */
type MandateRow = batchesRepo.MandateCheck;
type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

// Debits per read while writing a file: the file streams, memory stays flat.
const PAGE = 5000;
// Characters per stored part of an exported file (the file is ASCII: as many bytes).
const FILE_PART = 1 << 20;

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
        originalRum: d.original_rum,
        originalCreditorId: d.original_creditor_identifier,
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
    write: (chunk: string) => void | Promise<void>,
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
        // The identifier the debit will carry: the organisation's current one (a mandate signed under a former
        // one carries the amendment).
        creditorId: normaliseIcs(settings.creditor.identifier),
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

  type Candidate = Awaited<ReturnType<typeof batchesRepo.sepaCandidates>>[number] & {
    /** set when re-checking a prepared batch: its debit, the mandate it was prepared under, the invoice's state */
    debit_id?: string;
    mandate_id?: string;
    sequence_type?: string;
    instalment_status?: string;
    invoice_status?: string;
    invoice_unpaid?: number;
    invoice_credited?: number;
  };
  type Exclusion = {
    batch_id: string;
    instalment_id: string;
    invoice_id: string;
    family_id: string;
    subscription_id: string | null;
    amount_cents: number;
    reason: ExclusionReason;
    detail: string | null;
  };
  /** An included line whose notice must be sent now: a later date than announced, or a new notice in time. */
  type NoticeDue = { kind: 'postpone' | 'notify'; sentOn: string | null };
  type Inclusion = { line: Candidate; mandate: MandateRow; sequenceType: SequenceType; notice: NoticeDue | null };

  /**
   * The checks of a batch line, the same at preparation and at export: hold, dispute, what is still owed (when
   * re-checking), mandate (present, active, not lapsed), pre-notification in time, and the sequence type from the
   * mandate's history across batches (`nextSequenceType`). Each line is included with its mandate and sequence
   * type, or excluded with its reason; a re-check also gives the invoices' balances it read.
   */
  async function classify(
    tx: Tx,
    batchId: string,
    rows: Candidate[],
    context: { collectionDate: string; today: string; settings: BillingSettings; recheck: boolean },
  ): Promise<{ included: Inclusion[]; excluded: Exclusion[]; balances: Map<string, batchesRepo.InvoiceBalance> }> {
    const { collectionDate, today, settings, recheck } = context;
    // Every read below is one statement over the whole batch (the ids of the lines in hand, bound as many a statement
    // as the parameter limit allows).
    const held = new Map<string, string>();
    const subStudent = new Map<string, string>();
    for (const r of rows) {
      if (!r.subscription_id || !r.student_id) continue;
      subStudent.set(r.subscription_id, r.student_id);
      if (r.on_hold) held.set(r.subscription_id, r.hold_reason ?? 'on_hold');
    }
    const holds = await batchesRepo.openHoldsOf(tx, [...subStudent.keys()]);
    for (const [subscriptionId, hold] of holds) if (subStudent.has(subscriptionId)) held.set(subscriptionId, hold);
    // At preparation a line takes the family's current mandate; a re-check keeps the one it was prepared under.
    const mandateOf = new Map<string, MandateRow>();
    if (recheck) {
      const byId = await batchesRepo.mandatesById(tx, [...new Set(rows.map((r) => r.mandate_id as string))]);
      for (const r of rows) {
        const m = byId.get(r.mandate_id as string);
        if (m) mandateOf.set(r.id, m);
      }
    } else {
      const current = await batchesRepo.familyMandates(tx, [...new Set(rows.map((r) => r.family_id))]);
      for (const r of rows) {
        const m = current.get(r.family_id);
        if (m) mandateOf.set(r.id, m);
      }
    }
    const disputes = await batchesRepo.disputedLessonDatesOf(tx, [...new Set(subStudent.values())]);
    const balances = new Map<string, batchesRepo.InvoiceBalance>();
    if (recheck)
      for (const r of rows) {
        const unpaid = Number(r.invoice_unpaid ?? 0);
        balances.set(r.invoice_id, { owed: unpaid - Number(r.invoice_credited ?? 0), unpaid });
      }
    const histories = await batchesRepo.sequenceHistoriesOf(
      tx,
      [...new Set([...mandateOf.values()].map((m) => m.id))],
      recheck ? batchId : null,
    );
    // Pre-notifications of one sweep share their instant: the day in the zone is computed once per instant.
    const sentDays = new Map<string, string>();
    const sentDay = (at: string) => {
      let day = sentDays.get(at);
      if (day === undefined) sentDays.set(at, (day = dateInZone(new Date(at), settings.timeZone)));
      return day;
    };

    const excluded: Exclusion[] = [];
    const exclude = (r: Candidate, reason: ExclusionReason, detail: string | null) =>
      excluded.push({
        batch_id: batchId,
        instalment_id: r.id,
        invoice_id: r.invoice_id,
        family_id: r.family_id,
        subscription_id: r.subscription_id,
        amount_cents: r.amount_cents,
        reason,
        detail,
      });
    const eligible: { line: Candidate; mandate: MandateRow; notice: NoticeDue | null }[] = [];
    const owed = new Map([...balances].map(([invoiceId, balance]) => [invoiceId, balance.owed]));
    for (const r of rows) {
      if (recheck) {
        // Paid another way (cheque, transfer, credit note) since preparation: the debit would be collected twice.
        const left = owed.get(r.invoice_id) ?? 0;
        if (r.invoice_status !== 'open' || r.instalment_status !== 'due' || left < r.amount_cents) {
          exclude(r, 'paid_otherwise', `${r.number}: ${(Math.max(left, 0) / 100).toFixed(2)} €`);
          continue;
        }
        owed.set(r.invoice_id, left - r.amount_cents);
      }
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
      const mandate = mandateOf.get(r.id) ?? null;
      if (!mandate) {
        exclude(r, 'no_mandate', null);
        continue;
      }
      const refusal = mandateRefusal(mandate, collectionDate);
      if (refusal) {
        exclude(r, refusal, mandate.rum);
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
      eligible.push({ line: r, mandate, notice: decision.kind === 'ok' ? null : { kind: decision.kind, sentOn } });
    }
    // Sequence types, per mandate in line order: its history across the other batches, then this batch's lines.
    const lastLine = new Map<string, string>();
    for (const e of eligible) lastLine.set(e.mandate.id, e.line.id);
    const state = new Map<string, SequenceHistory>();
    const included: Inclusion[] = [];
    for (const e of eligible) {
      const m = e.mandate;
      const known = histories.get(m.id);
      const history: SequenceHistory = {
        ...(state.get(m.id) ?? {
          mandateType: m.type,
          finalOnNext: m.final_on_next === 1,
          used: known?.used ?? 0,
          closed: (known?.closed ?? 0) > 0,
          firstPending: (known?.firstPending ?? 0) > 0,
          latestDate: known?.latestDate ?? null,
        }),
        collectionDate,
        lastOfBatch: lastLine.get(m.id) === e.line.id,
      };
      const next = nextSequenceType(history);
      if ('refusal' in next) {
        exclude(e.line, next.refusal, history.latestDate ? `${m.rum} (${history.latestDate})` : m.rum);
        continue;
      }
      state.set(m.id, afterSequence(history, next.sequenceType));
      included.push({ line: e.line, mandate: m, sequenceType: next.sequenceType, notice: e.notice });
    }
    return { included, excluded, balances };
  }

  /**
   * Sends the notices a batch's lines need (one e-mail per family with this batch's date and each amount) and records
   * them; a family without an e-mail address cannot be told: its lines leave the batch (returned as exclusions).
   */
  async function notifyIncluded(
    tx: Tx,
    batchId: string,
    included: Inclusion[],
    collectionDate: string,
    settings: BillingSettings,
  ): Promise<{ kept: Inclusion[]; unreachable: Exclusion[] }> {
    const due = included.filter((i) => i.notice);
    if (!due.length) return { kept: included, unreachable: [] };
    const now = clock.now().toISOString();
    const emails = await repo.familyEmails(tx, [...new Set(due.map((i) => i.line.family_id))]);
    const notices = new Map<string, Notice>();
    const renewed: string[] = [];
    const postponed: string[] = [];
    const unreachable: Exclusion[] = [];
    for (const { line: r, mandate, notice } of due) {
      if (!emails.has(r.family_id)) {
        unreachable.push({
          batch_id: batchId,
          instalment_id: r.id,
          invoice_id: r.invoice_id,
          family_id: r.family_id,
          subscription_id: r.subscription_id,
          amount_cents: r.amount_cents,
          reason: 'late_prenotification',
          detail: `${notice?.sentOn ?? '-'} → ?`,
        });
        continue;
      }
      (notice?.kind === 'postpone' ? postponed : renewed).push(r.id);
      const entry = notices.get(r.family_id) ?? { familyId: r.family_id, mandate, instalments: [] };
      entry.instalments.push({ id: r.id, announcedOn: collectionDate, amount_cents: r.amount_cents, number: r.number });
      notices.set(r.family_id, entry);
    }
    if (notices.size) {
      await batchesRepo.recordBatchNotices(tx, { renewed, postponed }, collectionDate, now);
      await enqueueNotices(tx, [...notices.values()], settings, emails);
    }
    const gone = new Set(unreachable.map((u) => u.instalment_id));
    return { kept: gone.size ? included.filter((i) => !gone.has(i.line.id)) : included, unreachable };
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
    const classified = await classify(tx, id, rows, { collectionDate, today, settings, recheck: false });
    const { kept: included, unreachable } = await notifyIncluded(tx, id, classified.included, collectionDate, settings);
    const excluded = [...classified.excluded, ...unreachable];
    // Time-ordered ids: the debits (and the payments that take their ids at export) are appended to their indexes, and
    // the file, read in id order, lists them in this order.
    const debits: batchesRepo.DebitChoice[] = included.map(({ line: r, mandate, sequenceType }) => ({
      id: newOrderedId(),
      instalmentId: r.id,
      mandateId: mandate.id,
      sequenceType,
      endToEndId: `E${r.id.replace(/-/g, '')}`.slice(0, 35),
    }));
    // The rest of each debit (amount, family, the mandate's and debtor's snapshot) is copied by the insert.
    await batchesRepo.insertDebits(tx, id, debits, now);
    await batchesRepo.insertExclusions(tx, excluded);
    const total = included.reduce((s, i) => s + i.line.amount_cents, 0);
    await batchesRepo.setBatchTotals(tx, id, debits.length, total);
    await recordAudit(tx, clock, actor, {
      entityType: 'collection-batch',
      entityId: id,
      action: 'prepare',
      after: {
        collection_date: collectionDate,
        debit_count: debits.length,
        total_cents: total,
        excluded: excluded.length,
      },
    });
    return id;
  }

  /**
   * Re-checks a prepared batch's lines as they are now, for its collection date: a line that no longer qualifies
   * leaves the batch (its debit goes, an exclusion with its reason takes its place, the instalment returns to the
   * pool); a sequence type the history has moved is corrected. Returns the batch's count and total after it, its
   * lines (with the mandates they go under) and the invoices' balances as read: the export settles from them.
   */
  async function recheckIn(
    tx: Tx,
    actor: Actor,
    batch: BatchRow,
    settings: BillingSettings,
    today: string,
  ): Promise<{
    count: number;
    total: number;
    removed: number;
    included: Inclusion[];
    balances: Map<string, batchesRepo.InvoiceBalance>;
  }> {
    // The export settles the batch's invoices from the balances read below: no payment or credit note may change
    // one between the reading and the commit (`lockInvoices`), so the locks come first, then the lines are read.
    await repo.lockInvoices(tx, await batchesRepo.batchInvoiceIds(tx, batch.id));
    const rows = await batchesRepo.preparedLines(tx, batch.id);
    const classified = await classify(tx, batch.id, rows, {
      collectionDate: batch.collection_date,
      today,
      settings,
      recheck: true,
    });
    // A re-dated batch tells the families its new date (a later date than announced keeps the notice's delay).
    const { kept: included, unreachable } = await notifyIncluded(
      tx,
      batch.id,
      classified.included,
      batch.collection_date,
      settings,
    );
    const excluded = [...classified.excluded, ...unreachable];
    const now = clock.now().toISOString();
    const gone = new Set(excluded.map((e) => e.instalment_id));
    await batchesRepo.deleteDebits(
      tx,
      rows.filter((r) => gone.has(r.id)).map((r) => r.debit_id),
    );
    await batchesRepo.insertExclusions(tx, excluded);
    const moved = new Map<SequenceType, string[]>();
    for (const i of included) {
      if (i.line.sequence_type === i.sequenceType) continue;
      const ids = moved.get(i.sequenceType);
      if (ids) ids.push(i.line.debit_id as string);
      else moved.set(i.sequenceType, [i.line.debit_id as string]);
    }
    for (const [type, ids] of moved) await batchesRepo.setSequenceTypes(tx, type, ids, now);
    // The batch's debits are now exactly the lines kept (each read with its debit's amount).
    const totals = { count: included.length, total: included.reduce((sum, i) => sum + i.line.amount_cents, 0) };
    if (excluded.length || moved.size) {
      await batchesRepo.setBatchTotals(tx, batch.id, totals.count, totals.total);
      await recordAudit(tx, clock, actor, {
        entityType: 'collection-batch',
        entityId: batch.id,
        action: 'recheck',
        before: { debit_count: batch.debit_count, total_cents: batch.total_cents },
        after: { debit_count: totals.count, total_cents: totals.total, excluded: excluded.length },
        summary: [...new Set(excluded.map((e) => e.reason))].join(', ') || 'sequence',
      });
    }
    return { ...totals, removed: excluded.length, included, balances: classified.balances };
  }

  /**
   * The invoices a batch's collection pays in full: what was left unpaid on each (read by the re-check in this
   * transaction) less the batch's debits on it reaches zero.
   */
  function invoicesPaidBy(included: Inclusion[], balances: Map<string, batchesRepo.InvoiceBalance>): string[] {
    const collected = new Map<string, number>();
    for (const { line } of included)
      collected.set(line.invoice_id, (collected.get(line.invoice_id) ?? 0) + line.amount_cents);
    return [...collected]
      .filter(([invoiceId, cents]) => (balances.get(invoiceId)?.unpaid ?? 0) - cents <= 0)
      .map(([invoiceId]) => invoiceId);
  }

  /** Mandates whose RUM changed or that were signed under another creditor identifier than `ics` (amended). */
  function amendedMandates(included: Inclusion[], ics: string): string[] {
    const ids = new Set<string>();
    for (const { mandate } of included)
      if (mandate.original_rum !== null || mandate.creditor_identifier !== ics) ids.add(mandate.id);
    return [...ids];
  }

  return {
    writeFile,
    prepareIn,
    recheckIn,

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
      const dateProblem = collectionDateProblem(collectionDate, today);
      if (dateProblem) throw new DomainError(dateProblem, { fields: [{ field: 'collectionDate', code: dateProblem }] });
      if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED');
      const batchId = await db.transaction().execute((tx) => prepareIn(tx, actor, collectionDate, settings, today));
      return this.get(actor, batchId);
    },

    /**
     * Moves a prepared batch to another collection date (a TARGET2 business day at least one business day ahead),
     * then re-checks its lines for that date: a batch too late to export is re-dated here.
     */
    async redate(actor: Actor, batchId: string, body: { version: number; collectionDate: string }) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      const dateProblem =
        body.collectionDate <= today ? 'COLLECTION_DATE_PAST' : collectionDateProblem(body.collectionDate, today);
      if (dateProblem) throw new DomainError(dateProblem, { fields: [{ field: 'collectionDate', code: dateProblem }] });
      await db.transaction().execute(async (tx) => {
        const batch = await batchesRepo.findBatch(tx, batchId);
        if (!batch) throw notFound();
        if (batch.status !== 'prepared') throw new DomainError('BATCH_EXPORTED');
        const now = clock.now().toISOString();
        const reference = `HRM-${body.collectionDate.replace(/-/g, '')}-${batch.reference.split('-').at(-1) ?? ''}`;
        const moved = await batchesRepo.redateBatch(tx, batchId, body.version, {
          collectionDate: body.collectionDate,
          reference,
          now,
        });
        if (!moved) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'collection-batch',
          entityId: batchId,
          action: 'redate',
          before: { collection_date: batch.collection_date, reference: batch.reference },
          after: { collection_date: body.collectionDate, reference },
        });
        await recheckIn(tx, actor, { ...batch, collection_date: body.collectionDate }, settings, today);
      });
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
     * Exports the batch: frozen from then on. First its date and every line are checked again as they are now
     * (`recheckIn`): a batch too late for its date is refused (re-date it), a line that no longer qualifies leaves
     * it with its reason. The debits count as collected on the collection date (a payment each), the mandates
     * record their use (a final or one-off debit ends its mandate), and the file's bytes are stored with their
     * SHA-256: the download serves those bytes, whatever the settings become.
     */
    async export(actor: Actor, batchId: string, body: { version: number; format?: PainFormat }) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      const format = body.format ?? settings.painFormat;
      const emptied = await db.transaction().execute(async (tx) => {
        const batch = await batchesRepo.findBatch(tx, batchId);
        if (!batch) throw notFound();
        if (batch.status !== 'prepared') throw new DomainError('BATCH_EXPORTED');
        if (batch.version !== body.version) throw stale();
        if (collectionDateProblem(batch.collection_date, today)) throw new DomainError('BATCH_LATE');
        if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED');
        const checked = await recheckIn(tx, actor, batch, settings, today);
        // Lines taken out stay out (committed with their reasons); an empty batch is not exported.
        if (checked.count === 0) return checked.removed > 0 || batch.debit_count === 0;
        const now = clock.now().toISOString();
        const exported = await batchesRepo.markBatchExported(tx, batchId, body.version, {
          format,
          now,
          by: actorUserId(actor),
        });
        if (!exported) throw stale();
        const frozen = { ...batch, exported_at: now, debit_count: checked.count, total_cents: checked.total };
        // A mandate whose RUM or creditor identifier changed carries the amendment in this file, once.
        const ics = normaliseIcs(settings.creditor.identifier);
        const amended = amendedMandates(checked.included, ics);
        await batchesRepo.stampAmendments(tx, batchId, amended, ics, now);
        const hash = createHash('sha256');
        let buffer: string[] = [];
        let size = 0;
        let part = 0;
        const flush = async () => {
          if (!buffer.length) return;
          await batchesRepo.insertFilePart(tx, batchId, part, buffer.join(''));
          part += 1;
          buffer = [];
          size = 0;
        };
        await writeFile(tx, frozen, format, settings, async (chunk) => {
          hash.update(chunk);
          buffer.push(chunk);
          size += chunk.length;
          if (size >= FILE_PART) await flush();
        });
        await flush();
        await batchesRepo.setBatchFileHash(tx, batchId, hash.digest('hex'));
        const paid = invoicesPaidBy(checked.included, checked.balances);
        await batchesRepo.recordCollection(tx, batch, paid, now, actorUserId(actor));
        await batchesRepo.consumeAmendments(tx, amended, ics, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'collection-batch',
          entityId: batchId,
          action: 'export',
          before: { status: 'prepared' },
          after: {
            status: 'exported',
            format,
            debit_count: checked.count,
            total_cents: checked.total,
            amended_mandates: amended.length,
          },
        });
        return false;
      });
      if (emptied) throw new DomainError('BATCH_EMPTY');
      return this.get(actor, batchId);
    },

    /**
     * The exported file: the bytes stored at export, part by part (the same bytes as the recorded SHA-256, whatever
     * the settings became since). A batch exported before files were stored is written again from its rows.
     */
    async file(actor: Actor, batchId: string, write: (chunk: string) => void) {
      requirePermission(actor, 'billing.manage');
      const batch = await batchesRepo.findBatch(db, batchId);
      if (!batch) throw notFound();
      if (batch.status !== 'exported' || !batch.format) throw new DomainError('BATCH_NOT_EXPORTED');
      let part = 0;
      for (let content = await batchesRepo.filePart(db, batchId, part); content !== undefined;) {
        write(content);
        part += 1;
        content = await batchesRepo.filePart(db, batchId, part);
      }
      if (part === 0) await writeFile(db, batch, batch.format as PainFormat, await readBillingSettings(db), write);
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
     * A rejected, returned or refunded debit. The reason code comes from the EPC list and fits the kind (contracts
     * `returnReasonProblem`); the date is neither in the future nor before the collection (`returnDateProblem`); the
     * refund window is enforced (8 weeks; 13 months without a valid mandate). The collection payment is reversed,
     * the invoice reopens, the returned amount gets a new instalment (`returnedAmountPlan`: a new due date, or
     * another payment method), MD01 revokes the mandate, accounts gets a task and the family an e-mail.
     */
    async recordReturn(actor: Actor, debitId: string, body: z.infer<typeof DebitReturnBody>) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const today = await todayIn();
      await db.transaction().execute(async (tx) => {
        const debit = await batchesRepo.findDebit(tx, debitId);
        if (!debit) throw notFound();
        if (debit.status === 'returned') throw new DomainError('DEBIT_ALREADY_RETURNED');
        if (debit.status !== 'exported') throw new DomainError('DEBIT_NOT_EXPORTED');
        const exportedOn = debit.exported_at ? dateInZone(new Date(debit.exported_at), settings.timeZone) : today;
        const problem =
          returnDateProblem(body.kind, body.on, { today, collectionDate: debit.collection_date, exportedOn }) ??
          refundWindowProblem(body.kind, body.reasonCode, debit.collection_date, body.on);
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
        // The amount is owed again: a new instalment, debited on a new date or paid another way (the setting).
        const plan = returnedAmountPlan(body.reasonCode, settings.returnedAmount, body.on, today);
        await insertInstalment(tx, {
          id: newId(),
          invoice_id: debit.invoice_id,
          seq: await batchesRepo.nextInstalmentSeq(tx, debit.invoice_id),
          due_on: plan.dueOn,
          amount_cents: debit.amount_cents,
          method: plan.method,
          status: 'due',
          prenotified_at: null,
          prenotified_due_on: null,
          deferral_id: null,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await repo.refreshInvoiceStatus(tx, debit.invoice_id, now);
        await recordAudit(tx, clock, actor, {
          entityType: 'debit',
          entityId: debit.id,
          action: body.kind,
          before: { status: 'exported' },
          after: {
            status: 'returned',
            reason: body.reasonCode,
            on: body.on,
            returned_amount: plan.route,
            due_on: plan.dueOn,
          },
          summary: `${debit.number} ${body.reasonCode}`,
        });
        // MD01: the debtor's bank says there is no valid mandate: it is revoked, nothing more is debited under it.
        const mandate = await mandatesRepo.findMandate(tx, debit.mandate_id);
        let mandateRevoked = false;
        if (body.reasonCode === 'MD01' && mandate && mandate.status !== 'revoked') {
          const set = {
            status: 'revoked',
            ended_on: body.on,
            ended_reason: `MD01 (${body.kind}) ${debit.number}`,
            updated_at: now,
          };
          if (!(await mandatesRepo.updateMandate(tx, mandate.id, mandate.version, set))) throw stale();
          await recordAudit(tx, clock, actor, {
            entityType: 'sepa-mandate',
            entityId: mandate.id,
            action: 'revoke',
            before: { status: mandate.status },
            after: set,
            summary: `MD01 ${debit.number}`,
          });
          mandateRevoked = true;
        }
        // A rejected collection never reached the debtor's bank as settled: the amendment it carried is not known
        // there, so the mandate's next collection carries it again (the references the bank still knows).
        const carried = rejectedAmendment(body.kind, debit);
        if (carried && mandate && !mandateRevoked && mandate.status !== 'revoked') {
          const set = {
            original_rum: carried.originalRum ?? mandate.original_rum,
            creditor_identifier: carried.originalCreditorIdentifier ?? mandate.creditor_identifier,
            updated_at: now,
          };
          if (!(await mandatesRepo.updateMandate(tx, mandate.id, mandate.version, set))) throw stale();
          await recordAudit(tx, clock, actor, {
            entityType: 'sepa-mandate',
            entityId: mandate.id,
            action: 'amendment-again',
            before: { original_rum: mandate.original_rum, creditor_identifier: mandate.creditor_identifier },
            after: { original_rum: set.original_rum, creditor_identifier: set.creditor_identifier },
            summary: `${debit.number} ${body.reasonCode}`,
          });
        }
        await createTask(tx, clock, {
          kind: 'debit-returned',
          service: 'accounts',
          title: `Prélèvement ${RETURN_KIND_FR[body.kind]} (${body.reasonCode}) — facture ${debit.number}`,
          details: body.note ?? null,
          dueOn: body.on,
          familyId: debit.family_id,
          dedupeKey: `debit-returned:${debit.id}`,
        });
        const to = await repo.familyEmail(tx, debit.family_id);
        if (to) {
          const family = await repo.familyLocale(tx, debit.family_id);
          await deps.mailer.enqueue(tx, {
            to,
            locale: family.locale === 'en' ? 'en' : 'fr',
            mail: debitReturnedMail({
              organisation: settings.creditor?.name ?? settings.organisationName,
              invoiceNumber: debit.number,
              amountCents: debit.amount_cents,
              collectionDate: debit.collection_date,
              reasonCode: body.reasonCode,
              reason: isReturnReasonCode(body.reasonCode)
                ? SDD_RETURN_REASONS[body.reasonCode]
                : { fr: body.reasonCode, en: body.reasonCode },
              route: plan.route,
              dueOn: plan.dueOn,
              mandateRevoked,
              rum: mandate?.rum ?? debit.mandate_rum,
            }),
            related: { type: 'family', id: debit.family_id },
          });
        }
      });
      await deps.mailer.flush();
      return { returned: true };
    },
  };
}

export type BatchesService = ReturnType<typeof createBatchesService>;
