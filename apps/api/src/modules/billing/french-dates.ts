/**
 * Dates as a French document writes them: "1er décembre 2026" (the first of the month is "1er"), and a span as
 * "du 1er au 30 septembre 2026" / "du 13 septembre au 12 octobre 2026" / "du 1er septembre 2026 au 31 août 2027".
 * Written by hand rather than with Intl: Intl does not write "1er", and some ICU builds lack the fr month names.
 */
const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const parts = (iso: string) => ({
  year: iso.slice(0, 4),
  month: MONTHS[Number(iso.slice(5, 7)) - 1] ?? '',
  day: Number(iso.slice(8, 10)) === 1 ? '1er' : String(Number(iso.slice(8, 10))),
});

/** 2026-12-01 → "1er décembre 2026". */
export function frenchDate(iso: string): string {
  const p = parts(iso);
  return `${p.day} ${p.month} ${p.year}`;
}

/** 2026-12-01 → "01/12/2026" (tables, where the long form would not fit). */
export function frenchShortDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** A span of dates, without repeating the month or the year they share. */
export function frenchSpan(from: string, to: string): string {
  const a = parts(from);
  const b = parts(to);
  if (a.year !== b.year) return `du ${frenchDate(from)} au ${frenchDate(to)}`;
  if (from.slice(5, 7) !== to.slice(5, 7)) return `du ${a.day} ${a.month} au ${frenchDate(to)}`;
  return `du ${a.day} au ${frenchDate(to)}`;
}

/** 2026-12 → "décembre 2026". */
export function frenchMonth(yearMonth: string): string {
  return `${MONTHS[Number(yearMonth.slice(5, 7)) - 1] ?? ''} ${yearMonth.slice(0, 4)}`;
}
