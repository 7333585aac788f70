import { describe, expect, it } from 'vitest';
import {
  courseFeeCents,
  discountedFeeCents,
  familyCourseFees,
  familyDiscountPercent,
  isAdopted,
  membershipRefundCents,
  proRatedMembershipCents,
  tariffsProblems,
  termsDueFrom,
  voteProblems,
} from './board.rules.js';

const vote = { votesFor: 7, votesAgainst: 2, abstentions: 1, membersPresent: 8, membersRepresented: 2 };
const terms = [
  { start: '2026-09-14', end: '2026-12-19' },
  { start: '2027-01-04', end: '2027-03-27' },
  { start: '2027-03-29', end: '2027-06-26' },
];

describe('board votes', () => {
  it('adopts a decision with more votes for than against, abstentions aside', () => {
    expect(isAdopted(vote)).toBe(true);
    expect(isAdopted({ ...vote, votesFor: 2, votesAgainst: 2, abstentions: 6 })).toBe(false);
    expect(isAdopted({ ...vote, votesFor: 1, votesAgainst: 0, abstentions: 9 })).toBe(true);
  });

  it('refuses more votes than members present and represented, and a vote with nobody present', () => {
    expect(voteProblems(vote)).toEqual([]);
    expect(voteProblems({ ...vote, abstentions: 2 })).toEqual([
      { field: 'vote.votesFor', code: 'VOTES_EXCEED_MEMBERS' },
    ]);
    // Proxies count: 3 present holding 4 proxies cast 7 votes.
    expect(
      voteProblems({ ...vote, votesFor: 7, votesAgainst: 0, abstentions: 0, membersPresent: 3, membersRepresented: 4 }),
    ).toEqual([]);
    expect(voteProblems({ ...vote, membersPresent: 0, membersRepresented: 10 })).toEqual([
      { field: 'vote.membersPresent', code: 'NO_MEMBER_PRESENT' },
    ]);
  });

  it('refuses two fees for one discipline and duration', () => {
    const tariffs = {
      membership: { basis: 'family' as const, feeCents: 3000 },
      courseFees: [
        { discipline: 'piano' as const, durationMinutes: 30, feeCents: 45000 },
        { discipline: 'piano' as const, durationMinutes: 45, feeCents: 60000 },
        { discipline: 'piano' as const, durationMinutes: 30, feeCents: 50000 },
      ],
      familyDiscounts: [],
      solidarityRates: [],
    };
    expect(tariffsProblems(tariffs)).toEqual([
      { field: 'tariffs.courseFees.2.durationMinutes', code: 'TARIFF_DUPLICATE' },
    ]);
    expect(courseFeeCents(tariffs, 'piano', 45)).toBe(60000);
    expect(courseFeeCents(tariffs, 'violin', 45)).toBeNull();
  });
});

describe('membership fee pro-rated by term, never refunded', () => {
  it('counts the term in progress and every later one', () => {
    expect(termsDueFrom(terms, '2026-09-01')).toBe(3);
    expect(termsDueFrom(terms, '2026-12-19')).toBe(3);
    expect(termsDueFrom(terms, '2026-12-20')).toBe(2);
    expect(termsDueFrom(terms, '2027-02-10')).toBe(2);
    expect(termsDueFrom(terms, '2027-04-01')).toBe(1);
    expect(termsDueFrom(terms, '2027-06-27')).toBe(0);
  });

  it('charges per family once or per member, times the share of terms due, in whole cents', () => {
    const family = { basis: 'family' as const, feeCents: 3000 };
    const member = { basis: 'member' as const, feeCents: 2000 };
    expect(proRatedMembershipCents(family, 3, 3, 3)).toBe(3000);
    expect(proRatedMembershipCents(family, 3, 2, 3)).toBe(2000);
    expect(proRatedMembershipCents(member, 3, 3, 3)).toBe(6000);
    expect(proRatedMembershipCents(member, 2, 1, 3)).toBe(1333);
    expect(proRatedMembershipCents({ basis: 'family', feeCents: 1000 }, 1, 2, 3)).toBe(667);
    expect(proRatedMembershipCents(family, 2, 0, 3)).toBe(0);
  });

  it('refunds nothing of the membership fee', () => {
    expect(membershipRefundCents()).toBe(0);
  });
});

describe('family discounts and solidarity rates', () => {
  it('gives the second child the first percent, the third the next, and every later child the last', () => {
    const discounts = [10, 20];
    expect([1, 2, 3, 4, 5].map((rank) => familyDiscountPercent(discounts, rank))).toEqual([0, 10, 20, 20, 20]);
    expect(familyDiscountPercent([], 3)).toBe(0);
  });

  it('discounts the cheaper children, keeps the given order, and applies the solidarity rate after', () => {
    expect(familyCourseFees([40000, 60000, 40000], [10, 20])).toEqual([36000, 60000, 32000]);
    expect(familyCourseFees([60000], [10], 50)).toEqual([30000]);
    expect(discountedFeeCents(33333, 10, 25)).toBe(22500);
    expect(familyCourseFees([], [10])).toEqual([]);
  });
});
