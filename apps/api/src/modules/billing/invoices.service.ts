import type { z } from 'zod';
import type {
  CreateInvoiceBody,
  CreditNoteBody,
  DeferralBody,
  Invoice,
  InvoiceLine,
  InstalmentPlanBody,
  PaymentBody,
} from '@contracts';
import type { Deferral } from '@contracts';
import type { Insertable, Selectable } from 'kysely';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { FamiliesTable, InvoiceInstalmentsTable, InvoicesTable, PaymentDeferralsTable } from '../../db/tables.js';
import { actorUserId, requireUser, type Actor } from '../../platform/actor.js';
import { can, guardianFamilyId, requirePermission } from '../../platform/access.js';
import { DomainError, invalidField, notFound, stale } from '../../platform/errors.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { createTask } from '../../platform/tasks.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { ID_CHUNK, slices } from '../../platform/batching.js';
import { assertFamilyBillingRead } from './billing-access.js';
import {
  firstInstalmentDueOn,
  invoicePeriodKey,
  invoicingHeld,
  isBillable,
  manualInvoiceProblem,
  payerProblems,
  reducedInstalments,
  periodQuantity,
  periodsToInvoice,
  type BillingPeriodKind,
} from './billing-rules.js';
import { readBillingSettings } from './billing.settings.js';
import { frenchSpan } from './french-dates.js';
import * as repo from './billing.repository.js';
import * as invoicesRepo from './invoices.repository.js';

type InvoiceRow = Selectable<InvoicesTable>;
// Invoices issued per transaction: the commit, not the statements, was the cost of small blocks.
const ISSUE_CHUNK = 1000;

export async function toInvoices(tx: Tx, rows: InvoiceRow[]): Promise<Invoice[]> {
  const ids = rows.map((r) => r.id);
  const paid = await repo.paidByInvoice(tx, ids);
  const instalments = await repo.instalmentsOf(tx, ids);
  const familyIds = [...new Set(rows.map((r) => r.family_id))];
  const families = await invoicesRepo.familyNames(tx, familyIds);
  return rows.map((r) => {
    const paidCents = r.kind === 'invoice' ? (paid.get(r.id) ?? 0) : 0;
    return {
      id: r.id,
      number: r.number,
      kind: r.kind as Invoice['kind'],
      familyId: r.family_id,
      familyName: families.find((f) => f.id === r.family_id)?.name ?? '',
      subscriptionId: r.subscription_id,
      creditedInvoiceId: r.credited_invoice_id,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      issuedOn: r.issued_on,
      description: r.description,
      billedName: r.billed_name,
      lines: invoiceLines(r),
      amountCents: r.amount_cents,
      paidCents,
      refundDueCents: r.refund_due_cents,
      balanceCents: r.kind === 'invoice' ? r.amount_cents - paidCents : 0,
      status: r.status,
      version: r.version,
      instalments: instalments
        .filter((i) => i.invoice_id === r.id)
        .map((i) => ({
          id: i.id,
          seq: i.seq,
          dueOn: i.due_on,
          amountCents: i.amount_cents,
          method: i.method,
          status: i.status,
          prenotifiedAt: i.prenotified_at,
        })),
    };
  });
}

/** The lines as issued; an invoice issued before lines were kept reads as one line of its description. */
export function invoiceLines(r: InvoiceRow): InvoiceLine[] {
  if (r.lines) return JSON.parse(r.lines) as InvoiceLine[];
  return [
    {
      description: r.description,
      quantity: 1,
      unit: 'unit',
      unitPriceCents: r.amount_cents,
      amountCents: r.amount_cents,
      teacherName: null,
    },
  ];
}

type IssueInput = {
  familyId: string;
  subscriptionId: string | null;
  creditedInvoiceId?: string | null;
  kind: 'invoice' | 'credit_note';
  periodStart?: string | null;
  periodEnd?: string | null;
  periodKey?: string | null;
  description: string;
  amountCents: number;
  /** what it bills, line by line; absent: one line of the description */
  lines?: InvoiceLine[];
  refundDueCents?: number;
  /** a manual invoice issued before any hand-over: why */
  issueReason?: string | null;
  instalments: { dueOn: string; amountCents: number; method: string }[];
};

type PayerName = { first_name: string; last_name: string };

function payerProblemsOf(family: FamilyRow, payer: PayerName | undefined) {
  return payerProblems({
    firstName: payer?.first_name ?? null,
    lastName: payer?.last_name ?? null,
    line1: family.billing_line1,
    postalCode: family.billing_postal_code,
    city: family.billing_city,
  });
}

/** Refuses an invoice whose payer has no full name or no billing address, naming each missing field. */
function assertPayerComplete(family: FamilyRow, payer: PayerName | undefined): void {
  const problems = payerProblemsOf(family, payer);
  if (problems.length) throw new DomainError('PAYER_INCOMPLETE', { fields: problems });
}

/**
 * Invoices: issued with a gap-free number per series and year, never edited afterwards (a correction is a
 * credit note), settled by debits, payments and credit notes.
 */
type FamilyRow = Selectable<FamiliesTable>;

/** The issued invoice row: the family's name and billing address are copied, as an invoice never changes. */
function invoiceRow(
  input: IssueInput,
  family: FamilyRow,
  payer: PayerName | undefined,
  number: string,
  issuedOn: string,
  createdBy: string | null,
  now: string,
): InvoiceRow {
  return {
    id: newId(),
    number,
    kind: input.kind,
    family_id: family.id,
    subscription_id: input.subscriptionId,
    credited_invoice_id: input.creditedInvoiceId ?? null,
    period_start: input.periodStart ?? null,
    period_end: input.periodEnd ?? null,
    period_key: input.periodKey ?? null,
    issued_on: issuedOn,
    description: input.description,
    amount_cents: input.amountCents,
    status: input.kind === 'invoice' ? 'open' : 'paid',
    billed_name: payer ? `${payer.first_name} ${payer.last_name}` : family.name,
    billed_address: family.billing_line1
      ? JSON.stringify({
          line1: family.billing_line1,
          line2: family.billing_line2,
          postalCode: family.billing_postal_code,
          city: family.billing_city,
          country: family.billing_country ?? 'FR',
        })
      : null,
    lines: JSON.stringify(
      input.lines ?? [
        {
          description: input.description,
          quantity: 1,
          unit: 'unit',
          unitPriceCents: input.amountCents,
          amountCents: input.amountCents,
          teacherName: null,
        },
      ],
    ),
    refund_due_cents: input.refundDueCents ?? 0,
    issue_reason: input.issueReason ?? null,
    locale: family.locale,
    created_by: createdBy,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

/** A new instalment of an invoice, due and not yet pre-notified nor deferred. */
function instalmentRow(
  invoiceId: string,
  seq: number,
  instalment: { dueOn: string; amountCents: number; method: string },
  now: string,
): Insertable<InvoiceInstalmentsTable> {
  return {
    id: newId(),
    invoice_id: invoiceId,
    seq,
    due_on: instalment.dueOn,
    amount_cents: instalment.amountCents,
    method: instalment.method,
    status: 'due',
    prenotified_at: null,
    prenotified_due_on: null,
    deferral_id: null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
}

const MISSING_FR: Record<string, string> = {
  payer: 'le prénom et le nom du payeur',
  'billingAddress.line1': 'la rue de l’adresse de facturation',
  'billingAddress.postalCode': 'le code postal de facturation',
  'billingAddress.city': 'la ville de facturation',
};
const FREQUENCY: Record<string, string> = { weekly: 'hebdomadaire', fortnightly: 'tous les quinze jours' };

/** A change that needs an open invoice, asked of one already paid or cancelled: a conflict with its state. */
const invoiceNotOpen = () => new DomainError('INVOICE_NOT_OPEN');

export function createInvoicesService(deps: Deps) {
  const { db, clock } = deps;

  async function today(tx: Tx = db): Promise<string> {
    return dateInZone(clock.now(), (await readBillingSettings(tx)).timeZone);
  }

  /** Whether an invoice may be issued to the family (payer named in full, billing address complete): issue's check. */
  async function payerReady(tx: Tx, familyId: string): Promise<boolean> {
    const family = await repo.findFamily(tx, familyId);
    if (!family) return false;
    return payerProblemsOf(family, (await invoicesRepo.payersOf(tx, [family.id])).get(family.id)).length === 0;
  }

  /** Issues one invoice or credit note inside the caller's transaction: number, snapshot of the payer, instalments. */
  async function issue(tx: Tx, actor: Actor, input: IssueInput): Promise<InvoiceRow> {
    const settings = await readBillingSettings(tx);
    const issuedOn = dateInZone(clock.now(), settings.timeZone);
    const year = Number(issuedOn.slice(0, 4));
    const family = await repo.findFamily(tx, input.familyId);
    if (!family) throw notFound();
    const payer = (await invoicesRepo.payersOf(tx, [family.id])).get(family.id);
    assertPayerComplete(family, payer);
    const series = input.kind === 'invoice' ? settings.invoicePrefix : 'A';
    const value = await repo.allocateNumber(tx, series, year);
    const now = clock.now().toISOString();
    const row = invoiceRow(
      input,
      family,
      payer,
      repo.formatNumber(series, year, value),
      issuedOn,
      actorUserId(actor),
      now,
    );
    await invoicesRepo.insertInvoice(tx, row);
    for (const [index, instalment] of input.instalments.entries())
      await invoicesRepo.insertInstalment(tx, instalmentRow(row.id, index + 1, instalment, now));
    await recordAudit(tx, clock, actor, {
      entityType: 'invoice',
      entityId: row.id,
      action: 'issue',
      after: row,
      summary: `${row.number} ${row.amount_cents}`,
    });
    return row;
  }

  /**
   * issue() for many invoices of the same kind inside the caller's transaction, as the bulk sweep needs it: the
   * numbers are taken as one block from the counter (still gap-free: a failed insert rolls the block back), and the
   * invoices, instalments and audit rows go in as multi-row inserts.
   */
  async function issueMany(tx: Tx, actor: Actor, inputs: IssueInput[]): Promise<InvoiceRow[]> {
    if (!inputs.length) return [];
    const settings = await readBillingSettings(tx);
    const issuedOn = dateInZone(clock.now(), settings.timeZone);
    const year = Number(issuedOn.slice(0, 4));
    const kind = inputs[0]?.kind ?? 'invoice';
    const familyIds = [...new Set(inputs.map((input) => input.familyId))];
    const families = new Map<string, FamilyRow>(
      (await repo.familiesByIds(tx, familyIds)).map((f) => [f.id, f] as const),
    );
    if (families.size !== familyIds.length || inputs.some((input) => input.kind !== kind)) throw notFound();
    const payers = await invoicesRepo.payersOf(tx, familyIds);
    for (const family of families.values()) assertPayerComplete(family, payers.get(family.id));
    const series = kind === 'invoice' ? settings.invoicePrefix : 'A';
    const last = await repo.allocateNumbers(tx, series, year, inputs.length);
    const first = last - inputs.length + 1;
    const now = clock.now().toISOString();
    const rows: InvoiceRow[] = inputs.map((input, index) => {
      const family = families.get(input.familyId) as NonNullable<ReturnType<typeof families.get>>;
      return invoiceRow(
        input,
        family,
        payers.get(family.id),
        repo.formatNumber(series, year, first + index),
        issuedOn,
        actorUserId(actor),
        now,
      );
    });
    await invoicesRepo.insertInvoices(tx, rows);
    const instalments = rows.flatMap((row, index) =>
      (inputs[index]?.instalments ?? []).map((instalment, seq) => instalmentRow(row.id, seq + 1, instalment, now)),
    );
    await invoicesRepo.insertInstalments(tx, instalments);
    await recordAudits(
      tx,
      clock,
      actor,
      rows.map((row) => ({
        entityType: 'invoice',
        entityId: row.id,
        action: 'issue',
        after: row,
        summary: `${row.number} ${row.amount_cents}`,
      })),
    );
    return rows;
  }

  /**
   * Brings the undebited instalments left to what is still owed. When less is owed (a credit note, a payment), each
   * instalment keeps its due date and method: a credit is spread over them, a payment pays the earliest first
   * (`reducedInstalments`); only the instalments whose amount changes are replaced (cancelled, and a new one of the
   * new amount unless 0), so a changed amount is pre-notified again while an unchanged one keeps its notice. When
   * more is owed than they hold (or none is left), they make one instalment of what is owed, on the last due date.
   */
  async function rescheduleRemainder(
    tx: Tx,
    invoiceId: string,
    now: string,
    mode: 'spread' | 'earliest' = 'spread',
  ): Promise<void> {
    const invoice = await repo.findInvoice(tx, invoiceId);
    if (!invoice) return;
    // In schedule order (a replaced instalment takes a later seq than the ones after it kept).
    const open = (await invoicesRepo.undebitedDueInstalments(tx, invoiceId)).sort(
      (a, b) => a.due_on.localeCompare(b.due_on) || a.seq - b.seq,
    );
    const balance = invoice.amount_cents - ((await repo.paidByInvoice(tx, [invoiceId])).get(invoiceId) ?? 0);
    const pending = open.reduce((s, i) => s + i.amount_cents, 0);
    const owed = balance - (await invoicesRepo.preparedDebitsTotal(tx, invoiceId));
    if (pending === owed) return;
    if (open.length && owed < pending) {
      const amounts = reducedInstalments(
        open.map((i) => i.amount_cents),
        pending - Math.max(0, owed),
        mode,
      );
      const changed = open.filter((i, index) => amounts[index] !== i.amount_cents);
      if (changed.length)
        await invoicesRepo.cancelInstalments(
          tx,
          changed.map((i) => i.id),
          now,
        );
      let seq = await invoicesRepo.lastInstalmentSeq(tx, invoiceId);
      for (const [index, i] of open.entries()) {
        const amountCents = amounts[index]!;
        if (amountCents === i.amount_cents || amountCents === 0) continue;
        await invoicesRepo.insertInstalment(
          tx,
          instalmentRow(invoiceId, ++seq, { dueOn: i.due_on, amountCents, method: i.method }, now),
        );
      }
      return;
    }
    if (open.length)
      await invoicesRepo.cancelInstalments(
        tx,
        open.map((i) => i.id),
        now,
      );
    if (owed > 0) {
      const last = open[open.length - 1];
      await invoicesRepo.insertInstalment(
        tx,
        instalmentRow(
          invoiceId,
          (await invoicesRepo.lastInstalmentSeq(tx, invoiceId)) + 1,
          { dueOn: last?.due_on ?? now.slice(0, 10), amountCents: owed, method: last?.method ?? 'transfer' },
          now,
        ),
      );
    }
  }

  /**
   * A credit note inside the caller's transaction (the school fees' cancellations use it): for part or all of an
   * invoice (by default what is still owed, or the whole invoice once paid); crediting money already received makes
   * a refund due, with a task for accounts. The undebited instalments left are rescheduled to what is still owed.
   */
  async function creditNoteIn(
    tx: Tx,
    actor: Actor,
    invoiceId: string,
    body: z.infer<typeof CreditNoteBody>,
  ): Promise<InvoiceRow> {
    // A collection being exported settles this invoice from the balance it read: wait for it, then read.
    const invoice = await repo.findInvoiceForUpdate(tx, invoiceId);
    if (!invoice) throw notFound();
    if (invoice.kind !== 'invoice' || invoice.status === 'cancelled') throw invoiceNotOpen();
    const balance = Math.max(
      0,
      invoice.amount_cents - ((await repo.paidByInvoice(tx, [invoiceId])).get(invoiceId) ?? 0),
    );
    const creditable = invoice.amount_cents - (await invoicesRepo.creditedTotal(tx, invoiceId));
    const amount = body.amountCents ?? (balance > 0 ? balance : creditable);
    if (amount > creditable || amount <= 0)
      throw new DomainError('CREDIT_EXCEEDS_INVOICE', {
        fields: [{ field: 'amountCents', code: 'CREDIT_EXCEEDS_INVOICE' }],
      });
    // What the note credits beyond what is still owed was paid already: it goes back to the family.
    const refundDue = Math.max(0, amount - balance);
    const note = await issue(tx, actor, {
      familyId: invoice.family_id,
      subscriptionId: invoice.subscription_id,
      creditedInvoiceId: invoice.id,
      kind: 'credit_note',
      description: `${invoice.number} — ${body.reason}`,
      amountCents: amount,
      refundDueCents: refundDue,
      instalments: [],
    });
    if (refundDue > 0)
      await createTask(tx, clock, {
        kind: 'refund-due',
        service: 'accounts',
        title: `Rembourser ${(refundDue / 100).toFixed(2).replace('.', ',')} € à la famille (avoir ${note.number} sur la facture ${invoice.number})`,
        details: body.reason,
        dueOn: note.issued_on,
        familyId: invoice.family_id,
        dedupeKey: `refund-due:${note.id}`,
      });
    const now = clock.now().toISOString();
    await repo.refreshInvoiceStatus(tx, invoice.id, now);
    await rescheduleRemainder(tx, invoice.id, now);
    return note;
  }

  /**
   * Splits what is still owed of an open invoice into new instalments inside the caller's transaction (the school
   * fees' payment plan uses it, giving a function of the balance): the due ones are cancelled, the new ones must sum
   * to the balance; audited.
   */
  async function replaceInstalmentsIn(
    tx: Tx,
    actor: Actor,
    invoiceId: string,
    plan:
      | readonly { dueOn: string; amountCents: number; method: string }[]
      | ((balanceCents: number) => readonly { dueOn: string; amountCents: number; method: string }[]),
  ): Promise<void> {
    const invoice = await repo.findInvoice(tx, invoiceId);
    if (!invoice) throw notFound();
    if (invoice.kind !== 'invoice' || invoice.status !== 'open') throw invoiceNotOpen();
    const now = clock.now().toISOString();
    if (await invoicesRepo.hasPreparedDebit(tx, invoiceId)) throw new DomainError('INSTALMENT_ALREADY_DEBITED');
    const balance = invoice.amount_cents - ((await repo.paidByInvoice(tx, [invoiceId])).get(invoiceId) ?? 0);
    const instalments = typeof plan === 'function' ? plan(balance) : plan;
    const sum = instalments.reduce((s, i) => s + i.amountCents, 0);
    if (sum !== balance)
      throw new DomainError('INSTALMENTS_MUST_SUM', {
        fields: [{ field: 'instalments', code: 'INSTALMENTS_MUST_SUM' }],
      });
    const before = await invoicesRepo.dueInstalments(tx, invoiceId);
    await invoicesRepo.cancelDueInstalments(tx, invoiceId, now);
    let seq = await invoicesRepo.lastInstalmentSeq(tx, invoiceId);
    const created = [];
    for (const i of instalments) {
      const row = instalmentRow(invoiceId, ++seq, i, now);
      await invoicesRepo.insertInstalment(tx, row);
      created.push(row);
    }
    await recordAudit(tx, clock, actor, {
      entityType: 'invoice',
      entityId: invoiceId,
      action: 'instalment-plan',
      before: { instalments: before },
      after: { instalments: created },
    });
  }

  async function loadInvoice(actor: Actor, id: string): Promise<InvoiceRow> {
    const row = await repo.findInvoice(db, id);
    if (!row) throw notFound();
    await assertFamilyBillingRead(db, actor, row.family_id);
    return row;
  }

  return {
    issue,
    payerReady,
    creditNoteIn,
    replaceInstalmentsIn,
    rescheduleRemainder,
    loadInvoice,

    /**
     * Issues every period that is due: from the hand-over (billable_from) on, each period whose start falls within
     * `issueDaysAhead` days (so that it can be pre-notified in time). The first instalment falls at most N days
     * after the hand-over; later ones on their period's first day. A period is invoiced once (unique period key).
     */
    async issueDueInvoices(actor: Actor, through?: string): Promise<{ issued: number }> {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      const todayIso = await today();
      const horizon = through ?? addDays(todayIso, settings.issueDaysAhead);
      // No debit before the hand-over: only subscriptions billable on the horizon, and their periods from it on.
      // A held subscription gets no new period until its release says whether the held ones are invoiced or waived.
      const subs = (await invoicesRepo.subscriptionsBillableBy(db, horizon)).filter(
        (sub) => isBillable(sub, horizon) && !invoicingHeld(sub),
      );
      // Only what is still due: per subscription, how many periods carry an invoice and the last one. When every
      // computed period up to that last one is invoiced, only the later ones are candidates; otherwise (a gap, or a
      // hand-over date moved) all of them are, checked by period key.
      const invoiced = await invoicesRepo.invoicedPeriods(
        db,
        subs.map((s) => s.id),
      );
      const due: (IssueInput & { periodKey: string; subscriptionId: string })[] = [];
      for (const sub of subs) {
        const periods = periodsToInvoice(sub, sub.billing_period as BillingPeriodKind, sub.price_cents, horizon);
        const done = invoiced.get(sub.id);
        const upToLast = done ? periods.filter((p) => p.billedStart <= done.last).length : 0;
        const skip = done && upToLast === done.count ? upToLast : 0;
        for (const [index, period] of periods.entries()) {
          if (index < skip || period.amountCents <= 0) continue;
          const dueOn = firstInstalmentDueOn(sub, period, index, settings.firstDebitWithinDays);
          const description = `${sub.plan_name} — ${sub.first_name}, ${frenchSpan(period.billedStart, period.billedEnd)}`;
          due.push({
            familyId: sub.family_id,
            subscriptionId: sub.id,
            kind: 'invoice',
            periodStart: period.billedStart,
            periodEnd: period.billedEnd,
            periodKey: invoicePeriodKey(sub.id, period.billedStart),
            description,
            amountCents: period.amountCents,
            // One line per period: its share of the period, the plan's price for a whole period, the teacher
            // (filled in below for what is actually issued).
            lines: [
              {
                description: `${description} (${sub.lesson_minutes} min, ${FREQUENCY[sub.frequency] ?? sub.frequency})`,
                quantity: periodQuantity(period, period.billedStart, period.billedEnd),
                unit: 'period',
                unitPriceCents: sub.price_cents,
                amountCents: period.amountCents,
                teacherName: null,
              },
            ],
            instalments: [{ dueOn, amountCents: period.amountCents, method: 'sepa' }],
          });
        }
      }
      // Nothing invoiced twice: the candidates' keys already taken (another run, or a gap's neighbours) are read per
      // chunk by the unique index; what is missing is issued in blocks, one transaction each.
      const missing: typeof due = [];
      for (const chunk of slices(due, ID_CHUNK)) {
        const existing = await invoicesRepo.takenPeriodKeys(
          db,
          chunk.map((d) => d.periodKey),
        );
        missing.push(...chunk.filter((d) => !existing.has(d.periodKey)));
      }
      // The payer's full name and billing address are on every invoice: a family without them is not invoiced,
      // and accounts gets a task saying what is missing (once per family until done). The teacher goes on the line.
      const issuable: typeof missing = [];
      const incomplete = new Map<string, string[]>();
      for (const chunk of slices(missing, ID_CHUNK)) {
        const familyIds = [...new Set(chunk.map((d) => d.familyId))];
        const families = new Map((await repo.familiesByIds(db, familyIds)).map((f) => [f.id, f] as const));
        const payers = await invoicesRepo.payersOf(db, familyIds);
        const teachers = await invoicesRepo.teachersOfSubscriptions(db, [
          ...new Set(chunk.map((d) => d.subscriptionId)),
        ]);
        for (const d of chunk) {
          const family = families.get(d.familyId);
          if (!family) continue;
          const payer = payers.get(d.familyId);
          const problems = payerProblems({
            firstName: payer?.first_name ?? null,
            lastName: payer?.last_name ?? null,
            line1: family.billing_line1,
            postalCode: family.billing_postal_code,
            city: family.billing_city,
          });
          if (problems.length) {
            incomplete.set(
              d.familyId,
              problems.map((p) => p.field),
            );
            continue;
          }
          const teacherName = teachers.get(d.subscriptionId) ?? null;
          issuable.push({ ...d, lines: d.lines?.map((l) => ({ ...l, teacherName })) });
        }
      }
      if (incomplete.size)
        await db.transaction().execute(async (tx) => {
          for (const [familyId, fields] of incomplete)
            await createTask(tx, clock, {
              kind: 'invoice-payer-incomplete',
              service: 'accounts',
              title: `Facture non émise : compléter ${fields.map((f) => MISSING_FR[f] ?? f).join(', ')}`,
              details: null,
              dueOn: todayIso,
              familyId,
              dedupeKey: `invoice-payer-incomplete:${familyId}:${fields.join(',')}`,
            });
        });
      let issued = 0;
      for (const block of slices(issuable, ISSUE_CHUNK)) {
        try {
          // One transaction for the chunk: numbers are allocated as one block, rows go in as multi-row inserts.
          issued += (await db.transaction().execute((tx) => issueMany(tx, actor, block))).length;
        } catch {
          // Another run issued some of these periods at the same moment: the unique period key refused the block
          // and the whole transaction (with its numbers) rolled back, so no number was lost. Redo it one by one,
          // skipping what the other run issued.
          for (const input of block) {
            if (await invoicesRepo.isPeriodInvoiced(db, input.periodKey)) continue;
            try {
              await db.transaction().execute((tx) => issue(tx, actor, input));
              issued += 1;
            } catch (again) {
              if (!(await invoicesRepo.isPeriodInvoiced(db, input.periodKey))) throw again;
            }
          }
        }
      }
      return { issued };
    },

    async list(
      actor: Actor,
      query: { familyId?: string; status?: string; number?: string; plan?: '1'; cursor?: string; limit: number },
    ) {
      let familyId = query.familyId;
      if (!managesBilling(actor)) {
        const own = await guardianFamilyId(db, actor);
        if (!own) throw new DomainError('FORBIDDEN');
        if (familyId && familyId !== own) throw new DomainError('FORBIDDEN');
        familyId = own;
      }
      const rows = await invoicesRepo.invoicePage(db, {
        familyId,
        status: query.status,
        number: query.number,
        plan: query.plan === '1',
        after: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { page, nextCursor } = keysetPage(rows, query.limit, (r) => [r.issued_on, r.id]);
      return { items: await toInvoices(db, page), nextCursor };
    },

    async get(actor: Actor, id: string): Promise<Invoice> {
      const row = await loadInvoice(actor, id);
      return (await toInvoices(db, [row]))[0] as Invoice;
    },

    /** A one-off invoice (membership fee, a lesson pack…). */
    async createManual(actor: Actor, body: z.infer<typeof CreateInvoiceBody>): Promise<Invoice> {
      requirePermission(actor, 'billing.manage');
      const teacherIds = [...new Set((body.lines ?? []).flatMap((l) => (l.teacherId ? [l.teacherId] : [])))];
      const teachers = await invoicesRepo.teacherNames(db, teacherIds);
      const lines: InvoiceLine[] | undefined = body.lines?.map((l, index) => {
        if (l.teacherId && !teachers.has(l.teacherId)) throw invalidField(`lines.${index}.teacherId`, 'NOT_FOUND');
        return {
          description: l.description,
          quantity: l.quantity,
          unit: l.unit,
          unitPriceCents: l.unitPriceCents,
          amountCents: Math.round(l.quantity * l.unitPriceCents),
          teacherName: l.teacherId ? (teachers.get(l.teacherId) ?? null) : null,
        };
      });
      const sum = lines?.reduce((total, l) => total + l.amountCents, 0);
      const amountCents = body.amountCents ?? sum;
      if (amountCents === undefined) throw invalidField('amountCents', 'required');
      if (sum !== undefined && sum !== amountCents) throw invalidField('amountCents', 'INVOICE_LINES_MUST_SUM');
      const row = await db.transaction().execute(async (tx) => {
        // The hand-over rule: no invoice before a teacher's contact was given to the family, unless it says why.
        const handedOver = await invoicesRepo.familyHandedOverBy(tx, body.familyId, await today(tx));
        if (manualInvoiceProblem(handedOver, body.reason)) throw invalidField('reason', 'INVOICE_BEFORE_HANDOVER');
        return issue(tx, actor, {
          familyId: body.familyId,
          subscriptionId: null,
          kind: 'invoice',
          description: body.description,
          amountCents,
          lines,
          issueReason: body.reason?.trim() || null,
          instalments: [{ dueOn: body.dueOn, amountCents, method: body.method }],
        });
      });
      return (await toInvoices(db, [row]))[0] as Invoice;
    },

    /**
     * The only correction of an issued invoice: a credit note for part or all of it (by default what is still owed,
     * or the whole invoice once paid). Crediting money already received makes a refund due: the note records it
     * and accounts gets a task to pay it back.
     */
    async creditNote(actor: Actor, invoiceId: string, body: z.infer<typeof CreditNoteBody>): Promise<Invoice> {
      requirePermission(actor, 'billing.manage');
      const row = await db.transaction().execute((tx) => creditNoteIn(tx, actor, invoiceId, body));
      return (await toInvoices(db, [row]))[0] as Invoice;
    },

    /** Payment by cheque (with its cashing date), transfer, card, or third-party aid. */
    async recordPayment(actor: Actor, body: z.infer<typeof PaymentBody>): Promise<Invoice> {
      requirePermission(actor, 'billing.manage');
      await db.transaction().execute(async (tx) => {
        // A collection being exported settles this invoice from the balance it read: wait for it, then read.
        const invoice = await repo.findInvoiceForUpdate(tx, body.invoiceId);
        if (!invoice) throw notFound();
        if (invoice.kind !== 'invoice' || invoice.status !== 'open') throw invoiceNotOpen();
        const balance = invoice.amount_cents - ((await repo.paidByInvoice(tx, [invoice.id])).get(invoice.id) ?? 0);
        if (body.amountCents > balance)
          throw new DomainError('AMOUNT_EXCEEDS_BALANCE', {
            fields: [{ field: 'amountCents', code: 'AMOUNT_EXCEEDS_BALANCE' }],
          });
        const now = clock.now().toISOString();
        const row = {
          id: newId(),
          family_id: invoice.family_id,
          invoice_id: invoice.id,
          instalment_id: null,
          debit_id: null,
          method: body.method,
          amount_cents: body.amountCents,
          received_on: body.receivedOn,
          cash_on: body.cashOn ?? null,
          reference: body.reference ?? null,
          note: body.note ?? null,
          created_by: actorUserId(actor),
          created_at: now,
        };
        await repo.insertPayment(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'invoice',
          entityId: invoice.id,
          action: 'payment',
          after: row,
          summary: `${body.method} ${body.amountCents}`,
        });
        await repo.refreshInvoiceStatus(tx, invoice.id, now);
        await rescheduleRemainder(tx, invoice.id, now, 'earliest');
      });
      return (await toInvoices(db, [(await repo.findInvoice(db, body.invoiceId)) as InvoiceRow]))[0] as Invoice;
    },

    /** Splits what is still owed into instalments (cheques held until dates, debits, transfers). */
    async setInstalmentPlan(
      actor: Actor,
      invoiceId: string,
      body: z.infer<typeof InstalmentPlanBody>,
    ): Promise<Invoice> {
      requirePermission(actor, 'billing.manage');
      await db.transaction().execute(async (tx) => {
        const invoice = await repo.findInvoice(tx, invoiceId);
        if (!invoice) throw notFound();
        if (invoice.kind !== 'invoice' || invoice.status !== 'open') throw invoiceNotOpen();
        if (!(await invoicesRepo.bumpInvoiceVersion(tx, invoiceId, body.version, clock.now().toISOString())))
          throw stale();
        await replaceInstalmentsIn(tx, actor, invoiceId, body.instalments);
      });
      return this.get(actor, invoiceId);
    },

    /** The recorded deferrals, newest first: for the board that votes them and accounts who apply them. */
    async listDeferrals(actor: Actor, query: { cursor?: string; limit: number }) {
      requirePermission(actor, 'billing.deferrals.read');
      const rows = await invoicesRepo.deferralPage(db, { after: decodeCursor(query.cursor), limit: query.limit });
      const { page, nextCursor } = keysetPage(rows, query.limit, (r) => [r.created_at, r.id]);
      return { items: page.map(toDeferral), nextCursor };
    },

    /** A recorded deferral: for the board that votes them and accounts who apply them. */
    async getDeferral(actor: Actor, id: string): Promise<Deferral> {
      requirePermission(actor, 'billing.deferrals.read');
      const r = await invoicesRepo.findDeferral(db, id);
      if (!r) throw notFound();
      return toDeferral(r);
    },

    /** A board decision that moves every undebited due date in a range (optionally for one plan) to a new date. */
    async recordDeferral(actor: Actor, body: z.infer<typeof DeferralBody>) {
      requirePermission(actor, 'billing.deferrals.record');
      if (body.fromDueOn > body.toDueOn || body.newDueOn < body.fromDueOn)
        throw new DomainError('DEFERRAL_RANGE', { fields: [{ field: 'newDueOn', code: 'DEFERRAL_RANGE' }] });
      return db.transaction().execute(async (tx) => {
        const now = clock.now().toISOString();
        const id = newId();
        const ids = await invoicesRepo.deferrableInstalmentIds(tx, body);
        // A new date needs a new pre-notification: the one already sent announced the old date.
        await invoicesRepo.deferInstalments(tx, ids, { newDueOn: body.newDueOn, deferralId: id, now });
        const row = {
          id,
          decision_ref: body.decisionRef,
          decided_on: body.decidedOn,
          reason: body.reason,
          from_due_on: body.fromDueOn,
          to_due_on: body.toDueOn,
          new_due_on: body.newDueOn,
          plan_id: body.planId ?? null,
          affected_count: ids.length,
          recorded_by: actorUserId(actor),
          created_at: now,
        };
        await invoicesRepo.insertDeferral(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'payment-deferral',
          entityId: id,
          action: 'create',
          after: row,
        });
        return { id, affected: ids.length };
      });
    },
  };
}

/** A recorded deferral as the API shows it. */
function toDeferral(r: Selectable<PaymentDeferralsTable>): Deferral {
  return {
    id: r.id,
    decisionRef: r.decision_ref,
    decidedOn: r.decided_on,
    reason: r.reason,
    fromDueOn: r.from_due_on,
    toDueOn: r.to_due_on,
    newDueOn: r.new_due_on,
    planId: r.plan_id,
    affectedCount: r.affected_count,
    createdAt: r.created_at,
  };
}

/** A billing manager sees every family's invoices; anyone else must be a guardian limited to their family. */
function managesBilling(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  requireUser(actor);
  return can(actor, 'billing.manage');
}

export type InvoicesService = ReturnType<typeof createInvoicesService>;
