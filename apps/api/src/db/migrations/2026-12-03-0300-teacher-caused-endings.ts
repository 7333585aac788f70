import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../migration-helpers.js';

/**
 * The `outcomes` part of a candidate's score counts only the endings that were the teacher's doing (no time, failed
 * commitments: `teacher_unavailable`, `teacher_conduct`), never a mismatch (nobody's fault), a family that stops or a
 * move. teacher_match_index.mismatches keeps its name and now holds that count: the instrument and assignment
 * triggers of migration 0600 are redefined with the new count, and every row recomputed. An assignment also keeps the reasons it
 * was chosen for (`choice_reasons`, JSON: score, distance and the worded parts shown when it was handed over).
 */
const TEACHER_CAUSED = `('teacher_unavailable', 'teacher_conduct')`;
const endingsOf = (id: string, reasons: string) =>
  `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ${id} AND a.end_reason IN ${reasons})`;
const openAssignmentsOf = (id: string) =>
  `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ${id} AND a.ended_on IS NULL)`;
/** Migration 0600's full row of one teacher_instruments row (the instrument triggers build it), with the new count. */
const COPIED_NOW = [
  'status',
  'latitude',
  'longitude',
  'max_travel_km',
  'capacity_new_students',
  'teaches_at_home',
  'teaches_at_school',
  'teaches_online',
  'styles',
];
const COLUMNS = `teacher_id, instrument, level_min, level_max, age_min, age_max, ${COPIED_NOW.join(', ')}, first_name, last_name, availability, open_assignments, mismatches`;
const availabilityOf = (id: string) =>
  `(SELECT string_agg(CAST(av.weekday AS text) || ':' || CAST(av.start_minute AS text) || ':' || CAST(av.end_minute AS text), ',') FROM teacher_availability av WHERE av.teacher_id = ${id})`;
const rowFrom = (row: string, reasons: string) =>
  `SELECT ${row}.teacher_id, ${row}.instrument, ${row}.level_min, ${row}.level_max, ${row}.age_min, ${row}.age_max, ${COPIED_NOW.map((c) => `t.${c}`).join(', ')}, p.first_name, p.last_name, ` +
  `${availabilityOf(`${row}.teacher_id`)}, ${openAssignmentsOf(`${row}.teacher_id`)}, ${endingsOf(`${row}.teacher_id`, reasons)} ` +
  `FROM teachers t JOIN people p ON p.id = t.person_id WHERE t.person_id = ${row}.teacher_id`;
const refresh = (id: string, reasons: string) =>
  `UPDATE teacher_match_index SET open_assignments = ${openAssignmentsOf(id)}, mismatches = ${endingsOf(id, reasons)} WHERE teacher_id = ${id}`;

async function redefine(db: Kysely<unknown>, reasons: string): Promise<void> {
  if (isSqlite(db)) {
    for (const name of [
      'teacher_match_index_ti_ai',
      'teacher_match_index_ti_au',
      'teacher_match_index_a_ai',
      'teacher_match_index_a_ad',
      'teacher_match_index_a_au',
    ])
      await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    for (const statement of [
      `CREATE TRIGGER teacher_match_index_ti_ai AFTER INSERT ON teacher_instruments BEGIN INSERT OR REPLACE INTO teacher_match_index (${COLUMNS}) ${rowFrom('new', reasons)}; END`,
      `CREATE TRIGGER teacher_match_index_ti_au AFTER UPDATE ON teacher_instruments BEGIN DELETE FROM teacher_match_index WHERE teacher_id = old.teacher_id AND instrument = old.instrument; INSERT OR REPLACE INTO teacher_match_index (${COLUMNS}) ${rowFrom('new', reasons)}; END`,
      `CREATE TRIGGER teacher_match_index_a_ai AFTER INSERT ON assignments BEGIN ${refresh('new.teacher_id', reasons)}; END`,
      `CREATE TRIGGER teacher_match_index_a_ad AFTER DELETE ON assignments BEGIN ${refresh('old.teacher_id', reasons)}; END`,
      `CREATE TRIGGER teacher_match_index_a_au AFTER UPDATE OF teacher_id, ended_on, end_reason ON assignments BEGIN ${refresh('old.teacher_id', reasons)}; ${refresh('new.teacher_id', reasons)}; END`,
    ])
      await sql.raw(statement).execute(db);
  } else {
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION teacher_match_index_from_instrument() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP IN ('DELETE', 'UPDATE') THEN
             DELETE FROM teacher_match_index WHERE teacher_id = OLD.teacher_id AND instrument = OLD.instrument;
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             INSERT INTO teacher_match_index (${COLUMNS}) ${rowFrom('NEW', reasons)}
             ON CONFLICT (teacher_id, instrument) DO NOTHING;
           END IF;
           RETURN NULL;
         END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION teacher_match_index_from_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP IN ('DELETE', 'UPDATE') THEN ${refresh('OLD.teacher_id', reasons)}; END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN ${refresh('NEW.teacher_id', reasons)}; END IF;
           RETURN NULL;
         END $$`,
      )
      .execute(db);
  }
  await sql
    .raw(`UPDATE teacher_match_index SET mismatches = ${endingsOf('teacher_match_index.teacher_id', reasons)}`)
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await redefine(db, TEACHER_CAUSED);
  await db.schema.alterTable('assignments').addColumn('choice_reasons', 'text').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('assignments').dropColumn('choice_reasons').execute();
  await redefine(db, `('mismatch')`);
}
