import type { Engine } from '../apps/api/src/db/dialect.js';
import type { UserActor } from '../apps/api/src/platform/actor.js';
import { addDays, TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { createTestApp, createTestDatabase, makeUser } from '../apps/api/src/testing/harness.js';
import { makeTeacher } from '../apps/api/src/testing/factories.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { createSeasonsService } from '../apps/api/src/modules/schools/seasons.service.js';
import { createCoursesService } from '../apps/api/src/modules/schools/courses.service.js';
import { insertCourse } from '../apps/api/src/modules/schools/courses.repository.js';
import * as schoolsRepo from '../apps/api/src/modules/schools/schools.repository.js';
import { ZONE_C_HOLIDAYS_2026_2027 } from '../apps/api/src/modules/schools/schools.demo.js';
import { openRaw, type RawDb } from './floors.js';
import { compare, summarize, type Latency } from './measure.js';
import { PG_SERVER } from './dataset.js';

/**
 * Issue 14, item 5: lesson generation for a season of 2,000 courses, and the conflict check of the whole network's
 * timetable, each beside its floor. The network is built here on a fresh database of its own (20 schools of 10
 * rooms, 200 teachers, 2,000 courses on a timetable without conflicts, the 2026-2027 calendar of zone C): it needs
 * none of the big data set the other benchmarks share.
 *
 * - generation, project: `courses.lessons` for each of the 2,000 courses (the endpoint's service: the course, its
 *   school's season calendar — public holidays of the département, zone holidays, closures, open days — then the
 *   dates); floor: one raw SQL read of the courses, terms and calendar entries, then a bare loop over the season's
 *   days per course against a set of closed days (no public holidays, no per-school calendar).
 * - conflicts, project: `courses.seasonConflicts` (reads the slots, rooms and opening hours, runs the rules over the
 *   network); floor: one raw SQL read of the slots and a bare loop counting teachers and rooms booked twice at once.
 */

export type SchoolsFigure = (name: string, project: Latency, floor: Latency, detail: Record<string, unknown>) => void;

const SCHOOLS = 20;
const ROOMS = 10;
const COURSES_PER_SCHOOL = 100;
const HOURS = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '09:00', closes: '21:00' }));

async function buildNetwork(deps: Parameters<typeof createSchoolsService>[0]) {
  const now = deps.clock.now().toISOString();
  const seasonId = newId();
  await deps.db.transaction().execute(async (tx) => {
    const dates = { starts_on: '2026-09-01', ends_on: '2027-07-04' };
    await schoolsRepo.insertSeason(tx, {
      id: seasonId,
      name: '2026-2027',
      ...dates,
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const terms = [
      ['1er trimestre', '2026-09-14', '2026-12-19'],
      ['2e trimestre', '2027-01-04', '2027-03-27'],
      ['3e trimestre', '2027-03-29', '2027-06-26'],
    ] as const;
    await schoolsRepo.replaceTerms(
      tx,
      seasonId,
      terms.map(([name, start, end], position) => ({
        id: newId(),
        season_id: seasonId,
        name,
        starts_on: start,
        ends_on: end,
        position,
      })),
    );
    const entries = ZONE_C_HOLIDAYS_2026_2027.map((h) => ({
      id: newId(),
      season_id: seasonId,
      kind: 'school_holiday',
      zone: 'C',
      school_id: null,
      starts_on: h.lastClassDay,
      ends_on: h.resumeOn,
      label: h.label,
      created_at: now,
    }));
    const bridge = { kind: 'closure', zone: null, starts_on: '2027-05-07', ends_on: '2027-05-08', label: 'Pont' };
    await schoolsRepo.insertCalendarEntries(tx, [
      ...entries,
      { ...bridge, id: newId(), season_id: seasonId, school_id: null, created_at: now },
    ]);
  });
  const teachers: string[] = [];
  for (let t = 0; t < SCHOOLS * ROOMS; t += 1) teachers.push((await makeTeacher(deps, { lastName: `Prof ${t}` })).id);
  const postalCodes = ['75011', '93260', '69003', '67000', '13001'];
  await deps.db.transaction().execute(async (tx) => {
    for (let s = 0; s < SCHOOLS; s += 1) {
      const schoolId = newId();
      const postalCode = postalCodes[s % postalCodes.length]!;
      await schoolsRepo.insertSchool(tx, {
        id: schoolId,
        name: `École ${s + 1}`,
        address: JSON.stringify({
          line1: `${s + 1} rue de la Musique`,
          line2: null,
          postalCode,
          city: 'Ville',
          country: 'FR',
        }),
        postal_code: postalCode,
        departement: postalCode.slice(0, 2),
        holiday_zone: 'C',
        phone: null,
        email: null,
        opening_hours: JSON.stringify(HOURS),
        created_at: now,
        updated_at: now,
        version: 1,
      });
      const rooms = Array.from({ length: ROOMS }, (_, r) => ({
        id: newId(),
        school_id: schoolId,
        name: `Salle ${r + 1}`,
        capacity: 20,
        equipment: '[]',
        position: r,
      }));
      await schoolsRepo.replaceRooms(tx, schoolId, rooms);
      // Room r's teacher teaches only there, at a different day and hour for each of its ten courses.
      for (let j = 0; j < COURSES_PER_SCHOOL; j += 1) {
        const r = j % ROOMS;
        const round = Math.floor(j / ROOMS);
        await insertCourse(tx, {
          id: newId(),
          season_id: seasonId,
          school_id: schoolId,
          discipline: 'piano',
          kind: 'individual',
          level: 'Cycle 1',
          age_min: null,
          age_max: null,
          teacher_id: teachers[s * ROOMS + r]!,
          room_id: rooms[r]!.id,
          video_link: null,
          weekday: 1 + (round % 6),
          start_time: `${14 + Math.floor(round / 6)}:00`,
          duration_minutes: 45,
          capacity: 1,
          status: 'active',
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
  });
  return seasonId;
}

/** The floor of generation: raw reads, then a bare loop over the season's days per course. */
async function floorGeneration(raw: RawDb, seasonId: string): Promise<number> {
  const courses = await raw.all('SELECT id, weekday FROM courses WHERE season_id = ?', [seasonId]);
  const terms = await raw.all('SELECT starts_on, ends_on FROM season_terms WHERE season_id = ?', [seasonId]);
  const entries = await raw.all('SELECT kind, starts_on, ends_on FROM calendar_entries WHERE season_id = ?', [
    seasonId,
  ]);
  const closed = new Set<string>();
  for (const e of entries) {
    // A school holiday keeps its first day's classes and reopens on its last; a closure closes both ends.
    const holiday = e.kind === 'school_holiday';
    let day = holiday ? addDays(String(e.starts_on), 1) : String(e.starts_on);
    const last = holiday ? addDays(String(e.ends_on), -1) : String(e.ends_on);
    for (; day <= last; day = addDays(day, 1)) closed.add(day);
  }
  const days: { date: string; weekday: number }[] = [];
  for (const term of terms) {
    for (let day = String(term.starts_on); day <= String(term.ends_on); day = addDays(day, 1)) {
      if (!closed.has(day)) days.push({ date: day, weekday: ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 });
    }
  }
  let lessons = 0;
  for (const course of courses) {
    const dates: string[] = [];
    for (const day of days) if (day.weekday === Number(course.weekday)) dates.push(day.date);
    lessons += dates.length;
  }
  return lessons;
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
type Slot = { teacher: string; room: string | null; weekday: number; start: number; end: number };

/** Overlapping pairs within groups of slots sorted by day and start (each slot scans forward while one can overlap). */
function overlaps(groups: Map<string, Slot[]>): number {
  let found = 0;
  for (const group of groups.values()) {
    group.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
    for (let i = 0; i < group.length; i += 1) {
      const a = group[i]!;
      for (let j = i + 1; j < group.length; j += 1) {
        const b = group[j]!;
        if (b.weekday !== a.weekday || b.start >= a.end) break;
        found += 1;
      }
    }
  }
  return found;
}

/**
 * The floor of the conflict check: one raw SQL read of the season's slots, then a bare loop counting the teachers and
 * rooms booked twice at once (no opening hours, no capacity, no travel between schools).
 */
async function floorConflicts(raw: RawDb, seasonId: string): Promise<number> {
  const rows = await raw.all(
    'SELECT teacher_id, room_id, weekday, start_time, duration_minutes FROM courses WHERE season_id = ?',
    [seasonId],
  );
  const byTeacher = new Map<string, Slot[]>();
  const byRoom = new Map<string, Slot[]>();
  for (const row of rows) {
    const start = minutes(String(row.start_time));
    const slot = {
      teacher: String(row.teacher_id),
      room: row.room_id ? String(row.room_id) : null,
      weekday: Number(row.weekday),
      start,
      end: start + Number(row.duration_minutes),
    };
    (byTeacher.get(slot.teacher) ?? byTeacher.set(slot.teacher, []).get(slot.teacher)!).push(slot);
    if (slot.room) (byRoom.get(slot.room) ?? byRoom.set(slot.room, []).get(slot.room)!).push(slot);
  }
  return overlaps(byTeacher) + overlaps(byRoom);
}

/** Milliseconds of `runs` calls after one warm-up (the generation takes seconds: a few runs say enough). */
async function timeRuns(fn: () => Promise<unknown>, runs: number): Promise<Latency> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export async function benchSchools(engine: Engine, smoke: boolean, figure: SchoolsFigure): Promise<void> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = engine === 'postgres' ? PG_SERVER : '';
  const database = await createTestDatabase();
  if (previous === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = previous;
  const ctx = await createTestApp({ clock: new TestClock('2026-08-20T09:00:00.000Z'), database });
  const raw = openRaw(database.url);
  try {
    const started = performance.now();
    const seasonId = await buildNetwork(ctx.deps);
    const user = await makeUser(ctx.deps, ['admin']);
    const actor: UserActor = {
      kind: 'user',
      userId: user.id,
      displayName: 'Bench',
      email: user.email,
      roles: new Set(['admin']),
      personId: null,
      locale: 'fr',
    };
    console.log(
      `  network of ${SCHOOLS} schools, ${SCHOOLS * COURSES_PER_SCHOOL} courses built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const schools = createSchoolsService(ctx.deps);
    const seasons = createSeasonsService(ctx.deps);
    const courses = createCoursesService(ctx.deps, schools, seasons);
    const courseIds = (await raw.all('SELECT id FROM courses WHERE season_id = ?', [seasonId])).map((r) =>
      String(r.id),
    );

    let projectLessons = 0;
    const runs = smoke ? 1 : 5;
    const project = await timeRuns(async () => {
      projectLessons = 0;
      for (const id of courseIds) projectLessons += (await courses.lessons(actor, id)).dates.length;
    }, runs);
    const floor = await timeRuns(() => floorGeneration(raw, seasonId), smoke ? 5 : 50);
    const floorLessons = await floorGeneration(raw, seasonId);
    figure(`lesson generation, ${courseIds.length} courses (whole season)`, project, floor, {
      lessons: projectLessons,
      floorLessons,
    });

    let found = 0;
    const conflicts = await compare(
      [seasonId],
      async () => {
        found = (await courses.seasonConflicts(actor, seasonId)).length;
      },
      () => floorConflicts(raw, seasonId),
      smoke ? 10 : 100,
    );
    const floorFound = await floorConflicts(raw, seasonId);
    if (found !== 0 || floorFound !== 0)
      throw new Error(`the bench timetable has conflicts (${found} / ${floorFound})`);
    figure(`conflict check, network timetable of ${courseIds.length} courses`, conflicts.project, conflicts.floor, {
      conflicts: found,
    });
  } finally {
    await raw.close();
    await ctx.close();
  }
}
