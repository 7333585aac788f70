import { describe, expect, it } from 'vitest';
import { returnReasonProblem, RETURN_REASON_CODES, SDD_RETURN_REASONS } from '@contracts';
import {
  addMonths,
  announcedCollectionDate,
  firstDebitDate,
  invoicingHeld,
  isBillable,
  manualInvoiceProblem,
  mandateRefusal,
  noticeDays,
  periodsBegunDuringHold,
  periodsToInvoice,
  proRata,
  reducedInstalments,
  refundWindowProblem,
  returnDateProblem,
  returnedAmountPlan,
  sequenceType,
} from './billing-rules.js';

describe('the billing clock', () => {
  it('is not billable without a hand-over, nor before it', () => {
    expect(isBillable({ status: 'pending', billable_from: null, ended_on: null }, '2026-10-01')).toBe(false);
    expect(isBillable({ status: 'active', billable_from: '2026-10-05', ended_on: null }, '2026-10-04')).toBe(false);
    expect(isBillable({ status: 'active', billable_from: '2026-10-05', ended_on: null }, '2026-10-05')).toBe(true);
  });
  it('sets the first debit at most N days after the hand-over and never before it', () => {
    expect(firstDebitDate('2026-10-05', 9)).toBe('2026-10-14');
    expect(firstDebitDate('2026-10-05', 9, '2026-10-10')).toBe('2026-10-10');
    expect(firstDebitDate('2026-10-05', 9, '2026-10-30')).toBe('2026-10-14');
    expect(firstDebitDate('2026-10-05', 9, '2026-10-01')).toBe('2026-10-05');
  });
});

describe('periods and pro-rata', () => {
  it('pro-rates the first month from the hand-over in whole cents', () => {
    const periods = periodsToInvoice(
      { status: 'active', billable_from: '2026-10-10', ended_on: null },
      'monthly',
      12_000,
      '2026-11-05',
    );
    expect(periods.map((p) => [p.billedStart, p.billedEnd, p.amountCents])).toEqual([
      ['2026-10-10', '2026-10-31', Math.round((12_000 * 22) / 31)],
      ['2026-11-01', '2026-11-30', 12_000],
    ]);
  });
  it('uses terms and seasons for termly and yearly plans', () => {
    const termly = periodsToInvoice(
      { status: 'active', billable_from: '2026-09-01', ended_on: null },
      'termly',
      30_000,
      '2027-04-01',
    );
    expect(termly.map((p) => p.start)).toEqual(['2026-09-01', '2027-01-01', '2027-04-01']);
    const yearly = periodsToInvoice(
      { status: 'active', billable_from: '2027-03-01', ended_on: null },
      'yearly',
      100_000,
      '2027-03-01',
    );
    expect(yearly[0]).toMatchObject({ start: '2026-09-01', end: '2027-08-31', billedStart: '2027-03-01' });
    expect(yearly[0]?.amountCents).toBe(Math.round((100_000 * 184) / 365));
  });
  it('stops at the end date', () => {
    expect(proRata(3100, { start: '2026-10-01', end: '2026-10-31' }, '2026-10-01', '2026-10-10')).toBe(1000);
  });
});

describe('mandates', () => {
  const mandate = {
    type: 'recurrent',
    status: 'active',
    signed_on: '2022-01-10',
    last_used_on: null as string | null,
    final_on_next: 0,
    short_notice_days: null as number | null,
  };
  it('lapses 36 months after its last use (or its signature when never used)', () => {
    expect(mandateRefusal(mandate, '2025-01-10')).toBeNull();
    expect(mandateRefusal(mandate, '2025-01-11')).toBe('mandate_expired');
    expect(mandateRefusal({ ...mandate, last_used_on: '2024-06-01' }, '2026-11-23')).toBeNull();
    expect(mandateRefusal({ ...mandate, status: 'ended' }, '2023-01-01')).toBe('mandate_ended');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('follows the mandate history for the sequence type', () => {
    expect(sequenceType(mandate, false)).toBe('FRST');
    expect(sequenceType(mandate, true)).toBe('RCUR');
    expect(sequenceType({ ...mandate, final_on_next: 1 }, true)).toBe('FNAL');
    expect(sequenceType({ ...mandate, type: 'oneoff' }, false)).toBe('OOFF');
  });
  it('shortens the notice only with an agreement, and never below 2 days', () => {
    expect(noticeDays(mandate, 14)).toBe(14);
    expect(noticeDays({ short_notice_days: 5 }, 14)).toBe(5);
    expect(noticeDays({ short_notice_days: 1 }, 14)).toBe(2);
  });
});

describe('refund windows', () => {
  it('allows an authorised refund for 8 weeks and an unauthorised one for 13 months', () => {
    expect(refundWindowProblem('refund', 'MD06', '2026-01-05', '2026-03-02')).toBeNull();
    expect(refundWindowProblem('refund', 'MD06', '2026-01-05', '2026-03-03')).toBe('refund_window_closed');
    expect(refundWindowProblem('refund', 'MD01', '2026-01-05', '2027-02-05')).toBeNull();
    expect(refundWindowProblem('refund', 'MD01', '2026-01-05', '2027-02-06')).toBe('refund_window_closed');
    expect(refundWindowProblem('reject', 'AC04', '2026-01-05', '2026-01-06')).toBeNull();
  });
});

describe('holds and manual invoices', () => {
  const clock = { status: 'active', billable_from: '2026-10-05', ended_on: null };

  it('invoices nothing while held, and names the periods begun during the hold up to its release', () => {
    expect(invoicingHeld({ on_hold: 1 })).toBe(true);
    expect(invoicingHeld({ on_hold: 0 })).toBe(false);
    const periods = periodsToInvoice(clock, 'monthly', 12_000, '2027-01-31');
    const held = periodsBegunDuringHold(periods, { since: '2026-10-27', releasedOn: '2026-12-07' }, (p) =>
      ['2026-10-05', '2026-11-01'].includes(p.billedStart),
    );
    expect(held.map((p) => p.billedStart)).toEqual(['2026-12-01']);
    const none = periodsBegunDuringHold(periods, { since: '2026-10-27', releasedOn: '2026-10-30' }, () => false);
    expect(none).toEqual([]);
  });

  it('issues a manual invoice after a hand-over, or before one with a reason only', () => {
    expect(manualInvoiceProblem(true, null)).toBeNull();
    expect(manualInvoiceProblem(false, 'Adhésion')).toBeNull();
    expect(manualInvoiceProblem(false, '  ')).toBe('reason');
    expect(manualInvoiceProblem(false, undefined)).toBe('reason');
  });
});

describe('return reason codes', () => {
  it('takes codes from the SDD list only, each with its kinds: ZZZZ refused, AM04 never a refund', () => {
    expect(returnReasonProblem('return', 'ZZZZ')).toBe('unknown_reason_code');
    expect(returnReasonProblem('refund', 'AM04')).toBe('reason_not_for_kind');
    expect(returnReasonProblem('reject', 'AM04')).toBeNull();
    expect(returnReasonProblem('return', 'AM04')).toBeNull();
    expect(returnReasonProblem('refund', 'MD06')).toBeNull();
    expect(returnReasonProblem('reject', 'MD06')).toBe('reason_not_for_kind');
    expect(returnReasonProblem('refund', 'MD01')).toBeNull();
    // A refund is the debtor's claim: MD06 (authorised) or MD01 (no mandate), nothing else.
    expect(RETURN_REASON_CODES.filter((c) => returnReasonProblem('refund', c) === null).sort()).toEqual([
      'MD01',
      'MD06',
    ]);
    // Rejects only: technical refusals before settlement (file, clearing).
    expect(RETURN_REASON_CODES.filter((c) => returnReasonProblem('return', c) !== null).sort()).toEqual([
      'CNOR',
      'DNOR',
      'FF01',
      'MD06',
    ]);
    for (const code of RETURN_REASON_CODES) {
      expect(SDD_RETURN_REASONS[code].fr).not.toBe('');
      expect(SDD_RETURN_REASONS[code].en).not.toBe(SDD_RETURN_REASONS[code].fr);
    }
  });

  it('dates a return neither in the future nor before the collection; a reject not before the export', () => {
    const context = { today: '2026-10-23', collectionDate: '2026-10-20', exportedOn: '2026-10-01' };
    expect(returnDateProblem('return', '2026-10-24', context)).toBe('return_in_future');
    expect(returnDateProblem('refund', '2026-10-24', context)).toBe('return_in_future');
    expect(returnDateProblem('return', '2026-10-19', context)).toBe('return_before_collection');
    expect(returnDateProblem('refund', '2026-10-19', context)).toBe('return_before_collection');
    expect(returnDateProblem('return', '2026-10-20', context)).toBeNull();
    expect(returnDateProblem('reject', '2026-10-19', context)).toBeNull();
    expect(returnDateProblem('reject', '2026-09-30', context)).toBe('return_before_export');
    expect(returnDateProblem('reject', '2026-10-23', context)).toBeNull();
  });

  it('owes a returned amount again on a new due date or by transfer, as set; MD01 always by transfer', () => {
    const again = { route: 'new_due_date' as const, days: 15 };
    expect(returnedAmountPlan('AM04', again, '2026-10-22', '2026-10-23')).toEqual({
      route: 'new_due_date',
      method: 'sepa',
      dueOn: '2026-11-07',
    });
    expect(returnedAmountPlan('MD01', again, '2026-10-22', '2026-10-23')).toEqual({
      route: 'other_method',
      method: 'transfer',
      dueOn: '2026-11-07',
    });
    expect(returnedAmountPlan('AC04', { route: 'other_method', days: 10 }, '2026-10-22', '2026-10-22')).toEqual({
      route: 'other_method',
      method: 'transfer',
      dueOn: '2026-11-01',
    });
  });
});

describe('announced collection date', () => {
  it('announces a TARGET2 business day: never a weekend, Christmas, Good Friday nor Easter Monday', () => {
    expect(announcedCollectionDate('2026-12-25', '2026-12-01', 14)).toBe('2026-12-28');
    expect(announcedCollectionDate('2026-10-17', '2026-10-01', 14)).toBe('2026-10-19'); // a Saturday
    expect(announcedCollectionDate('2027-03-26', '2027-03-01', 14)).toBe('2027-03-30'); // Good Friday, Easter Monday
    expect(announcedCollectionDate('2026-10-20', '2026-10-01', 14)).toBe('2026-10-20');
    // The delay first, then the next business day: notice on 2026-04-17 + 14 days = 1 May (closed) → 4 May.
    expect(announcedCollectionDate('2026-04-20', '2026-04-17', 14)).toBe('2026-05-04');
  });
});

describe('the instalments left after a credit or a payment', () => {
  it('spreads a credit over the remaining instalments in whole cents, summing exactly, keeping each one', () => {
    expect(reducedInstalments([21_400, 21_400, 21_400], 10_800, 'spread')).toEqual([17_800, 17_800, 17_800]);
    expect(reducedInstalments([16_667, 16_667, 16_667], 5000, 'spread')).toEqual([15_000, 15_000, 15_001]);
    expect(reducedInstalments([100, 100, 100], 100, 'spread')).toEqual([66, 67, 67]);
    const odd = reducedInstalments([3334, 3333, 3333, 1], 4999, 'spread');
    expect(odd.reduce((s, a) => s + a, 0)).toBe(10_001 - 4999);
    expect(odd.every((a) => a >= 0)).toBe(true);
    expect(reducedInstalments([12_000], 4000, 'spread')).toEqual([8000]);
    expect(reducedInstalments([5000, 5000], 10_000, 'spread')).toEqual([0, 0]);
    expect(reducedInstalments([5000, 5000], 12_000, 'spread')).toEqual([0, 0]);
  });

  it('pays the earliest instalments first with a payment not tied to one', () => {
    expect(reducedInstalments([5000, 5000, 5000], 6000, 'earliest')).toEqual([0, 4000, 5000]);
    expect(reducedInstalments([5000, 5000], 0, 'earliest')).toEqual([5000, 5000]);
  });
});
