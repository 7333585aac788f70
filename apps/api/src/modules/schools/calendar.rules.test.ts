import { describe, expect, it } from 'vitest';
import {
  dayStatus,
  departementOf,
  lessonDates,
  publicHolidaysOf,
  schoolHolidaysFromOfficialRows,
  suggestedBridges,
  termProblems,
  type SeasonCalendar,
} from './calendar.rules.js';

const season = { start: '2026-09-01', end: '2027-07-04' };
const terms = [
  { name: 'T1', start: '2026-09-14', end: '2026-12-19' },
  { name: 'T2', start: '2027-01-04', end: '2027-03-27' },
  { name: 'T3', start: '2027-03-29', end: '2027-06-26' },
];
// Zone C 2026-2027 as the official file writes it (instants at midnight in Paris, in UTC).
const officialRows = [
  {
    Description: 'Vacances de la Toussaint',
    Population: '-',
    'Date de début': '2026-10-16T22:00:00+00:00',
    'Date de fin': '2026-11-01T23:00:00+00:00',
    Zones: 'Zone C',
    annee_scolaire: '2026-2027',
  },
  {
    Description: 'Vacances de la Toussaint',
    Population: '-',
    'Date de début': '2026-10-17',
    'Date de fin': '2026-11-02',
    Zones: 'Zone C',
    annee_scolaire: '2026-2027',
  },
  {
    Description: "Vacances d'Hiver",
    Population: '-',
    'Date de début': '2027-02-05T23:00:00+00:00',
    'Date de fin': '2027-02-21T23:00:00+00:00',
    Zones: 'Zone A',
    annee_scolaire: '2026-2027',
  },
  {
    Description: "Vacances d'Hiver",
    Population: '-',
    'Date de début': '2027-02-19T23:00:00+00:00',
    'Date de fin': '2027-03-07T23:00:00+00:00',
    Zones: 'Zone C',
    annee_scolaire: '2026-2027',
  },
  {
    Description: 'Prérentrée des enseignants',
    Population: 'Enseignants',
    'Date de début': '2026-08-31T22:00:00+00:00',
    'Date de fin': '',
    Zones: 'Zone C',
    annee_scolaire: '2026-2027',
  },
];

function calendarOf(departement: string, extra: Partial<SeasonCalendar> = {}): SeasonCalendar {
  return {
    terms,
    publicHolidays: publicHolidaysOf(departement, season.start, season.end),
    schoolHolidays: schoolHolidaysFromOfficialRows(officialRows, 'C', '2026-2027'),
    closures: [],
    openDays: [],
    ...extra,
  };
}

describe('season calendar', () => {
  it('reads one zone of the official school calendar, once per period, in Paris dates, without teachers-only rows', () => {
    expect(schoolHolidaysFromOfficialRows(officialRows, 'C', '2026-2027')).toEqual([
      { label: 'Vacances de la Toussaint', lastClassDay: '2026-10-17', resumeOn: '2026-11-02' },
      { label: "Vacances d'Hiver", lastClassDay: '2027-02-20', resumeOn: '2027-03-08' },
    ]);
    expect(schoolHolidaysFromOfficialRows(officialRows, 'A')).toHaveLength(1);
  });

  it('holds classes on the last day before the holidays and on the day they resume, not between', () => {
    const calendar = calendarOf('75');
    expect(dayStatus('2026-10-17', calendar)).toMatchObject({ open: true });
    expect(dayStatus('2026-10-19', calendar)).toEqual({
      open: false,
      reason: 'school_holiday',
      label: 'Vacances de la Toussaint',
    });
    expect(dayStatus('2026-11-02', calendar)).toMatchObject({ open: true, term: 'T1' });
  });

  it('closes on public holidays, with Good Friday and 26 December only in Alsace-Moselle', () => {
    expect(dayStatus('2026-11-11', calendarOf('75'))).toMatchObject({ open: false, reason: 'public_holiday' });
    expect(dayStatus('2027-03-26', calendarOf('75'))).toMatchObject({ open: true });
    expect(dayStatus('2027-03-26', calendarOf('57'))).toEqual({
      open: false,
      reason: 'public_holiday',
      label: 'Vendredi saint',
    });
    expect(publicHolidaysOf('67', '2026-12-26', '2026-12-26')).toHaveLength(1);
    expect(publicHolidaysOf('75', '2026-12-26', '2026-12-26')).toHaveLength(0);
    expect(departementOf('57000')).toBe('57');
    expect(departementOf('20090')).toBe('2A');
    expect(departementOf('20200')).toBe('2B');
    expect(departementOf('97400')).toBe('974');
  });

  it('suggests the Ascension bridge and closes on it once adopted', () => {
    const holidays = publicHolidaysOf('75', season.start, season.end);
    const bridges = suggestedBridges(holidays);
    expect(bridges.map((b) => b.start)).toContain('2027-05-07'); // Friday after Ascension (Thursday 6 May 2027)
    const calendar = calendarOf('75', { closures: bridges });
    expect(dayStatus('2027-05-07', calendar)).toMatchObject({ open: false, reason: 'closure' });
  });

  it('holds classes on an exceptional open day (journée de solidarité on Whit Monday)', () => {
    const calendar = calendarOf('75', { openDays: [{ date: '2027-05-17', reason: 'Journée de solidarité' }] });
    expect(dayStatus('2027-05-17', calendarOf('75'))).toMatchObject({ open: false, reason: 'public_holiday' });
    expect(dayStatus('2027-05-17', calendar)).toEqual({ open: true, term: 'T3', exceptional: 'Journée de solidarité' });
  });

  it('generates a weekly course only on open days of the terms', () => {
    const wednesdays = lessonDates(3, calendarOf('75'));
    expect(wednesdays[0]).toBe('2026-09-16');
    expect(wednesdays).not.toContain('2026-10-21'); // Toussaint
    expect(wednesdays).not.toContain('2026-12-23'); // between terms
    expect(wednesdays).not.toContain('2027-02-24'); // winter holidays, zone C
    expect(wednesdays).toContain('2027-03-10');
    expect(wednesdays.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 3)).toBe(true);
    const mondays = lessonDates(1, calendarOf('75'));
    expect(mondays).not.toContain('2027-03-29'); // Easter Monday
    // 11 November, a Wednesday, is a public holiday.
    expect(lessonDates(3, calendarOf('75'), { from: '2026-11-01', to: '2026-11-30' })).toEqual([
      '2026-11-04',
      '2026-11-18',
      '2026-11-25',
    ]);
  });

  it('refuses a term ending before it starts, overlapping terms and a term outside its season, per field', () => {
    expect(termProblems(terms, season)).toEqual([]);
    expect(
      termProblems(
        [
          { name: 'T1', start: '2026-09-14', end: '2026-09-01' },
          { name: 'T2', start: '2026-09-10', end: '2026-12-19' },
          { name: 'T3', start: '2027-06-01', end: '2027-07-31' },
        ],
        season,
      ),
    ).toEqual([
      { index: 0, field: 'end', code: 'TERM_ENDS_BEFORE_START' },
      { index: 2, field: 'end', code: 'TERM_OUTSIDE_SEASON' },
    ]);
    expect(
      termProblems([
        { name: 'T1', start: '2026-09-14', end: '2026-12-19' },
        { name: 'T2', start: '2026-12-19', end: '2027-03-27' },
      ]),
    ).toEqual([{ index: 1, field: 'start', code: 'TERMS_OVERLAP', other: 0 }]);
  });
});
