import { addDays, daysBetween } from '../../platform/clock.js';
import { familyCourseFees, proRatedMembershipCents, termsDueFrom } from './board.rules.js';

/**
 * School fees and cancellations (DOMAIN.md, "The school network": "Fees: a membership fee plus course fees, set per
 * season by a board vote; payment by instalments (cheques held until a date, transfers, direct debit); the board
 * may defer payments and cancellation deadlines for everyone"; "Cancellations: a student may cancel by a term's
 * deadline, by a written request; special rules can apply for a period"). Amounts are integer cents.
 */

export type Term = { start: string; end: string };

/** The payment plans a family chooses from, and how many instalments each makes. */
export const FEE_PLAN_INSTALMENTS = { once: 1, three: 3, ten: 10 } as const;
export type FeePlan = keyof typeof FEE_PLAN_INSTALMENTS;

/** The percent of the solidarity rate a family's criterion (quotient band) gives; none set or unknown: 0. */
export function solidarityPercent(
  rates: readonly { criterion: string; percent: number }[],
  criterion: string | null,
): number {
  if (!criterion) return 0;
  return rates.find((r) => r.criterion === criterion)?.percent ?? 0;
}

/** "Pro-rating by term for late starts": a season fee times the share of the season's terms still due. */
export function proRatedFeeCents(feeCents: number, termsDue: number, termsInSeason: number): number {
  if (termsInSeason <= 0 || termsDue <= 0) return 0;
  return Math.round((feeCents * Math.min(termsDue, termsInSeason)) / termsInSeason);
}

export type PlaceToBill = { key: string; studentId: string; feeCents: number; startsOn: string };

/**
 * The season's fees of a family's places: the places ranked by fee, dearest first (the dearest is paid in full, the
 * family discounts go to the next ones: a second child or a second course — `familyCourseFees`), the solidarity rate,
 * then pro-rated by the terms still due from the place's first day. Returns per place the amount, the first term billed (1-based) and the terms billed.
 */
export function placeFees(
  places: readonly PlaceToBill[],
  terms: readonly Term[],
  familyDiscounts: readonly number[],
  solidarity: number,
): Map<string, { amountCents: number; firstTerm: number; termsBilled: number }> {
  const discounted = familyCourseFees(
    places.map((p) => p.feeCents),
    familyDiscounts,
    solidarity,
  );
  const result = new Map<string, { amountCents: number; firstTerm: number; termsBilled: number }>();
  places.forEach((place, index) => {
    const termsBilled = termsDueFrom(terms, place.startsOn);
    result.set(place.key, {
      amountCents: proRatedFeeCents(discounted[index] ?? 0, termsBilled, terms.length),
      firstTerm: terms.length - termsBilled + 1,
      termsBilled,
    });
  });
  return result;
}

/** The membership fee owed on the first place's start (per family or per member, pro-rated by term). */
export function membershipFeeCents(
  membership: { basis: 'family' | 'member'; feeCents: number },
  members: number,
  terms: readonly Term[],
  firstStartsOn: string,
): number {
  return proRatedMembershipCents(membership, members, termsDueFrom(terms, firstStartsOn), terms.length);
}

/** A month later, the day of the month kept up to the 28th (every month has it). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, 28)).padStart(2, '0')}`;
}

/**
 * The first instalment's date: the season's first day, or later when the plan is chosen late (today plus the lead
 * days a direct debit needs for its pre-notification), kept within the first 28 days of a month.
 */
export function firstFeeDueOn(today: string, seasonStartsOn: string, leadDays: number): string {
  const earliest = addDays(today, leadDays);
  const date = earliest > seasonStartsOn ? earliest : seasonStartsOn;
  return Number(date.slice(8, 10)) > 28 ? `${addMonths(date, 1).slice(0, 8)}01` : date;
}

/**
 * A payment plan's instalments: the total split in equal monthly parts from the first due date, the cents left over
 * on the first one (the parts always sum to the total).
 */
export function feeInstalments(totalCents: number, plan: FeePlan, firstDueOn: string) {
  const count = FEE_PLAN_INSTALMENTS[plan];
  const part = Math.floor(totalCents / count);
  return Array.from({ length: count }, (_, index) => ({
    dueOn: addMonths(firstDueOn, index),
    amountCents: index === 0 ? totalCents - part * (count - 1) : part,
  }));
}

/**
 * The instalments of fees issued after the family chose its plan (a place confirmed later, another course): they
 * follow the chosen plan's own due dates still ahead, none before `earliest` (today, plus a direct debit's
 * pre-notification lead), the total split equally over them (the cents left over on the first); when none of the
 * plan's dates is left, one instalment on `earliest` (kept within the first 28 days of a month, as
 * `firstFeeDueOn`). They make an invoice of their own: an issued invoice is never changed.
 */
export function planInstalmentsFrom(totalCents: number, plan: FeePlan, planFirstDueOn: string, earliest: string) {
  const dates = feeInstalments(0, plan, planFirstDueOn)
    .map((i) => i.dueOn)
    .filter((dueOn) => dueOn >= earliest);
  if (!dates.length) return [{ dueOn: firstFeeDueOn(earliest, earliest, 0), amountCents: totalCents }];
  const part = Math.floor(totalCents / dates.length);
  return dates.map((dueOn, index) => ({
    dueOn,
    amountCents: index === 0 ? totalCents - part * (dates.length - 1) : part,
  }));
}

export type Deferral = { fromDueOn: string; toDueOn: string; newDueOn: string };

/**
 * "The board may defer payments and cancellation deadlines for everyone": a deadline inside a board deferral's range
 * of due dates moves to the deferral's new date (never earlier); the latest such move wins.
 */
export function deferredDeadline(deadline: string, deferrals: readonly Deferral[]): string {
  let moved = deadline;
  for (const d of deferrals)
    if (d.fromDueOn <= deadline && deadline <= d.toDueOn && d.newDueOn > moved) moved = d.newDueOn;
  return moved;
}

/**
 * A term's cancellation deadline: `noticeDays` before the term starts (the school's policy), moved by a board
 * deferral. A written cancellation received on or before it owes nothing of that term nor of the later ones.
 */
export function termCancellationDeadline(term: Term, noticeDays: number, deferrals: readonly Deferral[]): string {
  return deferredDeadline(addDays(term.start, -noticeDays), deferrals);
}

/**
 * "A student may cancel by a term's deadline": of the terms billed, those whose deadline passed before the request
 * was received stay owed; the others are not. Null when every billed term's deadline has passed: nothing can be
 * cancelled any more under the term rule (the request is refused unless a special rule applies).
 */
export function termsOwedOnCancellation(deadlines: readonly string[], receivedOn: string): number | null {
  const owed = deadlines.filter((deadline) => deadline < receivedOn).length;
  return owed === deadlines.length ? null : owed;
}

/** The part of a billed fee that stays owed for `owedTerms` of `termsBilled` terms, rounded to the cent. */
export function owedForTermsCents(amountCents: number, termsBilled: number, owedTerms: number): number {
  if (termsBilled <= 0) return 0;
  return Math.round((amountCents * Math.min(owedTerms, termsBilled)) / termsBilled);
}

export type SpecialRule = { startsOn: string; endsOn: string; deadline: string };

/** A special rule covers a cancellation received from its first day until its own deadline. */
export function specialRuleCovers(rule: SpecialRule, receivedOn: string): boolean {
  return rule.startsOn <= receivedOn && receivedOn <= rule.deadline;
}

/**
 * Under a special rule "lessons not held are not owed": of a fee billed for `from`–`to`, what stays owed is the
 * share of days up to the cancellation's effective date (not before the rule's first day), rounded to the cent.
 */
export function owedUnderSpecialRuleCents(
  amountCents: number,
  billed: { from: string; to: string },
  rule: SpecialRule,
  effectiveOn: string,
): number {
  const stop = effectiveOn < rule.startsOn ? rule.startsOn : effectiveOn;
  const total = daysBetween(billed.from, billed.to) + 1;
  if (total <= 0) return 0;
  const held = Math.min(total, Math.max(0, daysBetween(billed.from, stop)));
  return Math.round((amountCents * held) / total);
}

/** What a cancellation credits: what was billed, less what stays owed and what was credited already (never below 0). */
export function cancellationCreditCents(amountCents: number, owedCents: number, creditedCents: number): number {
  return Math.max(0, amountCents - owedCents - creditedCents);
}

/** "Missed lessons are not made up" unless the school's policy grants make-up credits: the credits a place gets. */
export function makeUpCredits(policyCredits: number): number {
  return Math.max(0, policyCredits);
}
