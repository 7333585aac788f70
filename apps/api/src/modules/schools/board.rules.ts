import type { BoardVote, SeasonTariffsInput } from '@contracts';
import type { FieldIssue } from '../../platform/errors.js';

/**
 * The board's vote and the tariffs it adopts (DOMAIN.md, "The school network": "The board decides by recorded
 * votes (date, text, for/against/abstentions, members present and represented)"; "Fees: a membership fee plus
 * course fees, set per season by a board vote").
 */

/** A decision is adopted when more members voted for it than against it (abstentions count for neither). */
export function isAdopted(vote: BoardVote): boolean {
  return vote.votesFor > vote.votesAgainst;
}

/**
 * What is wrong with a recorded vote, per field (`vote.<field>`): nobody present or represented, or more votes
 * (for, against and abstentions) than members present and represented (each present member votes once for
 * themselves and once per proxy they hold).
 */
export function voteProblems(vote: BoardVote): FieldIssue[] {
  const voters = vote.membersPresent + vote.membersRepresented;
  if (vote.membersPresent === 0) return [{ field: 'vote.membersPresent', code: 'NO_MEMBER_PRESENT' }];
  if (vote.votesFor + vote.votesAgainst + vote.abstentions > voters) {
    return [{ field: 'vote.votesFor', code: 'VOTES_EXCEED_MEMBERS' }];
  }
  return [];
}

/** What is wrong with a tariffs grid, per field: two fees for one discipline and duration. */
export function tariffsProblems(tariffs: SeasonTariffsInput): FieldIssue[] {
  const seen = new Set<string>();
  const problems: FieldIssue[] = [];
  tariffs.courseFees.forEach((fee, index) => {
    const key = `${fee.discipline}/${fee.durationMinutes}`;
    if (seen.has(key))
      problems.push({ field: `tariffs.courseFees.${index}.durationMinutes`, code: 'TARIFF_DUPLICATE' });
    seen.add(key);
  });
  return problems;
}

type Term = { start: string; end: string };

/**
 * "Pro-rated by term": the terms a member joining on `joiningOn` pays for: the term in progress and every later
 * one (joining before the first term pays them all, after the last pays none).
 */
export function termsDueFrom(terms: readonly Term[], joiningOn: string): number {
  return terms.filter((term) => term.end >= joiningOn).length;
}

/**
 * The membership fee (adhésion) a family owes on joining: per family once, or per member (each student and adult
 * member), times the share of the season's terms still to come, rounded to the cent.
 */
export function proRatedMembershipCents(
  membership: SeasonTariffsInput['membership'],
  members: number,
  termsDue: number,
  termsInSeason: number,
): number {
  if (termsInSeason <= 0 || termsDue <= 0 || members <= 0) return 0;
  const units = membership.basis === 'family' ? 1 : members;
  return Math.round((membership.feeCents * units * Math.min(termsDue, termsInSeason)) / termsInSeason);
}

/** "Non-refundable": a member who cancels gets nothing of the membership fee back, whatever the date. */
export function membershipRefundCents(): number {
  return 0;
}

/**
 * The family discount of the child of rank `rank` (1 = first child, who pays in full): the board's percent for the
 * second child, the third…; the last percent given applies to every later child.
 */
export function familyDiscountPercent(discounts: readonly number[], rank: number): number {
  if (rank <= 1 || discounts.length === 0) return 0;
  return discounts[Math.min(rank - 2, discounts.length - 1)]!;
}

/** A course fee after the family discount, then the solidarity rate, rounded to the cent once. */
export function discountedFeeCents(feeCents: number, familyPercent: number, solidarityPercent: number): number {
  return Math.round((feeCents * (100 - familyPercent) * (100 - solidarityPercent)) / 10_000);
}

/**
 * A family's course fees for the season: its children ranked by fee, dearest first (the dearest is paid in full,
 * the family discounts go to the cheaper ones, as schools usually apply them), then each child's fee discounted by
 * its rank and by the family's solidarity rate. Returns
 * the fees in the order given.
 */
export function familyCourseFees(
  feesCents: readonly number[],
  discounts: readonly number[],
  solidarityPercent = 0,
): number[] {
  const ranked = feesCents.map((fee, index) => ({ fee, index })).sort((a, b) => b.fee - a.fee || a.index - b.index);
  const due = new Array<number>(feesCents.length);
  ranked.forEach(({ fee, index }, position) => {
    due[index] = discountedFeeCents(fee, familyDiscountPercent(discounts, position + 1), solidarityPercent);
  });
  return due;
}

/** The season fee of a discipline for a weekly duration, or null when the board set none. */
export function courseFeeCents(
  tariffs: Pick<SeasonTariffsInput, 'courseFees'>,
  discipline: string,
  durationMinutes: number,
): number | null {
  return (
    tariffs.courseFees.find((f) => f.discipline === discipline && f.durationMinutes === durationMinutes)?.feeCents ??
    null
  );
}
