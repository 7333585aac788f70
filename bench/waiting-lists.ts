import type { Engine } from '../apps/api/src/db/dialect.js';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { createTestApp, createTestDatabase } from '../apps/api/src/testing/harness.js';
import { makeTeacher, placeRow } from '../apps/api/src/testing/factories.js';
import { promoteWaitingLists } from '../apps/api/src/modules/schools/choice.service.js';
import { openRaw, type RawDb } from './floors.js';
import { summarize, type Latency } from './measure.js';
import { PG_SERVER } from './dataset.js';
import type { SchoolsFigure } from './schools.js';

/**
 * Issue 15: the waiting-list promotion sweep (`promoteWaitingLists`, schools/choice.service.ts) over a large
 * network: 2,000 full courses of 10 seats, each with 10 families waiting (20,000 waiting), on a fresh database of
 * its own. Two figures, each beside its floor:
 * - idle sweep (every course full: nothing to offer), project: the whole sweep (lapsed offers, courses to promote,
 *   waves to invite); floor: one raw SQL read of the same rows (seat and waiting counts per course).
 * - promotion, a seat freed in one course out of ten: project: the sweep making one offer per freed course (course
 *   lock, recount, conditional move, audit); floor: the same read, then one raw UPDATE of the first waiting per
 *   freed course, in one transaction.
 * Smoke size: 50 courses.
 */

const SEATS = 10;
const WAITING = 10;
const FAMILIES = 500;

async function buildWaitingLists(deps: Parameters<typeof makeTeacher>[0], courses: number) {
  const now = deps.clock.now().toISOString();
  const schoolId = newId();
  const seasonId = newId();
  const teacherId = (await makeTeacher(deps)).id;
  const families = Array.from({ length: FAMILIES }, () => newId());
  const courseIds = Array.from({ length: courses }, () => newId());
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('schools')
      .values({
        id: schoolId,
        name: 'École du banc',
        address: '{}',
        postal_code: '75011',
        departement: '75',
        holiday_zone: 'C',
        phone: null,
        email: null,
        opening_hours: '[]',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    await tx
      .insertInto('seasons')
      .values({
        id: seasonId,
        name: '2027-2028',
        starts_on: '2027-09-01',
        ends_on: '2028-07-04',
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    for (let i = 0; i < families.length; i += 200) {
      await tx
        .insertInto('families')
        .values(
          families.slice(i, i + 200).map((id, n) => ({
            id,
            name: `Famille ${i + n}`,
            billing_line1: null,
            billing_line2: null,
            billing_postal_code: null,
            billing_city: null,
            billing_country: null,
            contact_preference: 'email',
            locale: 'fr',
            notes: null,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
    }
    for (let i = 0; i < courseIds.length; i += 200) {
      await tx
        .insertInto('courses')
        .values(
          courseIds.slice(i, i + 200).map((id, n) => ({
            id,
            season_id: seasonId,
            school_id: schoolId,
            discipline: 'piano',
            kind: 'group',
            level: `Groupe ${i + n}`,
            age_min: null,
            age_max: null,
            teacher_id: teacherId,
            room_id: null,
            video_link: null,
            weekday: 1 + ((i + n) % 6),
            start_time: '17:00',
            duration_minutes: 60,
            capacity: SEATS,
            status: 'active',
            suspension_reason: null,
            created_at: now,
            updated_at: now,
            version: 1,
          })),
        )
        .execute();
    }
    let row = 0;
    const enrolments = courseIds.flatMap((courseId) =>
      Array.from({ length: SEATS + WAITING }, (_, k) => {
        row += 1;
        const waiting = k >= SEATS;
        return placeRow({
          course_id: courseId,
          student_id: newId(),
          family_id: families[row % FAMILIES]!,
          status: waiting ? 'waiting' : 'confirmed',
          waiting_since: waiting ? new Date(Date.parse(now) + k * 60_000).toISOString() : null,
          created_at: now,
        });
      }),
    );
    for (let i = 0; i < enrolments.length; i += 1000)
      await tx
        .insertInto('course_enrolments')
        .values(enrolments.slice(i, i + 1000))
        .execute();
  });
  return courseIds;
}

const COUNTS_SQL = `SELECT course_id, c.capacity,
  SUM(CASE WHEN e.status IN ('held', 'offered', 'confirmed') THEN 1 ELSE 0 END) AS occupied,
  SUM(CASE WHEN e.status = 'waiting' THEN 1 ELSE 0 END) AS waiting
  FROM course_enrolments e JOIN courses c ON c.id = e.course_id
  WHERE e.status IN ('held', 'offered', 'confirmed', 'waiting') GROUP BY course_id, c.capacity`;

/** The floor's read: seats and waiting per course, and the courses where a seat is free while someone waits. */
async function floorRead(raw: RawDb): Promise<string[]> {
  const rows = await raw.all(COUNTS_SQL);
  return rows
    .filter((r) => Number(r.waiting) > 0 && Number(r.occupied) < Number(r.capacity))
    .map((r) => String(r.course_id));
}

/** Frees one seat in every tenth course (a confirmed place cancelled), and puts back what a previous run offered. */
async function freeSeats(raw: RawDb, courseIds: string[]): Promise<number> {
  await raw.all(`UPDATE course_enrolments SET status = 'waiting', offer_expires_at = NULL WHERE status = 'offered'`);
  await raw.all(`UPDATE course_enrolments SET status = 'confirmed' WHERE status = 'cancelled'`);
  const freed = courseIds.filter((_, i) => i % 10 === 0);
  for (const courseId of freed) {
    await raw.all(
      `UPDATE course_enrolments SET status = 'cancelled' WHERE id = (SELECT id FROM course_enrolments WHERE course_id = ? AND status = 'confirmed' ORDER BY id LIMIT 1)`,
      [courseId],
    );
  }
  return freed.length;
}

/** The floor of a promotion: the read, then one raw UPDATE of the first waiting per freed course. */
async function floorPromotion(raw: RawDb, expires: string): Promise<number> {
  const courses = await floorRead(raw);
  await raw.all('BEGIN');
  for (const courseId of courses) {
    await raw.all(
      `UPDATE course_enrolments SET status = 'offered', offer_expires_at = ? WHERE id = (SELECT id FROM course_enrolments WHERE course_id = ? AND status = 'waiting' ORDER BY waiting_since, id LIMIT 1)`,
      [expires, courseId],
    );
  }
  await raw.all('COMMIT');
  return courses.length;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function benchWaitingLists(engine: Engine, smoke: boolean, figure: SchoolsFigure): Promise<void> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = engine === 'postgres' ? PG_SERVER : '';
  const database = await createTestDatabase();
  if (previous === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = previous;
  const ctx = await createTestApp({ clock: new TestClock('2027-06-25T09:00:00.000Z'), database });
  const raw = openRaw(database.url);
  try {
    const started = performance.now();
    const courseIds = await buildWaitingLists(ctx.deps, smoke ? 50 : 2000);
    console.log(
      `  ${courseIds.length} full courses, ${courseIds.length * WAITING} waiting, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const runs = smoke ? 3 : 10;
    const idle: number[] = [];
    const idleFloor: number[] = [];
    await promoteWaitingLists(ctx.deps); // warm-up
    for (let i = 0; i < runs; i += 1) {
      idle.push(await timed(() => promoteWaitingLists(ctx.deps)));
      idleFloor.push(await timed(() => floorRead(raw)));
    }
    figure(`idle promotion sweep, ${courseIds.length * WAITING} waiting`, summarize(idle), summarize(idleFloor), {
      courses: courseIds.length,
    });

    const project: number[] = [];
    const floor: number[] = [];
    let offered = 0;
    let freed = 0;
    for (let i = 0; i < runs; i += 1) {
      freed = await freeSeats(raw, courseIds);
      project.push(
        await timed(async () => {
          offered = (await promoteWaitingLists(ctx.deps)).offered;
        }),
      );
      await freeSeats(raw, courseIds);
      let floorOffered = 0;
      floor.push(
        await timed(async () => {
          floorOffered = await floorPromotion(raw, '2027-06-28T09:00:00.000Z');
        }),
      );
      if (offered !== freed || floorOffered !== freed)
        throw new Error(`promotion made ${offered} offers (floor ${floorOffered}) for ${freed} freed seats`);
    }
    const result: Latency = summarize(project);
    figure(`promotion sweep, ${freed} seats freed`, result, summarize(floor), { offered, freed });
  } finally {
    await raw.close();
    await ctx.close();
  }
}
