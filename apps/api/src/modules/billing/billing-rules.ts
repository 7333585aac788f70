import { addDays, daysBetween, lastDayOfMonth } from '../../platform/clock.js';
import type { ReturnKind } from '@contracts';

/**
 * The billing rules of DOMAIN.md as plain functions over dates (YYYY-MM-DD in the organisation's time zone)
 * and integer cents, so each is easy to find, test and change.
 */

export type BillingPeriodKind = 'monthly' | 'termly' | 'yearly';
export type Period = { start: string; end: string };
export type SubscriptionClock = { status: string; billable_from: string | null; ended_on: string | null };

/** A family is billable only once a teacher's contact was handed over (billable_from), and from that date on. */
export function isBillable(subscription: SubscriptionClock, today: string): boolean {
  return (
    subscription.status !== 'pending' && subscription.billable_from !== null && subscription.billable_from <= today
  );
}

/**
 * No debit before the hand-over: the first debit falls at most `withinDays` after it (or on the agreed earlier
 * date), never before it.
 */
export function firstDebitDate(handOver: string, withinDays: number, firstDebitBy?: string | null): string {
  const latest = addDays(handOver, withinDays);
  const chosen = firstDebitBy && firstDebitBy < latest ? firstDebitBy : latest;
  return chosen < handOver ? handOver : chosen;
}

/**
 * When a period's instalment falls due: the first period (the one the hand-over opens) on the first debit date,
 * every later one on its first billed day.
 */
export function firstInstalmentDueOn(
  subscription: { billable_from: string | null; first_debit_by: string | null },
  period: { billedStart: string },
  index: number,
  withinDays: number,
): string {
  return index === 0 && subscription.billable_from === period.billedStart
    ? firstDebitDate(subscription.billable_from, withinDays, subscription.first_debit_by)
    : period.billedStart;
}

export type Payer = {
  firstName: string | null;
  lastName: string | null;
  line1: string | null;
  postalCode: string | null;
  city: string | null;
};

/**
 * An invoice names its payer in full and where to send it (Code de commerce art. L. 441-9, Code général des
 * impôts art. 242 nonies A: name and address of the client): what is missing, field by field; empty when it may
 * be issued.
 */
export function payerProblems(payer: Payer): { field: string; code: string }[] {
  const blank = (v: string | null) => !v || !v.trim();
  const problems: { field: string; code: string }[] = [];
  if (blank(payer.firstName) || blank(payer.lastName)) problems.push({ field: 'payer', code: 'payer_name_missing' });
  if (blank(payer.line1)) problems.push({ field: 'billingAddress.line1', code: 'billing_line1_missing' });
  if (blank(payer.postalCode))
    problems.push({ field: 'billingAddress.postalCode', code: 'billing_postal_code_missing' });
  if (blank(payer.city)) problems.push({ field: 'billingAddress.city', code: 'billing_city_missing' });
  return problems;
}

/**
 * How much of a period a pro-rated invoice bills, as the quantity of its line: 1 for a whole period, else billed
 * days ÷ period days to the hundredth (the amount itself is `proRata`, to the cent).
 */
export function periodQuantity(period: Period, billedStart: string, billedEnd: string): number {
  const total = daysBetween(period.start, period.end) + 1;
  const billed = daysBetween(billedStart, billedEnd) + 1;
  return billed >= total ? 1 : Math.round((billed * 100) / total) / 100;
}

/** Nothing invoiced twice: one invoice per subscription and period start, held by the unique `period_key`. */
export function invoicePeriodKey(subscriptionId: string, periodStart: string): string {
  return `${subscriptionId}:${periodStart}`;
}

/**
 * A subscription billed with no lesson given for `holdAfterDays` is held: counted from the latest of its
 * hand-over, its last given lesson and its last hold release (the anchor, which also keys the hold once).
 */
export function quietSince(handOver: string, lastLesson: string | null, lastRelease: string | null): string {
  return [handOver, lastLesson ?? '', lastRelease ?? ''].sort().at(-1) as string;
}

export function isQuietTooLong(anchor: string, today: string, holdAfterDays: number): boolean {
  return daysBetween(anchor, today) >= holdAfterDays;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The period containing a date: calendar months; terms of the season (September–December, January–March,
 * April–August); seasons from 1 September to 31 August.
 */
export function periodContaining(date: string, kind: BillingPeriodKind): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (kind === 'monthly') return { start: `${year}-${pad(month)}-01`, end: lastDayOfMonth(year, month) };
  if (kind === 'yearly') {
    const from = month >= 9 ? year : year - 1;
    return { start: `${from}-09-01`, end: `${from + 1}-08-31` };
  }
  if (month >= 9) return { start: `${year}-09-01`, end: `${year}-12-31` };
  if (month <= 3) return { start: `${year}-01-01`, end: `${year}-03-31` };
  return { start: `${year}-04-01`, end: `${year}-08-31` };
}

export type BilledPeriod = Period & { billedStart: string; billedEnd: string; amountCents: number };

/** Price × billed days ÷ period days, rounded to the cent: the first and last periods are pro-rated. */
export function proRata(priceCents: number, period: Period, billedStart: string, billedEnd: string): number {
  const total = daysBetween(period.start, period.end) + 1;
  const billed = daysBetween(billedStart, billedEnd) + 1;
  if (billed >= total) return priceCents;
  return Math.round((priceCents * billed) / total);
}

/**
 * The instalments left after an invoice's balance went down by `reductionCents` (a credit note, a payment), each
 * keeping its place in the schedule: a credit note is spread over the remaining instalments in proportion to their
 * amounts (largest remainders, ties to the earliest, in whole cents), a payment not tied to an instalment pays the
 * earliest ones first. The amounts sum to the old total less the reduction exactly; one brought to 0 is dropped
 * by the caller. A reduction beyond the total leaves every instalment at 0.
 */
export function reducedInstalments(
  amountsCents: readonly number[],
  reductionCents: number,
  mode: 'spread' | 'earliest',
): number[] {
  const total = amountsCents.reduce((s, a) => s + a, 0);
  if (reductionCents <= 0) return [...amountsCents];
  if (reductionCents >= total) return amountsCents.map(() => 0);
  if (mode === 'earliest') {
    let left = reductionCents;
    return amountsCents.map((a) => {
      const taken = Math.min(a, left);
      left -= taken;
      return a - taken;
    });
  }
  const shares = amountsCents.map((a) => (a * reductionCents) / total);
  const cuts = shares.map(Math.floor);
  let rest = reductionCents - cuts.reduce((s, c) => s + c, 0);
  const order = shares.map((share, index) => ({ index, fraction: share - Math.floor(share) }));
  order.sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (const { index } of order) {
    if (rest <= 0) break;
    if (cuts[index]! < amountsCents[index]!) {
      cuts[index] = cuts[index]! + 1;
      rest -= 1;
    }
  }
  return amountsCents.map((a, index) => a - cuts[index]!);
}

/**
 * Every period to invoice from the hand-over up to (and including) the period that starts on or before
 * `through`; the subscription's end date closes the last one.
 */
export function periodsToInvoice(
  subscription: SubscriptionClock,
  kind: BillingPeriodKind,
  priceCents: number,
  through: string,
): BilledPeriod[] {
  if (!subscription.billable_from) return [];
  const result: BilledPeriod[] = [];
  let cursor = subscription.billable_from;
  for (let guard = 0; guard < 240 && cursor <= through; guard += 1) {
    if (subscription.ended_on && cursor > subscription.ended_on) break;
    const period = periodContaining(cursor, kind);
    const billedStart = cursor;
    const billedEnd = subscription.ended_on && subscription.ended_on < period.end ? subscription.ended_on : period.end;
    result.push({
      ...period,
      billedStart,
      billedEnd,
      amountCents: proRata(priceCents, period, billedStart, billedEnd),
    });
    cursor = addDays(period.end, 1);
  }
  return result;
}

/** While a subscription is held (no lesson recorded, …) no period of it is invoiced, until staff release it. */
export function invoicingHeld(subscription: { on_hold: number }): boolean {
  return subscription.on_hold === 1;
}

/**
 * The periods a hold kept from being invoiced: begun on or after the hold's first day and by its release day, and
 * not invoiced yet. At the release staff invoice them (the next run issues them) or waive them.
 */
export function periodsBegunDuringHold(
  periods: BilledPeriod[],
  hold: { since: string; releasedOn: string },
  invoiced: (period: BilledPeriod) => boolean,
): BilledPeriod[] {
  return periods.filter(
    (p) => p.billedStart >= hold.since && p.billedStart <= hold.releasedOn && p.amountCents > 0 && !invoiced(p),
  );
}

/**
 * A manual invoice follows the hand-over rule (no invoice before a teacher's contact was given to the family) or
 * says why it is issued anyway (a membership fee, a pack bought ahead…): the missing reason, else null.
 */
export function manualInvoiceProblem(handedOver: boolean, reason: string | null | undefined): 'reason' | null {
  return handedOver || (reason ?? '').trim() !== '' ? null : 'reason';
}

/** Adds calendar months, clamping to the month's last day. */
export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = Number(lastDayOfMonth(year, month + 1).slice(8, 10));
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

export type MandateState = {
  type: string;
  status: string;
  signed_on: string;
  last_used_on: string | null;
  final_on_next: number;
  short_notice_days: number | null;
};

/** A mandate not used for 36 months lapses (EPC rulebook 4.7.2 (8)); a revoked or finally-used one is ended. */
export function mandateRefusal(
  mandate: MandateState,
  collectionDate: string,
): 'mandate_ended' | 'mandate_expired' | null {
  if (mandate.status !== 'active') return 'mandate_ended';
  const lastUse = mandate.last_used_on ?? mandate.signed_on;
  if (collectionDate > addMonths(lastUse, 36)) return 'mandate_expired';
  return null;
}

export type SequenceType = 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';

/** The sequence type follows the mandate's history: one-off, first, recurrent, or final when so flagged. */
export function sequenceType(mandate: Pick<MandateState, 'type' | 'final_on_next'>, usedBefore: boolean): SequenceType {
  if (mandate.type === 'oneoff') return 'OOFF';
  if (mandate.final_on_next) return 'FNAL';
  return usedBefore ? 'RCUR' : 'FRST';
}

/**
 * What a mandate's earlier collections say about the next one, gathered across every batch (debits of cancelled
 * batches are gone): `used` counts collections that reached the debtor's bank (exported, or refunded after
 * settlement — a rejected first collection never settled and does not count); `closed` is a FNAL or OOFF exported
 * or waiting; `firstPending` a FRST or OOFF waiting in a prepared batch; `latestDate` the latest collection
 * date among its debits waiting in prepared batches or counted as used.
 */
export type SequenceHistory = {
  mandateType: string;
  finalOnNext: boolean;
  used: number;
  closed: boolean;
  firstPending: boolean;
  latestDate: string | null;
  /** the date of the collection being decided */
  collectionDate: string;
  /** true for the mandate's last line in this batch (the only one a FNAL may take) */
  lastOfBatch: boolean;
};
export type SequenceRefusal = 'first_debit_pending' | 'sequence_closed' | 'sequence_out_of_order';

/**
 * The sequence type of a mandate's next collection (SEPA Core rulebook 2025, section 4.5.1 and the
 * implementation guidelines for pain.008): a one-off mandate is collected once (OOFF); a recurrent mandate's first
 * collection is FRST (our convention for .08 and .02 alike: the rulebook has allowed RCUR there since November
 * 2016, yet FRST remains valid and many French banks still expect it), later ones RCUR, and FNAL (when the mandate
 * is flagged to end) is the last — nothing follows a FNAL or an OOFF. One first-use line per mandate across the
 * batches waiting to be exported, and no collection dated before one of the same mandate still waiting or already
 * collected (a rejected collection never settled and is left out of both).
 * A mandate flagged to end whose first collection this is takes FRST (FNAL is optional in the rulebook, and a
 * series cannot start with it); the export then ends the mandate.
 */
export function nextSequenceType(
  history: SequenceHistory,
): { sequenceType: SequenceType } | { refusal: SequenceRefusal } {
  if (history.closed) return { refusal: 'sequence_closed' };
  if (history.mandateType === 'oneoff') {
    if (history.used > 0) return { refusal: 'sequence_closed' };
    if (history.firstPending) return { refusal: 'first_debit_pending' };
    return { sequenceType: 'OOFF' };
  }
  if (history.firstPending) return { refusal: 'first_debit_pending' };
  if (history.latestDate && history.latestDate > history.collectionDate) return { refusal: 'sequence_out_of_order' };
  if (history.used === 0) {
    // A FRST may not wait behind RCURs of the same mandate (left behind by a rejected first collection).
    if (history.latestDate) return { refusal: 'first_debit_pending' };
    return { sequenceType: 'FRST' };
  }
  return { sequenceType: history.finalOnNext && history.lastOfBatch ? 'FNAL' : 'RCUR' };
}

/** The history after a line of this batch took `sequenceType` (the next line of the same mandate sees it). */
export function afterSequence(history: SequenceHistory, sequenceType: SequenceType): SequenceHistory {
  return {
    ...history,
    closed: history.closed || sequenceType === 'FNAL' || sequenceType === 'OOFF',
    firstPending: history.firstPending || sequenceType === 'FRST' || sequenceType === 'OOFF',
    latestDate:
      history.latestDate && history.latestDate > history.collectionDate ? history.latestDate : history.collectionDate,
  };
}

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm: Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * TARGET2 (T2) business days, on which SEPA debits settle: every day but Saturdays, Sundays, 1 January, Good
 * Friday, Easter Monday, 1 May, 25 and 26 December (ECB, TARGET closing days). date-holidays has no TARGET
 * calendar, so Easter is computed here.
 */
export function isTarget2BusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  if (monthDay === '01-01' || monthDay === '05-01' || monthDay === '12-25' || monthDay === '12-26') return false;
  const easter = easterSunday(Number(date.slice(0, 4)));
  return date !== addDays(easter, -2) && date !== addDays(easter, 1);
}

/** The first TARGET2 business day on or after a date. */
export function target2OnOrAfter(date: string): string {
  let day = date;
  while (!isTarget2BusinessDay(day)) day = addDays(day, 1);
  return day;
}

/**
 * The last day a file may go to the bank for a collection date: the TARGET2 business day before it (SEPA Core
 * D-1 for every sequence type since November 2016). So the collection date is at least one TARGET2 business day
 * after the export day; a file exported on a Saturday for the Monday is late (its D-1, Friday, has passed).
 */
export function latestExportDay(collectionDate: string): string {
  let day = addDays(collectionDate, -1);
  while (!isTarget2BusinessDay(day)) day = addDays(day, -1);
  return day;
}

/** Why a collection date cannot be used when exporting (or preparing) on `today`, or null. */
export function collectionDateProblem(
  collectionDate: string,
  today: string,
): 'COLLECTION_DATE_NOT_BUSINESS_DAY' | 'COLLECTION_DATE_TOO_SOON' | null {
  if (!isTarget2BusinessDay(collectionDate)) return 'COLLECTION_DATE_NOT_BUSINESS_DAY';
  if (today > latestExportDay(collectionDate)) return 'COLLECTION_DATE_TOO_SOON';
  return null;
}

export const MIN_SHORT_NOTICE_DAYS = 2;

/** Pre-notification period for a mandate: the default, or the shorter period agreed with this debtor (≥ 2 days). */
export function noticeDays(mandate: Pick<MandateState, 'short_notice_days'>, defaultDays: number): number {
  if (mandate.short_notice_days === null) return defaultDays;
  return Math.max(MIN_SHORT_NOTICE_DAYS, Math.min(mandate.short_notice_days, defaultDays));
}

/** The earliest collection date a pre-notification sent on `sentOn` allows. */
export function earliestCollection(sentOn: string, notice: number): string {
  return addDays(sentOn, notice);
}

/**
 * Pre-notification before each debit: a debit may be collected only once its pre-notification was sent at least
 * the notice period before. Returns the earliest date it could be collected when it is too late for this one
 * (never sent: counted from today), or null when it may go.
 */
export function latePreNotification(
  sentOn: string | null,
  notice: number,
  today: string,
  collectionDate: string,
): string | null {
  const earliest = earliestCollection(sentOn ?? today, notice);
  return !sentOn || earliest > collectionDate ? earliest : null;
}

/**
 * The collection date a notice sent today announces for an instalment: its due date, or the first date the notice
 * period allows when that is later, moved to the next TARGET2 business day (collections settle on those days only:
 * a batch for a weekend or a TARGET2 holiday is refused, so announcing one would force a second notice). Never a
 * date in the past, never sooner than the delay.
 */
export function announcedCollectionDate(dueOn: string, today: string, notice: number): string {
  const earliest = earliestCollection(today, notice);
  return target2OnOrAfter(dueOn > earliest ? dueOn : earliest);
}

export type NoticeSent = { sentOn: string | null; announcedOn: string | null; announcedCents: number | null };

/**
 * Whether a debit may be collected on `collectionDate` for `amountCents` under the notice sent, and what notice
 * must go first otherwise (SEPA Core rulebook PT-04.02 (AT-07 and AT-06): the debtor is told the amount and the
 * date; the delay is 14 calendar days unless agreed otherwise):
 * - `ok`: the notice announced this date and amount, sent at least the delay before;
 * - `postpone`: a notice sent in due time announced an earlier date for this amount: a notice of the new, later
 *   date goes now (the debtor already had the full delay before the first date; a later one only gives more time,
 *   so the delay still runs from the first notice);
 * - `notify`: never notified, an earlier date or another amount: a new notice goes now, and the debit may go only
 *   if the full delay still fits before the collection date;
 * - `late`: it does not: the debit waits for a later batch (`earliest` is the first date it could go).
 */
export function noticeDecision(
  sent: NoticeSent,
  notice: number,
  today: string,
  collectionDate: string,
  amountCents: number,
): { kind: 'ok' | 'postpone' | 'notify' } | { kind: 'late'; earliest: string } {
  const sameAmount = sent.announcedCents === null || sent.announcedCents === amountCents;
  if (sent.sentOn && sent.announcedOn && sameAmount && earliestCollection(sent.sentOn, notice) <= sent.announcedOn) {
    if (sent.announcedOn === collectionDate) return { kind: 'ok' };
    if (sent.announcedOn < collectionDate) return { kind: 'postpone' };
  }
  const earliest = earliestCollection(today, notice);
  return earliest <= collectionDate ? { kind: 'notify' } : { kind: 'late', earliest };
}

/**
 * The date a reject, return or refund is recorded on (field `on`): never in the future, and never before the
 * collection date, as the issue asks. A reject (before settlement) may be reported by the bank before the collection
 * date, but never before the file was sent: it is dated from the export day (EPC173-14: a reject happens between
 * the creditor's submission and settlement).
 */
export function returnDateProblem(
  kind: ReturnKind,
  on: string,
  context: { today: string; collectionDate: string; exportedOn: string },
): 'return_in_future' | 'return_before_collection' | 'return_before_export' | null {
  if (on > context.today) return 'return_in_future';
  if (kind === 'reject') return on < context.exportedOn ? 'return_before_export' : null;
  return on < context.collectionDate ? 'return_before_collection' : null;
}

export type ReturnedAmountRoute = 'new_due_date' | 'other_method';

/**
 * What becomes of a returned amount: the organisation's setting (`billing.returnedAmountRoute`) says whether it is
 * debited again on a new due date or asked by another payment method (transfer or cheque); a debit returned for
 * want of a mandate (MD01) cannot be debited again and always goes to another method. The new due date is the
 * setting's delay after the return, never before today.
 */
export function returnedAmountPlan(
  reason: string,
  setting: { route: ReturnedAmountRoute; days: number },
  on: string,
  today: string,
): { route: ReturnedAmountRoute; method: 'sepa' | 'transfer'; dueOn: string } {
  const route = reason === 'MD01' ? 'other_method' : setting.route;
  const from = on > today ? on : today;
  return { route, method: route === 'new_due_date' ? 'sepa' : 'transfer', dueOn: addDays(from, setting.days) };
}

/**
 * Refund windows of the SEPA Core rulebook: 8 weeks after the debit for an authorised debit (MD06), 13 months
 * when the debtor says there was no valid mandate (MD01). Rejects and returns before settlement have no window.
 */
export function refundWindowProblem(
  kind: ReturnKind,
  reason: string,
  collectionDate: string,
  requestedOn: string,
): string | null {
  if (requestedOn < collectionDate && kind === 'refund') return 'refund_before_collection';
  if (kind !== 'refund') return null;
  const limit = reason === 'MD01' ? addMonths(collectionDate, 13) : addDays(collectionDate, 56);
  return requestedOn > limit ? 'refund_window_closed' : null;
}

/**
 * The amendment a rejected collection must carry again. A reject happens before settlement: the debtor's bank never
 * took the file's AmdmntInd into account, so it still knows the former reference and creditor identifier (SDD Core
 * rulebook: an amendment is reported with the next collection the debtor's bank processes). A return or a refund
 * follows a settled collection: the amendment was taken, nothing is carried again.
 */
export function rejectedAmendment(
  kind: ReturnKind,
  debit: { original_rum: string | null; original_creditor_identifier: string | null },
): { originalRum: string | null; originalCreditorIdentifier: string | null } | null {
  if (kind !== 'reject') return null;
  if (!debit.original_rum && !debit.original_creditor_identifier) return null;
  return { originalRum: debit.original_rum, originalCreditorIdentifier: debit.original_creditor_identifier };
}
