import { describe, expect, it } from 'vitest';
import {
  addMonths,
  cancellationCreditCents,
  deferredDeadline,
  feeInstalments,
  firstFeeDueOn,
  makeUpCredits,
  membershipFeeCents,
  owedForTermsCents,
  owedUnderSpecialRuleCents,
  placeFees,
  planInstalmentsFrom,
  proRatedFeeCents,
  solidarityPercent,
  specialRuleCovers,
  termCancellationDeadline,
  termsOwedOnCancellation,
} from './fees.rules.js';

const terms = [
  { start: '2026-09-07', end: '2026-12-18' },
  { start: '2027-01-04', end: '2027-03-26' },
  { start: '2027-04-12', end: '2027-06-30' },
];

describe('school fees rules', () => {
  it('gives the solidarity percent of the family’s band, 0 without one', () => {
    const rates = [{ criterion: 'QF < 600', percent: 50 }];
    expect(solidarityPercent(rates, 'QF < 600')).toBe(50);
    expect(solidarityPercent(rates, null)).toBe(0);
    expect(solidarityPercent(rates, 'autre')).toBe(0);
  });

  it('pro-rates a fee by the terms still due', () => {
    expect(proRatedFeeCents(45_000, 3, 3)).toBe(45_000);
    expect(proRatedFeeCents(45_000, 2, 3)).toBe(30_000);
    expect(proRatedFeeCents(10_000, 1, 3)).toBe(3333);
    expect(proRatedFeeCents(10_000, 0, 3)).toBe(0);
  });

  it('discounts the second place, applies the solidarity rate and pro-rates a late start', () => {
    const fees = placeFees(
      [
        { key: 'a', studentId: 's1', feeCents: 45_000, startsOn: '2026-09-07' },
        { key: 'b', studentId: 's2', feeCents: 18_000, startsOn: '2027-01-10' },
      ],
      terms,
      [10],
      50,
    );
    expect(fees.get('a')).toEqual({ amountCents: 22_500, firstTerm: 1, termsBilled: 3 });
    // 18,000 less 10 % (second place) less 50 % (solidarity) = 8,100, for 2 of 3 terms = 5,400.
    expect(fees.get('b')).toEqual({ amountCents: 5400, firstTerm: 2, termsBilled: 2 });
  });

  it('bills the membership once per family or per member, pro-rated from the first start', () => {
    expect(membershipFeeCents({ basis: 'family', feeCents: 3000 }, 2, terms, '2026-09-07')).toBe(3000);
    expect(membershipFeeCents({ basis: 'member', feeCents: 3000 }, 2, terms, '2026-09-07')).toBe(6000);
    expect(membershipFeeCents({ basis: 'family', feeCents: 3000 }, 1, terms, '2027-05-01')).toBe(1000);
  });

  it('splits a plan in monthly instalments that sum to the total, the first taking the odd cents', () => {
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    const three = feeInstalments(50_001, 'three', '2026-10-05');
    expect(three).toEqual([
      { dueOn: '2026-10-05', amountCents: 16_667 },
      { dueOn: '2026-11-05', amountCents: 16_667 },
      { dueOn: '2026-12-05', amountCents: 16_667 },
    ]);
    const ten = feeInstalments(50_001, 'ten', '2026-10-05');
    expect(ten).toHaveLength(10);
    expect(ten.reduce((s, i) => s + i.amountCents, 0)).toBe(50_001);
    expect(feeInstalments(100, 'three', '2026-10-05').map((i) => i.amountCents)).toEqual([34, 33, 33]);
    expect(feeInstalments(123, 'once', '2026-10-05')).toEqual([{ dueOn: '2026-10-05', amountCents: 123 }]);
  });

  it('follows the plan’s dates still ahead for fees issued after the plan was chosen', () => {
    expect(planInstalmentsFrom(36_001, 'three', '2027-09-01', '2027-09-25')).toEqual([
      { dueOn: '2027-10-01', amountCents: 18_001 },
      { dueOn: '2027-11-01', amountCents: 18_000 },
    ]);
    expect(planInstalmentsFrom(900, 'three', '2027-09-01', '2027-08-20').map((i) => i.amountCents)).toEqual([
      300, 300, 300,
    ]);
    expect(planInstalmentsFrom(500, 'once', '2027-09-01', '2027-11-30')).toEqual([
      { dueOn: '2027-12-01', amountCents: 500 },
    ]);
  });

  it('starts the plan on the season’s first day, or after the lead days when chosen late, by the 28th', () => {
    expect(firstFeeDueOn('2026-08-01', '2026-09-07', 15)).toBe('2026-09-07');
    expect(firstFeeDueOn('2026-10-01', '2026-09-07', 15)).toBe('2026-10-16');
    expect(firstFeeDueOn('2026-10-15', '2026-09-07', 15)).toBe('2026-11-01');
  });

  it('moves a cancellation deadline inside a board deferral’s range to its new date, never earlier', () => {
    const deferrals = [{ fromDueOn: '2027-03-01', toDueOn: '2027-04-30', newDueOn: '2027-05-15' }];
    expect(deferredDeadline('2027-03-29', deferrals)).toBe('2027-05-15');
    expect(deferredDeadline('2027-02-28', deferrals)).toBe('2027-02-28');
    expect(termCancellationDeadline(terms[2]!, 14, deferrals)).toBe('2027-05-15');
    expect(termCancellationDeadline(terms[1]!, 14, [])).toBe('2026-12-21');
  });

  it('owes the terms whose deadline passed and refuses once every deadline passed', () => {
    const deadlines = terms.map((t) => termCancellationDeadline(t, 14, []));
    expect(termsOwedOnCancellation(deadlines, '2026-08-20')).toBe(0);
    expect(termsOwedOnCancellation(deadlines, '2026-10-01')).toBe(1);
    expect(termsOwedOnCancellation(deadlines, '2026-12-21')).toBe(1);
    expect(termsOwedOnCancellation(deadlines, '2026-12-22')).toBe(2);
    expect(termsOwedOnCancellation(deadlines, '2027-05-01')).toBeNull();
    expect(owedForTermsCents(45_000, 3, 1)).toBe(15_000);
    expect(cancellationCreditCents(45_000, 15_000, 0)).toBe(30_000);
    expect(cancellationCreditCents(45_000, 15_000, 40_000)).toBe(0);
  });

  it('under a special rule owes the days up to the cancellation only, within the rule’s dates', () => {
    const rule = { startsOn: '2027-04-01', endsOn: '2027-07-04', deadline: '2027-04-30' };
    expect(specialRuleCovers(rule, '2027-04-30')).toBe(true);
    expect(specialRuleCovers(rule, '2027-05-01')).toBe(false);
    expect(specialRuleCovers(rule, '2027-03-31')).toBe(false);
    const billed = { from: '2026-09-07', to: '2027-06-30' };
    const owed = owedUnderSpecialRuleCents(29_700, billed, rule, '2027-04-01');
    expect(owed).toBe(Math.round((29_700 * 206) / 297));
    expect(owedUnderSpecialRuleCents(29_700, billed, rule, '2027-02-01')).toBe(owed);
  });

  it('grants no make-up credit unless the school’s policy does', () => {
    expect(makeUpCredits(0)).toBe(0);
    expect(makeUpCredits(3)).toBe(3);
  });
});
