import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { isSqlite } from '../../db/migration-helpers.js';
import { ID_CHUNK, inBatches, readInBatches } from '../../platform/batching.js';
import { SEAT_STATUSES } from './enrolments.rules.js';

/** The SQL of the timetable choice: ranks, seats, waiting lists and offers. */

const SEATS = SEAT_STATUSES as string[];
/** Seats taken and families waiting among the enrolments `e` of a course (columns of a query grouped by course). */
const SEAT_SUMS = [
  sql<number>`coalesce(sum(case when e.status in (${sql.join(SEATS)}) then 1 else 0 end), 0)`.as('occupied'),
  sql<number>`coalesce(sum(case when e.status = 'waiting' then 1 else 0 end), 0)`.as('waiting'),
] as const;

/**
 * Locks the course's row until the transaction ends (a no-op update: a row lock on PostgreSQL, the write lock on
 * SQLite), so two choices or two sweeps counting its seats run one after the other. False when no such course.
 */
export async function lockCourse(tx: Tx, courseId: string): Promise<boolean> {
  const result = await tx
    .updateTable('courses')
    .set((eb) => ({ capacity: eb.ref('capacity') }))
    .where('id', '=', courseId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * lockCourse for many courses at once, in id order (two sweeps never wait on each other in a circle): row locks on
 * PostgreSQL; on SQLite one no-op update takes the write lock, which serialises the rest.
 */
export async function lockCourses(tx: Tx, courseIds: readonly string[]): Promise<void> {
  const ids = [...new Set(courseIds)].sort();
  if (!ids.length) return;
  if (isSqlite(tx)) {
    await inBatches(ids, ID_CHUNK, (slice) =>
      tx
        .updateTable('courses')
        .set((eb) => ({ capacity: eb.ref('capacity') }))
        .where('id', 'in', slice)
        .execute(),
    );
    return;
  }
  await inBatches(ids, ID_CHUNK, (slice) =>
    tx.selectFrom('courses').select('id').where('id', 'in', slice).orderBy('id').forUpdate().execute(),
  );
}

export async function courseForChoice(tx: Tx, courseId: string) {
  return tx
    .selectFrom('courses')
    .innerJoin('schools', 'schools.id', 'courses.school_id')
    .innerJoin('seasons', 'seasons.id', 'courses.season_id')
    .select([
      'courses.id',
      'courses.school_id',
      'courses.season_id',
      'courses.discipline',
      'courses.level',
      'courses.start_time',
      'courses.capacity',
      'courses.status',
      'schools.name as school_name',
      'seasons.name as season_name',
    ])
    .where('courses.id', '=', courseId)
    .executeTakeFirst();
}

/** Seats taken and families waiting in one course. */
export async function seatCounts(tx: Tx, courseId: string): Promise<{ occupied: number; waiting: number }> {
  const row = await tx
    .selectFrom('course_enrolments')
    .select([
      sql<number>`coalesce(sum(case when status in (${sql.join(SEATS)}) then 1 else 0 end), 0)`.as('occupied'),
      sql<number>`coalesce(sum(case when status = 'waiting' then 1 else 0 end), 0)`.as('waiting'),
    ])
    .where('course_id', '=', courseId)
    .executeTakeFirstOrThrow();
  return { occupied: Number(row.occupied), waiting: Number(row.waiting) };
}

/** Each course's capacity, label parts and seats taken and families waiting (the sweep's recount, under the locks). */
export async function seatCountsOf(tx: Tx, courseIds: readonly string[]) {
  const rows = await readInBatches(courseIds, (slice) =>
    tx
      .selectFrom('courses')
      .leftJoin('course_enrolments as e', 'e.course_id', 'courses.id')
      .select([
        'courses.id',
        'courses.discipline',
        'courses.level',
        'courses.start_time',
        'courses.capacity',
        ...SEAT_SUMS,
      ])
      .where('courses.id', 'in', slice)
      .groupBy(['courses.id', 'courses.discipline', 'courses.level', 'courses.start_time', 'courses.capacity'])
      .execute(),
  );
  return rows.map((r) => ({ ...r, occupied: Number(r.occupied), waiting: Number(r.waiting) }));
}

/** Seats taken and families waiting per course of a school's season. */
export async function coursesWithCounts(tx: Tx, schoolId: string, seasonId: string) {
  return tx
    .selectFrom('courses')
    .leftJoin('course_enrolments as e', 'e.course_id', 'courses.id')
    .select([
      'courses.id',
      'courses.discipline',
      'courses.level',
      'courses.kind',
      'courses.weekday',
      'courses.start_time',
      'courses.duration_minutes',
      'courses.capacity',
      ...SEAT_SUMS,
    ])
    .where('courses.school_id', '=', schoolId)
    .where('courses.season_id', '=', seasonId)
    .where('courses.status', '=', 'active')
    .groupBy([
      'courses.id',
      'courses.discipline',
      'courses.level',
      'courses.kind',
      'courses.weekday',
      'courses.start_time',
      'courses.duration_minutes',
      'courses.capacity',
    ])
    .orderBy('courses.weekday')
    .orderBy('courses.start_time')
    .orderBy('courses.id')
    .execute();
}

/**
 * The first ones waiting (with the student's first name) in several courses at once, in each list's order: `wanted` maps a course to how many it
 * needs (one statement per slice of courses, each list ranked by a window).
 */
export async function firstWaitingOf(tx: Tx, wanted: ReadonlyMap<string, number>) {
  const most = Math.max(0, ...wanted.values());
  if (most === 0) return [];
  const rows = await readInBatches([...wanted.keys()], (slice) =>
    tx
      .selectFrom((eb) =>
        eb
          .selectFrom('course_enrolments as e')
          .leftJoin('people', 'people.id', 'e.student_id')
          .select([
            'e.id',
            'e.course_id',
            'e.family_id',
            'people.first_name as student_name',
            sql<number>`row_number() over (partition by e.course_id order by e.waiting_since, e.id)`.as('place'),
          ])
          .where('e.course_id', 'in', slice)
          .where('e.status', '=', 'waiting')
          .as('w'),
      )
      .selectAll()
      .where('place', '<=', most)
      .orderBy('course_id')
      .orderBy('place')
      .execute(),
  );
  return rows.filter((r) => Number(r.place) <= (wanted.get(r.course_id) ?? 0));
}

/** Courses where someone waits while a seat is free: the promotion sweep's work. */
export async function coursesToPromote(tx: Tx): Promise<string[]> {
  const rows = await tx
    .selectFrom('course_enrolments as e')
    .innerJoin('courses', 'courses.id', 'e.course_id')
    .select('e.course_id')
    .where('e.status', 'in', [...SEATS, 'waiting'])
    .groupBy(['e.course_id', 'courses.capacity'])
    .having(sql<boolean>`sum(case when e.status = 'waiting' then 1 else 0 end) > 0`)
    .having(sql<boolean>`sum(case when e.status in (${sql.join(SEATS)}) then 1 else 0 end) < courses.capacity`)
    .execute();
  return rows.map((r) => r.course_id);
}

/** Offers past their expiry. */
export async function lapsedOffers(tx: Tx, now: string) {
  return tx
    .selectFrom('course_enrolments')
    .select(['id', 'course_id'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .execute();
}

export async function findEnrolment(tx: Tx, id: string) {
  return tx.selectFrom('course_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function enrolmentOf(tx: Tx, courseId: string, studentId: string) {
  return tx
    .selectFrom('course_enrolments')
    .selectAll()
    .where('course_id', '=', courseId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
}

type Move = { status: string; offer_expires_at?: string | null; waiting_since?: string | null; updated_at: string };

/**
 * Moves enrolments from one status to another, only those still in the first, in one statement per slice: the ids
 * (and courses) it moved come back, so of two callers at once each row is moved (and audited) by one.
 */
export async function moveEnrolments(tx: Tx, ids: readonly string[], from: string, changes: Move) {
  return readInBatches(ids, (slice) =>
    tx
      .updateTable('course_enrolments')
      .set((eb) => ({ ...changes, version: eb('version', '+', 1) }))
      .where('id', 'in', slice)
      .where('status', '=', from)
      .returning(['id', 'course_id'])
      .execute(),
  );
}

/** moveEnrolments for one enrolment (false: someone moved it). */
export async function moveEnrolment(tx: Tx, id: string, from: string, changes: Move): Promise<boolean> {
  return (await moveEnrolments(tx, [id], from, changes)).length > 0;
}

/** Completed administrative enrolments of a school's season in rank order (completion, then id). */
export async function rankedRegistrations(tx: Tx, schoolId: string, seasonId: string) {
  return tx
    .selectFrom('school_registrations')
    .select(['id', 'family_id'])
    .where('school_id', '=', schoolId)
    .where('season_id', '=', seasonId)
    .where('status', '=', 'completed')
    .where('completed_at', 'is not', null)
    .orderBy('completed_at')
    .orderBy('id')
    .execute();
}

/** A family's completed administrative enrolments, with the school's and season's names. */
export async function familyRegistrations(tx: Tx, familyId: string) {
  return tx
    .selectFrom('school_registrations as r')
    .innerJoin('schools', 'schools.id', 'r.school_id')
    .innerJoin('seasons', 'seasons.id', 'r.season_id')
    .select(['r.id', 'r.school_id', 'r.season_id', 'schools.name as school_name', 'seasons.name as season_name'])
    .where('r.family_id', '=', familyId)
    .where('r.status', '=', 'completed')
    .where('r.completed_at', 'is not', null)
    .orderBy('seasons.starts_on', 'desc')
    .orderBy('schools.name')
    .execute();
}

/** What closes a season's priority window: the campaign's deadline, else the opening the secretariat set. */
export async function windowInputs(tx: Tx, seasonId: string) {
  const [campaign, opening] = await Promise.all([
    tx
      .selectFrom('reenrolment_campaigns')
      .select('priority_deadline')
      .where('to_season_id', '=', seasonId)
      .executeTakeFirst(),
    tx.selectFrom('choice_openings').select('opens_at').where('season_id', '=', seasonId).executeTakeFirst(),
  ]);
  return { priorityDeadline: campaign?.priority_deadline ?? null, opening: opening?.opens_at ?? null };
}

/** School seasons with completed enrolments whose season is not over: where waves may open. */
export async function choiceSchoolSeasons(tx: Tx, today: string) {
  return tx
    .selectFrom('school_registrations as r')
    .innerJoin('seasons', 'seasons.id', 'r.season_id')
    .innerJoin('schools', 'schools.id', 'r.school_id')
    .select(['r.school_id', 'r.season_id', 'schools.name as school_name', 'seasons.name as season_name'])
    .where('r.status', '=', 'completed')
    .where('seasons.ends_on', '>=', today)
    .groupBy(['r.school_id', 'r.season_id', 'schools.name', 'seasons.name'])
    .execute();
}

export async function setOpening(tx: Tx, seasonId: string, opensAt: string, userId: string | null, at: string) {
  await tx
    .insertInto('choice_openings')
    .values({ season_id: seasonId, opens_at: opensAt, set_by: userId, set_at: at })
    .onConflict((oc) =>
      oc.column('season_id').doUpdateSet((eb) => ({
        opens_at: opensAt,
        set_by: userId,
        set_at: at,
        version: eb('choice_openings.version', '+', 1),
      })),
    )
    .execute();
}

/** The family's students (its people of kind student). */
export async function studentsOf(tx: Tx, familyId: string) {
  return tx
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name'])
    .where('family_id', '=', familyId)
    .where('kind', '=', 'student')
    .orderBy('first_name')
    .orderBy('id')
    .execute();
}

/** The family's first guardian with an e-mail, and the family's language. */
export async function familyRecipient(tx: Tx, familyId: string) {
  return tx
    .selectFrom('people')
    .innerJoin('families', 'families.id', 'people.family_id')
    .select(['people.first_name', 'people.email', 'families.locale'])
    .where('people.family_id', '=', familyId)
    .where('people.kind', '=', 'guardian')
    .where('people.email', 'is not', null)
    .orderBy('people.seq')
    .executeTakeFirst();
}

/** familyRecipient for many families: each one's first guardian with an e-mail, by family. */
export async function familyRecipients(tx: Tx, familyIds: readonly string[]) {
  const rows = await readInBatches([...new Set(familyIds)], (slice) =>
    tx
      .selectFrom('people')
      .innerJoin('families', 'families.id', 'people.family_id')
      .select(['people.family_id', 'people.first_name', 'people.email', 'families.locale'])
      .where('people.family_id', 'in', slice)
      .where('people.kind', '=', 'guardian')
      .where('people.email', 'is not', null)
      .orderBy('people.seq')
      .execute(),
  );
  const first = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (r.family_id && !first.has(r.family_id)) first.set(r.family_id, r);
  return first;
}

/** The family's places (course enrolments) with their course and student, and each waiting one's position. */
export async function familyPlaces(tx: Tx, familyId: string) {
  return tx
    .selectFrom('course_enrolments as e')
    .innerJoin('courses', 'courses.id', 'e.course_id')
    .innerJoin('people', 'people.id', 'e.student_id')
    .select([
      'e.id',
      'e.course_id',
      'e.student_id',
      'e.status',
      'e.offer_expires_at',
      'courses.discipline',
      'courses.level',
      'courses.start_time',
      'people.first_name',
      'people.last_name',
      (eb) =>
        eb
          .selectFrom('course_enrolments as w')
          .select(sql<number>`count(*)`.as('ahead'))
          .whereRef('w.course_id', '=', 'e.course_id')
          .where('w.status', '=', 'waiting')
          .where((w) =>
            w.or([
              w('w.waiting_since', '<', w.ref('e.waiting_since')),
              w.and([w('w.waiting_since', '=', w.ref('e.waiting_since')), w('w.id', '<=', w.ref('e.id'))]),
            ]),
          )
          .as('position'),
    ])
    .where('e.family_id', '=', familyId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** A course's waiting list and open offers, in order. */
export async function waitingListOf(tx: Tx, courseId: string) {
  return tx
    .selectFrom('course_enrolments as e')
    .innerJoin('people', 'people.id', 'e.student_id')
    .innerJoin('families', 'families.id', 'e.family_id')
    .select([
      'e.id',
      'e.status',
      'e.waiting_since',
      'e.offer_expires_at',
      'people.first_name',
      'people.last_name',
      'families.name as family_name',
    ])
    .where('e.course_id', '=', courseId)
    .where('e.status', 'in', ['waiting', 'offered'])
    .orderBy(sql`case when e.status = 'offered' then 0 else 1 end`)
    .orderBy('e.waiting_since')
    .orderBy('e.id')
    .execute();
}
