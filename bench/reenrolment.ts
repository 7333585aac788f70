import type { Kysely } from 'kysely';
import type { Engine } from '../apps/api/src/db/dialect.js';
import type { DB } from '../apps/api/src/db/tables.js';
import type { UserActor } from '../apps/api/src/platform/actor.js';
import { TestClock } from '../apps/api/src/platform/clock.js';
import { newId } from '../apps/api/src/platform/ids.js';
import { inBatches, rowsPerStatement } from '../apps/api/src/platform/batching.js';
import { createTestApp, createTestDatabase, makeUser } from '../apps/api/src/testing/harness.js';
import { makeTeacher } from '../apps/api/src/testing/factories.js';
import { createSchoolsService } from '../apps/api/src/modules/schools/schools.service.js';
import { buildPacks, createReenrolmentService } from '../apps/api/src/modules/schools/reenrolment.service.js';
import {
  courseRow,
  insertSchool,
  insertSeason,
  placeRow,
} from '../apps/api/src/modules/schools/reenrolment.fixtures.js';
import { summarize, type Latency } from './measure.js';
import { PG_SERVER } from './dataset.js';

/**
 * Issue 15, item 2: opening a re-enrolment campaign of 20,000 returning students (one pack each, a seat held in each
 * continuing course), beside its floor. The network is built here on a fresh database of its own: 20 schools, 100
 * courses a school in each of two seasons, one family and one confirmed place per student last season.
 *
 * - project: `reenrolment.open` (the seasons, the two seasons' courses, the tariffs, the confirmed places and the
 *   seats taken read; the continuing-course rule per course; packs and held places built, written in multi-row
 *   batches; one audit entry), in one transaction;
 * - floor: the bare multi-row insert of the same rows (packs and held places computed beforehand), in one
 *   transaction.
 * Between runs the campaign, its packs and its places are deleted (not timed).
 */
export type ReenrolmentFigure = (
  name: string,
  project: Latency,
  floor: Latency,
  detail: Record<string, unknown>,
) => void;

const SCHOOLS = 20;
const COURSES_PER_SCHOOL = 100;

async function bulk<T extends keyof DB>(db: Kysely<DB>, table: T, rows: Record<string, unknown>[]) {
  const columns = rows[0] ? Object.keys(rows[0]).length : 1;
  await inBatches(rows, rowsPerStatement(columns), (slice) =>
    db
      .insertInto(table)
      .values(slice as never)
      .execute(),
  );
}

async function buildNetwork(db: Kysely<DB>, deps: Parameters<typeof makeTeacher>[0], students: number) {
  const last = await insertSeason(db, '2026-2027', '2026-09-01', '2027-07-04');
  const next = await insertSeason(db, '2027-2028', '2027-09-01', '2028-07-02');
  const teachers = [];
  for (let i = 0; i < 20; i += 1) teachers.push((await makeTeacher(deps, { lastName: `Prof${i}` })).id);
  const lastCourses: string[] = [];
  const courses = [];
  for (let s = 0; s < SCHOOLS; s += 1) {
    const schoolId = await insertSchool(db, `École ${s}`);
    for (let c = 0; c < COURSES_PER_SCHOOL; c += 1) {
      const shape = {
        schoolId,
        teacherId: teachers[(s + c) % teachers.length]!,
        level: `Niveau ${c}`,
        weekday: 1 + (c % 6),
        start: `${String(9 + (c % 10)).padStart(2, '0')}:00`,
        capacity: Math.ceil(students / (SCHOOLS * COURSES_PER_SCHOOL)) + 2,
      };
      const old = courseRow({ ...shape, seasonId: last });
      lastCourses.push(old.id);
      courses.push(old, courseRow({ ...shape, seasonId: next }));
    }
  }
  await bulk(db, 'courses', courses);
  const now = new Date().toISOString();
  const families = [];
  const people = [];
  const places = [];
  for (let i = 0; i < students; i += 1) {
    const familyId = newId();
    const studentId = newId();
    families.push({
      id: familyId,
      name: `Famille ${i}`,
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
    });
    people.push({
      id: studentId,
      kind: 'student',
      first_name: `Élève${i}`,
      last_name: `Famille${i}`,
      email: null,
      phone: null,
      birth_date: '2014-03-01',
      family_id: familyId,
      user_id: null,
      notes: null,
      search_name: ` eleve${i} famille${i}`,
      search_contact: '',
      created_at: now,
      updated_at: now,
      version: 1,
    });
    places.push(placeRow(lastCourses[i % lastCourses.length]!, studentId, familyId));
  }
  await bulk(db, 'families', families);
  await bulk(db, 'people', people);
  await bulk(db, 'course_enrolments', places);
  return { last, next };
}

async function reset(db: Kysely<DB>, next: string) {
  await db.deleteFrom('reenrolment_packs').execute();
  await db.deleteFrom('audit_log').where('entity_type', '=', 'reenrolment_campaign').execute();
  await db.deleteFrom('reenrolment_campaigns').execute();
  await db
    .deleteFrom('course_enrolments')
    .where('course_id', 'in', (eb) => eb.selectFrom('courses').select('id').where('season_id', '=', next))
    .execute();
}

export async function benchReenrolment(engine: Engine, smoke: boolean, figure: ReenrolmentFigure): Promise<void> {
  const students = smoke ? 500 : 20_000;
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = engine === 'postgres' ? PG_SERVER : '';
  const database = await createTestDatabase();
  if (previous === undefined) delete process.env.TEST_DATABASE_URL;
  else process.env.TEST_DATABASE_URL = previous;
  const ctx = await createTestApp({ clock: new TestClock('2027-05-03T08:00:00.000Z'), database });
  const db = ctx.deps.db;
  try {
    const started = performance.now();
    const { last, next } = await buildNetwork(db, ctx.deps, students);
    console.log(`  ${students} returning students built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
    const service = createReenrolmentService(ctx.deps, createSchoolsService(ctx.deps));
    const runs = smoke ? 1 : 3;
    const projectSamples: number[] = [];
    const floorSamples: number[] = [];
    let opened = { packs: 0, seatsHeld: 0 };
    for (let run = 0; run < runs; run += 1) {
      await reset(db, next);
      const t0 = performance.now();
      const campaign = await service.open(actor, { fromSeasonId: last, toSeasonId: next });
      projectSamples.push(performance.now() - t0);
      opened = { packs: campaign.packs, seatsHeld: campaign.seatsHeld };

      await reset(db, next);
      const campaignId = newId();
      await db
        .insertInto('reenrolment_campaigns')
        .values({
          id: campaignId,
          from_season_id: last,
          to_season_id: next,
          priority_deadline: '2027-06-02',
          reminder_days: '[14,3]',
          status: 'open',
          opened_by: 'Bench',
          opened_at: new Date().toISOString(),
          closed_at: null,
          version: 1,
        })
        .execute();
      const rows = await buildPacks(db, campaignId, last, next, '2027-06-02', new Date().toISOString());
      const t1 = performance.now();
      await db.transaction().execute(async (tx) => {
        await bulk(tx, 'reenrolment_packs', rows.packs);
        await bulk(tx, 'course_enrolments', rows.places);
      });
      floorSamples.push(performance.now() - t1);
    }
    if (opened.packs !== students || opened.seatsHeld !== students) {
      throw new Error(`campaign opened ${opened.packs} packs and held ${opened.seatsHeld} seats for ${students}`);
    }
    figure(
      `campaign opening, ${students} returning students`,
      summarize(projectSamples),
      summarize(floorSamples),
      opened,
    );
  } finally {
    await ctx.close();
  }
}
