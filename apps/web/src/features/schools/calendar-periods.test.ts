import { describe, expect, it } from 'vitest';
import { closedPeriods } from './calendar-periods';

const day = (date: string, reason: string | null, label: string | null = null) =>
  ({ date, open: reason === null, term: 'T1', reason, label }) as Parameters<typeof closedPeriods>[0][number];

describe('the closed periods of a printed calendar', () => {
  it('joins consecutive days of one reason and label, leaving out the days outside terms', () => {
    const periods = closedPeriods([
      day('2026-10-16', null),
      day('2026-10-17', 'school_holiday', 'Toussaint'),
      day('2026-10-18', 'school_holiday', 'Toussaint'),
      day('2026-11-01', 'public_holiday', 'Toussaint (férié)'),
      day('2026-11-02', null),
      day('2026-11-11', 'public_holiday', 'Armistice'),
      day('2027-07-01', 'outside_terms'),
    ]);
    expect(periods).toEqual([
      { start: '2026-10-17', end: '2026-10-18', reason: 'school_holiday', label: 'Toussaint' },
      { start: '2026-11-01', end: '2026-11-01', reason: 'public_holiday', label: 'Toussaint (férié)' },
      { start: '2026-11-11', end: '2026-11-11', reason: 'public_holiday', label: 'Armistice' },
    ]);
  });
});
