import { describe, expect, it } from 'vitest';
import {
  addMonths,
  firstDebitDate,
  invoicingHeld,
  isBillable,
  manualInvoiceProblem,
  mandateRefusal,
  noticeDays,
  periodsBegunDuringHold,
  periodsToInvoice,
  proRata,
  refundWindowProblem,
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
