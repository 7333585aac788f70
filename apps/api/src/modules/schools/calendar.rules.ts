/**
 * The season calendar of the school network (DOMAIN.md, "The school network"): a season split in terms, public
 * holidays, school holidays of the school's zone, closures (bridges) and exceptional open days. Every lesson count
 * and every lesson generator asks this one calendar whether a day has classes.
 *
 * Dates are calendar dates (YYYY-MM-DD) in the organisation's time zone; nothing here reads the clock.
 */
import Holidays from 'date-holidays';
import { addDays, dateInZone } from '../../platform/clock.js';

export type IsoDate = string;

export interface Term {
  name: string;
  start: IsoDate;
  end: IsoDate;
}

/**
 * A school holiday as the Education nationale publishes it: "fin des cours" (the last day with classes, usually a
 * Saturday) and "reprise des cours" (the day classes resume). Classes are held on `lastClassDay` and again on
 * `resumeOn`; the days strictly between are closed.
 */
export interface SchoolHoliday {
  label: string;
  lastClassDay: IsoDate;
  resumeOn: IsoDate;
}

/** A closure decided by the admin or the board (a bridge, "fermé comme l'Éducation nationale"), both days included. */
export interface Closure {
  start: IsoDate;
  end: IsoDate;
  reason: string;
}

/** An exceptional open day: classes are held although the calendar would close (a "journée de solidarité"). */
export interface OpenDay {
  date: IsoDate;
  reason: string;
}

export interface PublicHoliday {
  date: IsoDate;
  name: string;
}

export interface SeasonCalendar {
  terms: readonly Term[];
  publicHolidays: readonly PublicHoliday[];
  schoolHolidays: readonly SchoolHoliday[];
  closures: readonly Closure[];
  openDays: readonly OpenDay[];
}

export type DayStatus =
  | { open: true; term: string; exceptional?: string }
  | { open: false; reason: 'outside_terms' }
  | { open: false; reason: 'public_holiday' | 'school_holiday' | 'closure'; label: string };

/**
 * date-holidays regions for French départements whose public holidays differ from the national list:
 * Alsace-Moselle (Good Friday, 26 December) and the overseas départements (abolition of slavery and others).
 */
const HOLIDAY_REGION_BY_DEPARTEMENT: Record<string, string> = {
  '57': '57',
  '67': '67',
  '68': '68',
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
};

/** The département of a French postal code or INSEE code ("57000" → "57", "97400" → "974", "20000" → "2A"). */
export function departementOf(postalCode: string): string {
  if (postalCode.startsWith('97') || postalCode.startsWith('98')) return postalCode.slice(0, 3);
  if (postalCode.startsWith('20')) return Number(postalCode) < 20200 ? '2A' : '2B';
  return postalCode.slice(0, 2);
}

/**
 * The public holidays (jours fériés) of a département between two dates, both included: the national list, plus
 * Good Friday and St Stephen's Day in Alsace-Moselle, plus the overseas départements' own. Observances (Mother's
 * Day, Whit Sunday) are not holidays.
 */
export function publicHolidaysOf(departement: string, from: IsoDate, to: IsoDate): PublicHoliday[] {
  const region = HOLIDAY_REGION_BY_DEPARTEMENT[departement] ?? '';
  const found: PublicHoliday[] = [];
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year++) {
    for (const holiday of publicHolidaysOfYear(region, year)) {
      if (holiday.date >= from && holiday.date <= to) found.push(holiday);
    }
  }
  return found.sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * A region's public holidays of one year, computed once per process: building date-holidays' calendar costs
 * milliseconds, and every lesson count of a season reads it (2,000 courses: seconds; see bench/schools.ts).
 */
const holidaysByRegionYear = new Map<string, readonly PublicHoliday[]>();
function publicHolidaysOfYear(region: string, year: number): readonly PublicHoliday[] {
  const key = `${region}|${year}`;
  let holidays = holidaysByRegionYear.get(key);
  if (!holidays) {
    const calendar = region ? new Holidays('FR', region) : new Holidays('FR');
    holidays = calendar
      .getHolidays(year, 'fr')
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
    holidaysByRegionYear.set(key, holidays);
  }
  return holidays;
}

/**
 * The bridges the Education nationale makes: the Friday after Ascension Thursday every year, and the Monday
 * before or Friday after a public holiday on a Tuesday or a Thursday. Offered to the admin as closures to adopt,
 * never applied on their own.
 */
export function suggestedBridges(publicHolidays: readonly PublicHoliday[]): Closure[] {
  const bridges: Closure[] = [];
  for (const holiday of publicHolidays) {
    const weekday = new Date(`${holiday.date}T00:00:00Z`).getUTCDay();
    if (weekday === 2) {
      const monday = addDays(holiday.date, -1);
      bridges.push({ start: monday, end: monday, reason: `Pont — ${holiday.name}` });
    } else if (weekday === 4) {
      const friday = addDays(holiday.date, 1);
      bridges.push({ start: friday, end: friday, reason: `Pont — ${holiday.name}` });
    }
  }
  return bridges;
}

/** Whether a school holiday closes a day: strictly after its last day of classes and before classes resume. */
export function isInSchoolHoliday(date: IsoDate, holiday: SchoolHoliday): boolean {
  return date > holiday.lastClassDay && date < holiday.resumeOn;
}

/**
 * Whether a day has classes, and if not, why. Outside the terms nothing is held; an exceptional open day beats
 * every other closure (a solidarity day on Whit Monday is held); then public holidays, school holidays and
 * closures close the day.
 */
export function dayStatus(date: IsoDate, calendar: SeasonCalendar): DayStatus {
  const term = calendar.terms.find((t) => date >= t.start && date <= t.end);
  if (!term) return { open: false, reason: 'outside_terms' };
  const openDay = calendar.openDays.find((d) => d.date === date);
  if (openDay) return { open: true, term: term.name, exceptional: openDay.reason };
  const publicHoliday = calendar.publicHolidays.find((h) => h.date === date);
  if (publicHoliday) return { open: false, reason: 'public_holiday', label: publicHoliday.name };
  const schoolHoliday = calendar.schoolHolidays.find((h) => isInSchoolHoliday(date, h));
  if (schoolHoliday) return { open: false, reason: 'school_holiday', label: schoolHoliday.label };
  const closure = calendar.closures.find((c) => date >= c.start && date <= c.end);
  if (closure) return { open: false, reason: 'closure', label: closure.reason };
  return { open: true, term: term.name };
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * The dates a weekly course meets: every `weekday` (1 = Monday … 7 = Sunday) of the season's terms that has
 * classes, optionally within [from, to]. The one generator behind lesson counts, attendance sheets and fees.
 */
export function lessonDates(
  weekday: number,
  calendar: SeasonCalendar,
  range: { from?: IsoDate; to?: IsoDate } = {},
): IsoDate[] {
  const dates: IsoDate[] = [];
  for (const term of [...calendar.terms].sort((a, b) => a.start.localeCompare(b.start))) {
    const start = range.from && range.from > term.start ? range.from : term.start;
    const end = range.to && range.to < term.end ? range.to : term.end;
    if (start > end) continue;
    let day = addDays(start, (weekday - isoWeekday(start) + 7) % 7);
    for (; day <= end; day = addDays(day, 7)) {
      if (dayStatus(day, calendar).open) dates.push(day);
    }
  }
  return dates;
}

export type TermProblem =
  | { index: number; field: 'end'; code: 'TERM_ENDS_BEFORE_START' }
  | { index: number; field: 'start'; code: 'TERMS_OVERLAP'; other: number }
  | { index: number; field: 'start' | 'end'; code: 'TERM_OUTSIDE_SEASON' };

/**
 * What is wrong with a season's terms, per term and field: a term ending before it starts, two terms sharing a
 * day, a term outside its season. Empty when the terms can be saved.
 */
export function termProblems(terms: readonly Term[], season?: { start: IsoDate; end: IsoDate }): TermProblem[] {
  const problems: TermProblem[] = [];
  terms.forEach((term, index) => {
    if (term.end < term.start) problems.push({ index, field: 'end', code: 'TERM_ENDS_BEFORE_START' });
    if (season && term.start < season.start) problems.push({ index, field: 'start', code: 'TERM_OUTSIDE_SEASON' });
    if (season && term.end > season.end) problems.push({ index, field: 'end', code: 'TERM_OUTSIDE_SEASON' });
    for (let other = 0; other < index; other++) {
      const earlier = terms[other]!;
      if (term.start <= earlier.end && earlier.start <= term.end) {
        problems.push({ index, field: 'start', code: 'TERMS_OVERLAP', other });
      }
    }
  });
  return problems;
}

/**
 * School holidays of one zone from the official calendar published as CSV by the Education nationale
 * (data.education.gouv.fr, "fr-en-calendrier-scolaire": `Description;Population;Date de début;Date de fin;
 * Académies;Zones;annee_scolaire`), already split into rows by the caller. "Date de début" is the evening
 * classes stop (the last day of classes), "Date de fin" the morning they resume. Rows for teachers only
 * ("Enseignants") are skipped; one period per description is kept when several académies repeat it.
 */
export function schoolHolidaysFromOfficialRows(
  rows: readonly Record<string, string>[],
  zone: string,
  season?: string,
): SchoolHoliday[] {
  const wanted = `zone ${zone}`.toLowerCase();
  const seen = new Map<string, SchoolHoliday>();
  for (const row of rows) {
    const zones = (row['Zones'] ?? row['zones'] ?? '').toLowerCase();
    if (zones !== wanted) continue;
    if ((row['Population'] ?? row['population'] ?? '').trim() === 'Enseignants') continue;
    if (season && (row['annee_scolaire'] ?? season) !== season) continue;
    const label = (row['Description'] ?? row['description'] ?? '').trim();
    const start = officialDate(row['Date de début'] ?? row['start_date'] ?? '');
    if (!start) continue;
    // Summer holidays have no end in the file of the season they start: they close until the season's end.
    const resumeOn = officialDate(row['Date de fin'] ?? row['end_date'] ?? '') ?? addDays(start, 70);
    seen.set(`${label}|${start}`, { label, lastClassDay: start, resumeOn });
  }
  return [...seen.values()].sort((a, b) => a.lastClassDay.localeCompare(b.lastClassDay));
}

/**
 * A date of the official file: either a plain date or an instant (midnight in Paris, often written in UTC as
 * "2026-10-16T22:00:00+00:00"), read as the calendar date in Paris.
 */
function officialDate(value: string): IsoDate | null {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : dateInZone(instant, 'Europe/Paris');
}
