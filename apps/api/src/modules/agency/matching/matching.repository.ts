import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../../db/database.js';
import type { Engine } from '../../../db/dialect.js';
import { GIVEN_LESSON_STATUSES } from '@contracts';
import { PROPOSABLE_TEACHER_STATUS, type Window } from './matching.rules.js';

/**
 * The SQL of matching: one read of the file with what ranking needs around it, one read of the candidates with
 * everything ranking needs about each. A round trip costs more than the rows it returns (on PostgreSQL above all),
 * so the family's slots come back as a "weekday:start:end" list in one column (`string_agg`, on SQLite since
 * 3.44), as each teacher's availability is kept in teacher_match_index (migration 0600).
 */

const windowList = (weekday: string, start: string, end: string) =>
  sql<
    string | null
  >`string_agg(cast(${sql.ref(weekday)} as text) || ':' || cast(${sql.ref(start)} as text) || ':' || cast(${sql.ref(end)} as text), ',')`;

/** Parses a `windowList` column (ranking parses one per candidate: no intermediate arrays). */
export function parseWindows(list: string | null): Window[] {
  const windows: Window[] = [];
  if (!list) return windows;
  for (const w of list.split(',')) {
    const a = w.indexOf(':');
    const b = w.indexOf(':', a + 1);
    windows.push({ weekday: Number(w.slice(0, a)), start: Number(w.slice(a + 1, b)), end: Number(w.slice(b + 1)) });
  }
  return windows;
}

/**
 * The file, the student's birth date, the family's slots, the teachers the file has had (comma-separated ids) and
 * the longest travel distance any teacher gives (teacher_match_index_travel_idx: one index entry).
 * `lessons_30` counts lessons given (GIVEN_LESSON_STATUSES): a cancelled lesson is not a lesson given.
 */
export async function findFileForMatching(tx: Tx, fileId: string) {
  return tx
    .selectFrom('lesson_files as f')
    .selectAll('f')
    .select((eb) => [
      eb
        .selectFrom('people as s')
        .select('s.birth_date')
        .whereRef('s.id', '=', 'f.student_id')
        .as('student_birth_date'),
      eb
        .selectFrom('file_slots as fs')
        .select(windowList('fs.weekday', 'fs.start_minute', 'fs.end_minute').as('w'))
        .whereRef('fs.file_id', '=', 'f.id')
        .as('slot_windows'),
      eb
        .selectFrom('assignments as a')
        .select(sql<string | null>`string_agg(a.teacher_id, ',')`.as('ids'))
        .whereRef('a.file_id', '=', 'f.id')
        .as('previous_teachers'),
      eb
        .selectFrom('teacher_match_index as ti')
        .select((m) => m.fn.max('ti.max_travel_km').as('km'))
        .as('longest_travel_km'),
    ])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
}
export type MatchingFile = NonNullable<Awaited<ReturnType<typeof findFileForMatching>>>;

/**
 * Which teachers to read. `near`: a latitude/longitude box (an index range of teacher_match_index) and, inside it, a
 * plane distance that is never more than the great-circle one (see `nearTerms`), so that the per-teacher counts run
 * for the teachers within (about) their travel distance, not for the whole box. `zones`: teachers working in one
 * of these zones, whatever their distance. Neither: every teacher who passes the hard filters (online lessons).
 */
export type CandidateQuery = {
  engine: Engine;
  instrument: string;
  level: number;
  age: number | null;
  /** The teacher's flag for the file's place. */
  teaches: 'teaches_at_home' | 'teaches_at_school' | 'teaches_online';
  near: {
    minLat: number;
    maxLat: number;
    minLng: number;
    maxLng: number;
    reach: {
      latitude: number;
      longitude: number;
      kmPerDegLat: number;
      kmPerDegLng: number;
      defaultTravelKm: number;
      /** kilometres staff added to every teacher's distance */
      widenKm: number;
    } | null;
  } | null;
  zones: (readonly [kind: string, code: string])[] | null;
  /** Counts: open assignments started since, lessons between. */
  newSince: string;
  lessonsFrom: string;
  lessonsTo: string;
};

const real = (v: number): RawBuilder<number> => sql<number>`cast(${v} as double precision)`;

export type CandidateRow = {
  teacher_id: string;
  latitude: number | null;
  longitude: number | null;
  max_travel_km: number | null;
  capacity_new_students: number | null;
  level_min: number;
  level_max: number;
  age_min: number;
  age_max: number;
  first_name: string | null;
  last_name: string | null;
  styles: string | null;
  availability: string | null;
  mismatches: number;
  /** 1: the row came from the zone arm */
  in_zone: number;
  open_new: number;
  lessons_30: number;
};

/**
 * One statement: the near arm and the zone arm in a UNION ALL, each driven by its own index (the box by
 * teacher_match_index_geo_idx; the zones by teacher_zones_code_idx, then the primary key). Each row is the teacher's
 * teacher_match_index row, which carries their name, styles, availability and mismatches, plus two reads of one
 * teacher's index range, run only for the rows the filters keep: open assignments started within the window
 * (only when the teacher has an open one at all) and lessons in the last 30 days. `in_zone` says which arm a row
 * came from; a teacher can come from both. Written as one SQL template rather than with the query builder: the
 * builder's immutable tree costs more to build and compile than the statement costs to run.
 */
export async function findCandidates(tx: Tx, q: CandidateQuery): Promise<CandidateRow[]> {
  const arm = (inZone: 0 | 1, where: RawBuilder<unknown>) => sql`
    select ti.teacher_id, ti.latitude, ti.longitude, ti.max_travel_km, ti.capacity_new_students, ti.level_min, ti.level_max, ti.age_min, ti.age_max,
      ti.first_name, ti.last_name, ti.styles, ti.availability, ti.mismatches, ${sql.lit(inZone)} as in_zone,
      case when ti.open_assignments > 0
        then (select count(*) from assignments a where a.teacher_id = ti.teacher_id and a.ended_on is null and a.started_on >= ${q.newSince})
        else 0 end as open_new,
      (select count(*) from lessons l where l.teacher_id = ti.teacher_id and l.lesson_date >= ${q.lessonsFrom} and l.lesson_date <= ${q.lessonsTo}
        and l.status in (${sql.join(GIVEN_LESSON_STATUSES.map((st) => sql.lit(st)))})) as lessons_30
    from teacher_match_index ti
    where ti.instrument = ${q.instrument} and ti.status = ${sql.lit(PROPOSABLE_TEACHER_STATUS)} and ti.level_min <= ${q.level} and ti.level_max >= ${q.level}
      and coalesce(ti.capacity_new_students, 0) > 0 and ${sql.ref(`ti.${q.teaches}`)} = 1
      ${q.age !== null ? sql`and ti.age_min <= ${q.age} and ti.age_max >= ${q.age}` : sql``}
      and ${where}`;
  const { near, zones } = q;
  const arms: RawBuilder<unknown>[] = [];
  if (near)
    arms.push(
      arm(
        0,
        sql`ti.latitude >= ${near.minLat} and ti.latitude <= ${near.maxLat} and ti.longitude >= ${near.minLng} and ti.longitude <= ${near.maxLng} and ${nearTerms(near.reach)}`,
      ),
    );
  if (zones) {
    const zoned = sql`select z.teacher_id from teacher_zones z where ${sql.join(
      zones.map(([kind, code]) => sql`(z.kind = ${kind} and z.code = ${code})`),
      sql` or `,
    )}`;
    // PostgreSQL would rather hash-join every teacher of the instrument than probe the primary key per zone
    // teacher; an array of ids leaves it an index scan on the key.
    arms.push(
      arm(1, q.engine === 'postgres' ? sql`ti.teacher_id = any(array(${zoned}))` : sql`ti.teacher_id in (${zoned})`),
    );
  }
  if (!arms.length) arms.push(arm(0, sql`1 = 1`));
  return (await sql<CandidateRow>`${sql.join(arms, sql` union all `)}`.execute(tx)).rows;
}

/**
 * Within the box, (Δlat·kLat)² + (Δlng·kLng)² ≤ (travel·1.01 + 0.5)², a plane distance in km that is never more than
 * the great-circle one (the caller takes kLng at the box's edge farthest from the equator), with slack for
 * rounding: a pre-filter that keeps every teacher whose exact distance, computed after, is within reach.
 */
function nearTerms(reach: NonNullable<CandidateQuery['near']>['reach']): RawBuilder<unknown> {
  if (!reach) return sql`1 = 1`;
  const travel = sql`((coalesce(ti.max_travel_km, ${reach.defaultTravelKm}) + ${real(reach.widenKm)}) * ${real(1.01)} + ${real(0.5)})`;
  const dLat = sql`(ti.latitude - ${real(reach.latitude)})`;
  const dLng = sql`(ti.longitude - ${real(reach.longitude)})`;
  return sql`${dLat} * ${dLat} * ${real(reach.kmPerDegLat ** 2)} + ${dLng} * ${dLng} * ${real(reach.kmPerDegLng ** 2)} <= ${travel} * ${travel}`;
}

export type FilterRow = {
  teacher_id: string;
  status: string;
  latitude: number | null;
  longitude: number | null;
  max_travel_km: number | null;
  capacity_new_students: number | null;
  level_min: number;
  level_max: number;
  age_min: number;
  age_max: number;
  teaches_at_home: number | null;
  teaches_at_school: number | null;
  teaches_online: number | null;
  availability: string | null;
  in_zone: number;
  open_new: number;
};

/**
 * "Why nobody": every teacher of the instrument, whatever their status, level, place or distance, with what the hard
 * filters read (the zone flag and the open assignments started since `newSince`), and how many teachers the base
 * holds. Read on demand only (the page asks when the list is empty or staff ask why someone is missing).
 */
export async function findTeachersOfInstrument(
  tx: Tx,
  q: { instrument: string; newSince: string; zones: (readonly [kind: string, code: string])[] },
): Promise<{ teachers: number; rows: FilterRow[] }> {
  const inZone = q.zones.length
    ? sql`exists (select 1 from teacher_zones z where z.teacher_id = ti.teacher_id and (${sql.join(
        q.zones.map(([kind, code]) => sql`(z.kind = ${kind} and z.code = ${code})`),
        sql` or `,
      )}))`
    : sql`1 = 0`;
  const [rows, total] = await Promise.all([
    sql<FilterRow>`
      select ti.teacher_id, ti.status, ti.latitude, ti.longitude, ti.max_travel_km, ti.capacity_new_students,
        ti.level_min, ti.level_max, ti.age_min, ti.age_max, ti.teaches_at_home, ti.teaches_at_school, ti.teaches_online,
        ti.availability, case when ${inZone} then 1 else 0 end as in_zone,
        (select count(*) from assignments a where a.teacher_id = ti.teacher_id and a.ended_on is null and a.started_on >= ${q.newSince}) as open_new
      from teacher_match_index ti where ti.instrument = ${q.instrument}`.execute(tx),
    tx
      .selectFrom('teachers')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { teachers: Number(total.n), rows: rows.rows };
}
