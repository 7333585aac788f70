import type { z } from 'zod';
import ICAL from 'ical.js';
import type {
  CalendarEntry,
  CalendarEntryInput,
  ImportHolidaysBody,
  Season,
  SeasonInput,
  UpdateSeasonBody,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { addDays } from '../../platform/clock.js';
import { DomainError, notFound, stale, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  dayStatus,
  isoWeekday,
  publicHolidaysOf,
  suggestedBridges,
  termProblems,
  type SeasonCalendar,
} from './calendar.rules.js';
import { holidaysFromFile } from './holiday-file.js';
import * as repo from './schools.repository.js';

type SeasonBody = z.infer<typeof SeasonInput>;

function toSeason(row: repo.SeasonRow, terms: repo.TermRow[]): Season {
  return {
    id: row.id,
    name: row.name,
    start: row.starts_on,
    end: row.ends_on,
    terms: terms.map((t) => ({ name: t.name, start: t.starts_on, end: t.ends_on })),
    version: row.version,
  };
}

function toEntry(row: repo.CalendarEntryRow): CalendarEntry {
  return {
    id: row.id,
    seasonId: row.season_id,
    kind: row.kind as CalendarEntry['kind'],
    start: row.starts_on,
    end: row.ends_on,
    label: row.label,
    zone: row.zone as CalendarEntry['zone'],
    schoolId: row.school_id,
  };
}

/** The season's own problems, per field: its dates, then each term's (ends before start, overlap, outside). */
export function seasonFormProblems(body: SeasonBody): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (body.end <= body.start) problems.push({ field: 'end', code: 'SEASON_ENDS_BEFORE_START' });
  for (const problem of termProblems(body.terms, { start: body.start, end: body.end })) {
    problems.push({ field: `terms.${problem.index}.${problem.field}`, code: problem.code });
  }
  return problems;
}

/** What is wrong with a closure or an open day of a season, per field. */
export function calendarEntryProblems(body: z.infer<typeof CalendarEntryInput>, season: Season): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (body.end < body.start) problems.push({ field: 'end', code: 'ENTRY_ENDS_BEFORE_START' });
  if (body.kind === 'open_day' && body.end !== body.start)
    problems.push({ field: 'end', code: 'OPEN_DAY_SINGLE_DATE' });
  if (body.start < season.start || body.start > season.end)
    problems.push({ field: 'start', code: 'ENTRY_OUTSIDE_SEASON' });
  else if (body.end > season.end) problems.push({ field: 'end', code: 'ENTRY_OUTSIDE_SEASON' });
  return problems;
}

const fieldError = (problems: FieldIssue[]) => new DomainError(problems[0]!.code, { status: 422, fields: problems });

/**
 * Seasons and terms, and the one season calendar of each school: public holidays of its département, the school
 * holidays of its zone, closures and open days (the network's and its own). Lesson counts and generators read it
 * through `calendarFor`.
 */
export function createSeasonsService(deps: Deps) {
  const { db, clock } = deps;

  async function loadSeason(tx: Tx, id: string): Promise<Season> {
    const row = await repo.findSeason(tx, id);
    if (!row) throw notFound();
    return toSeason(row, await repo.termsOf(tx, [id]));
  }

  async function assertSeasonValid(tx: Tx, body: SeasonBody, exceptId: string | null): Promise<void> {
    const problems = seasonFormProblems(body);
    if (problems.length) throw fieldError(problems);
    if (await repo.seasonNameTaken(tx, body.name, exceptId)) {
      throw new DomainError('SEASON_NAME_TAKEN', { fields: [{ field: 'name', code: 'SEASON_NAME_TAKEN' }] });
    }
  }

  async function saveTerms(tx: Tx, seasonId: string, body: SeasonBody): Promise<void> {
    const terms = [...body.terms].sort((a, b) => a.start.localeCompare(b.start));
    await repo.replaceTerms(
      tx,
      seasonId,
      terms.map((t, position) => ({
        id: newId(),
        season_id: seasonId,
        name: t.name,
        starts_on: t.start,
        ends_on: t.end,
        position,
      })),
    );
  }

  /** The calendar of one school for one season (the rules' input). */
  async function calendarFor(tx: Tx, schoolId: string, seasonId: string) {
    const [school, season] = await Promise.all([repo.findSchool(tx, schoolId), loadSeason(tx, seasonId)]);
    if (!school) throw notFound();
    const entries = (await repo.calendarEntries(tx, seasonId)).filter(
      (e) => e.school_id === null || e.school_id === schoolId,
    );
    const calendar: SeasonCalendar = {
      terms: season.terms,
      publicHolidays: publicHolidaysOf(school.departement, season.start, season.end),
      schoolHolidays: entries
        .filter((e) => e.kind === 'school_holiday' && e.zone === school.holiday_zone)
        .map((e) => ({ label: e.label, lastClassDay: e.starts_on, resumeOn: e.ends_on })),
      closures: entries
        .filter((e) => e.kind === 'closure')
        .map((e) => ({ start: e.starts_on, end: e.ends_on, reason: e.label })),
      openDays: entries.filter((e) => e.kind === 'open_day').map((e) => ({ date: e.starts_on, reason: e.label })),
    };
    return { school, season, calendar };
  }

  return {
    calendarFor,

    async list(actor: Actor): Promise<Season[]> {
      requirePermission(actor, 'schools.read');
      const rows = await repo.listSeasons(db);
      const terms = await repo.termsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((row) =>
        toSeason(
          row,
          terms.filter((t) => t.season_id === row.id),
        ),
      );
    },

    async get(actor: Actor, id: string): Promise<Season> {
      requirePermission(actor, 'schools.read');
      return loadSeason(db, id);
    },

    async create(actor: Actor, body: SeasonBody): Promise<Season> {
      requirePermission(actor, 'seasons.manage');
      return db.transaction().execute(async (tx) => {
        await assertSeasonValid(tx, body, null);
        const now = clock.now().toISOString();
        const id = newId();
        await repo.insertSeason(tx, {
          id,
          name: body.name,
          starts_on: body.start,
          ends_on: body.end,
          created_at: now,
          updated_at: now,
          version: 1,
        });
        await saveTerms(tx, id, body);
        const season = await loadSeason(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'season', entityId: id, action: 'create', after: season });
        return season;
      });
    },

    async update(actor: Actor, id: string, body: z.infer<typeof UpdateSeasonBody>): Promise<Season> {
      requirePermission(actor, 'seasons.manage');
      return db.transaction().execute(async (tx) => {
        const before = await loadSeason(tx, id);
        await assertSeasonValid(tx, body, id);
        const values = {
          name: body.name,
          starts_on: body.start,
          ends_on: body.end,
          updated_at: clock.now().toISOString(),
        };
        if (!(await repo.updateSeason(tx, id, body.version, values))) throw stale();
        await saveTerms(tx, id, body);
        const after = await loadSeason(tx, id);
        await recordAudit(tx, clock, actor, { entityType: 'season', entityId: id, action: 'update', before, after });
        return after;
      });
    },

    async entries(actor: Actor, seasonId: string): Promise<CalendarEntry[]> {
      requirePermission(actor, 'schools.read');
      await loadSeason(db, seasonId);
      return (await repo.calendarEntries(db, seasonId)).map(toEntry);
    },

    /** A closure (bridge) or an exceptional open day, for the network or one school (admin or board). */
    async addEntry(actor: Actor, seasonId: string, body: z.infer<typeof CalendarEntryInput>): Promise<CalendarEntry> {
      requirePermission(actor, 'calendar.manage');
      return db.transaction().execute(async (tx) => {
        const season = await loadSeason(tx, seasonId);
        const problems = calendarEntryProblems(body, season);
        if (problems.length) throw fieldError(problems);
        if (body.schoolId && !(await repo.findSchool(tx, body.schoolId))) {
          throw new DomainError('NOT_FOUND', { status: 422, fields: [{ field: 'schoolId', code: 'invalid_value' }] });
        }
        const row = {
          id: newId(),
          season_id: seasonId,
          kind: body.kind,
          zone: null,
          school_id: body.schoolId ?? null,
          starts_on: body.start,
          ends_on: body.end,
          label: body.label,
          created_at: clock.now().toISOString(),
        };
        await repo.insertCalendarEntries(tx, [row]);
        const entry = toEntry(row);
        await recordAudit(tx, clock, actor, {
          entityType: 'season',
          entityId: seasonId,
          action: `calendar-${body.kind.replace('_', '-')}-added`,
          after: entry,
        });
        return entry;
      });
    },

    async removeEntry(actor: Actor, seasonId: string, entryId: string): Promise<void> {
      requirePermission(actor, 'calendar.manage');
      await db.transaction().execute(async (tx) => {
        const row = await repo.findCalendarEntry(tx, entryId);
        if (!row || row.season_id !== seasonId) throw notFound();
        // Imported holidays are replaced by a new import (the director's), never removed one by one.
        if (row.kind === 'school_holiday') requirePermission(actor, 'seasons.manage');
        await repo.deleteCalendarEntry(tx, entryId);
        await recordAudit(tx, clock, actor, {
          entityType: 'season',
          entityId: seasonId,
          action: 'calendar-entry-removed',
          before: toEntry(row),
        });
      });
    },

    /**
     * Imports a zone's school holidays for the season from the official file; a new import of the same zone
     * replaces the previous one (the ministry corrects its calendar), all in one transaction.
     */
    async importHolidays(actor: Actor, seasonId: string, body: z.infer<typeof ImportHolidaysBody>) {
      requirePermission(actor, 'seasons.manage');
      return db.transaction().execute(async (tx) => {
        const season = await loadSeason(tx, seasonId);
        const holidays = holidaysFromFile(body.format, body.content, body.zone, season);
        if (holidays.length === 0) {
          throw new DomainError('HOLIDAY_FILE_NO_PERIOD', {
            fields: [{ field: 'content', code: 'HOLIDAY_FILE_NO_PERIOD' }],
          });
        }
        const replaced = await repo.deleteZoneHolidays(tx, seasonId, body.zone);
        const now = clock.now().toISOString();
        const rows = holidays.map((h) => ({
          id: newId(),
          season_id: seasonId,
          kind: 'school_holiday',
          zone: body.zone,
          school_id: null,
          starts_on: h.lastClassDay,
          ends_on: h.resumeOn,
          label: h.label,
          created_at: now,
        }));
        await repo.insertCalendarEntries(tx, rows);
        await recordAudit(tx, clock, actor, {
          entityType: 'season',
          entityId: seasonId,
          action: 'holidays-imported',
          after: { zone: body.zone, periods: holidays.map((h) => `${h.label} ${h.lastClassDay} → ${h.resumeOn}`) },
          summary: null,
        });
        return { imported: rows.map(toEntry), replaced };
      });
    },

    /** Every day of the season at one school, open or closed and why; lessons per weekday; bridges to consider. */
    async schoolCalendar(actor: Actor, schoolId: string, seasonId: string) {
      requirePermission(actor, 'schools.read');
      const { school, season, calendar } = await calendarFor(db, schoolId, seasonId);
      const days = [];
      const lessonDaysByWeekday: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0, 7: 0 };
      for (let date = season.start; date <= season.end; date = addDays(date, 1)) {
        const status = dayStatus(date, calendar);
        if (status.open) lessonDaysByWeekday[isoWeekday(date)]! += 1;
        days.push({
          date,
          open: status.open,
          term: status.open ? status.term : null,
          reason: status.open ? null : status.reason,
          label: status.open ? (status.exceptional ?? null) : 'label' in status ? status.label : null,
        });
      }
      const bridges = suggestedBridges(calendar.publicHolidays).filter((b) => dayStatus(b.start, calendar).open);
      return {
        school: {
          id: school.id,
          name: school.name,
          holidayZone: school.holiday_zone as 'A',
          departement: school.departement,
        },
        season: { id: season.id, name: season.name, start: season.start, end: season.end },
        days,
        lessonDaysByWeekday,
        suggestedBridges: bridges,
      };
    },

    /**
     * The season calendar of a school as an iCalendar feed (public: calendar apps cannot log in, and it holds
     * nothing personal): terms, and every closed period inside them as all-day events.
     */
    async schoolCalendarFeed(schoolId: string, seasonId: string): Promise<string> {
      const { school, season, calendar } = await calendarFor(db, schoolId, seasonId);
      const feed = new ICAL.Component(['vcalendar', [], []]);
      feed.updatePropertyWithValue('prodid', '-//Harmonie//Season calendar//FR');
      feed.updatePropertyWithValue('version', '2.0');
      feed.updatePropertyWithValue('x-wr-calname', `${school.name} — ${season.name}`);
      const stamp = ICAL.Time.fromJSDate(clock.now(), true);
      const addEvent = (uid: string, summary: string, first: string, last: string) => {
        const event = new ICAL.Component('vevent');
        event.updatePropertyWithValue('uid', `${uid}@harmonie`);
        event.updatePropertyWithValue('dtstamp', stamp);
        event.updatePropertyWithValue('summary', summary);
        event.updatePropertyWithValue('dtstart', ICAL.Time.fromDateString(first));
        event.updatePropertyWithValue('dtend', ICAL.Time.fromDateString(addDays(last, 1)));
        feed.addSubcomponent(event);
      };
      for (const term of calendar.terms) addEvent(`term-${season.id}-${term.start}`, term.name, term.start, term.end);
      // Closed runs of days inside the terms, one event per run and reason.
      let run: { first: string; last: string; label: string } | null = null;
      const flush = () => {
        if (run) addEvent(`closed-${school.id}-${run.first}`, `Fermé — ${run.label}`, run.first, run.last);
        run = null;
      };
      for (let date = season.start; date <= season.end; date = addDays(date, 1)) {
        const status = dayStatus(date, calendar);
        if (status.open || status.reason === 'outside_terms') {
          flush();
          if (status.open && status.exceptional)
            addEvent(`open-${school.id}-${date}`, `Ouvert — ${status.exceptional}`, date, date);
          continue;
        }
        const current = run as { first: string; last: string; label: string } | null;
        if (current && current.label === status.label && addDays(current.last, 1) === date) current.last = date;
        else {
          flush();
          run = { first: date, last: date, label: status.label };
        }
      }
      flush();
      return feed.toString();
    },
  };
}
export type SeasonsService = ReturnType<typeof createSeasonsService>;
