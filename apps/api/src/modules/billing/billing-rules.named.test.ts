import { describe, expect, it } from 'vitest';
import {
  firstInstalmentDueOn,
  invoicePeriodKey,
  isQuietTooLong,
  latePreNotification,
  quietSince,
} from './billing-rules.js';

describe('the first instalment', () => {
  const sub = { billable_from: '2026-03-10', first_debit_by: null };
  it('falls within N days of the hand-over for the period it opens, on the first day for later ones', () => {
    expect(firstInstalmentDueOn(sub, { billedStart: '2026-03-10' }, 0, 9)).toBe('2026-03-19');
    expect(firstInstalmentDueOn({ ...sub, first_debit_by: '2026-03-12' }, { billedStart: '2026-03-10' }, 0, 9)).toBe(
      '2026-03-12',
    );
    expect(firstInstalmentDueOn(sub, { billedStart: '2026-04-01' }, 1, 9)).toBe('2026-04-01');
  });

  it('is never before the hand-over, even with an earlier agreed date', () => {
    expect(firstInstalmentDueOn({ ...sub, first_debit_by: '2026-03-01' }, { billedStart: '2026-03-10' }, 0, 9)).toBe(
      '2026-03-10',
    );
  });
});

describe('nothing invoiced twice', () => {
  it('keys an invoice by its subscription and period start', () => {
    expect(invoicePeriodKey('s1', '2026-03-10')).toBe('s1:2026-03-10');
    expect(invoicePeriodKey('s1', '2026-03-10')).toBe(invoicePeriodKey('s1', '2026-03-10'));
  });
});

describe('pre-notification before each debit', () => {
  it('lets a debit go only when its notice was sent at least the notice period before', () => {
    expect(latePreNotification('2026-03-01', 14, '2026-03-05', '2026-03-15')).toBeNull();
    expect(latePreNotification('2026-03-01', 14, '2026-03-05', '2026-03-14')).toBe('2026-03-15');
  });

  it('holds back a debit never pre-notified, counting the notice from today', () => {
    expect(latePreNotification(null, 5, '2026-03-05', '2026-03-30')).toBe('2026-03-10');
  });
});

describe('holds when no lesson is recorded', () => {
  it('counts from the latest of hand-over, last lesson and last release', () => {
    expect(quietSince('2026-01-10', null, null)).toBe('2026-01-10');
    expect(quietSince('2026-01-10', '2026-02-01', '2026-01-20')).toBe('2026-02-01');
    expect(quietSince('2026-01-10', '2026-02-01', '2026-02-15')).toBe('2026-02-15');
  });

  it('holds after the set number of days without a lesson, not before', () => {
    expect(isQuietTooLong('2026-01-10', '2026-01-30', 21)).toBe(false);
    expect(isQuietTooLong('2026-01-10', '2026-01-31', 21)).toBe(true);
  });
});
