import type { CalendarView } from './api';

type Day = CalendarView['days'][number];
export interface ClosedPeriod {
  start: string;
  end: string;
  reason: NonNullable<Day['reason']>;
  label: string | null;
}

/**
 * The days without classes during the terms, as periods: consecutive closed days of one reason and label make one
 * period (a fortnight of holidays is one line of the printed calendar, not fourteen).
 */
export function closedPeriods(days: readonly Day[]): ClosedPeriod[] {
  const periods: ClosedPeriod[] = [];
  let previous: Day | null = null;
  for (const day of days) {
    const closed = !day.open && day.reason && day.reason !== 'outside_terms';
    if (closed) {
      const last = periods.at(-1);
      if (last && previous && !previous.open && previous.reason === day.reason && previous.label === day.label) {
        last.end = day.date;
      } else {
        periods.push({ start: day.date, end: day.date, reason: day.reason!, label: day.label });
      }
    }
    previous = day;
  }
  return periods;
}
