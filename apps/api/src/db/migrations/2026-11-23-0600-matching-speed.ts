import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../migration-helpers.js';

/**
 * Matching reads everything it needs about a teacher from their teacher_match_index row (migration 0400), so that a
 * request costs one index range and no per-teacher joins: the name and styles, the availability as
 * "weekday:start:end" windows joined by commas, the number of open assignments (ranking counts those started
 * recently only when there is one) and of assignments ended for mismatch. Triggers keep them in step with
 * people, teachers, teacher_availability and assignments, on both engines; every value is recomputed from its
 * source rather than incremented, so a row is right whatever order the writes come in.
 */
const COPIED = [
  'status',
  'latitude',
  'longitude',
  'max_travel_km',
  'capacity_new_students',
  'teaches_at_home',
  'teaches_at_school',
  'teaches_online',
] as const;
const COPIED_NOW = [...COPIED, 'styles'] as const;
const TRIGGERS_0400 = ['teacher_match_index_ti_ai', 'teacher_match_index_ti_au', 'teacher_match_index_t_au'];
const NEW_SQLITE_TRIGGERS = [
  'teacher_match_index_p_au',
  'teacher_match_index_av_ai',
  'teacher_match_index_av_ad',
  'teacher_match_index_av_au',
  'teacher_match_index_a_ai',
  'teacher_match_index_a_ad',
  'teacher_match_index_a_au',
];

/** The derived values of one teacher, `id` an SQL expression naming them. */
const availabilityOf = (id: string) =>
  `(SELECT string_agg(CAST(av.weekday AS text) || ':' || CAST(av.start_minute AS text) || ':' || CAST(av.end_minute AS text), ',') FROM teacher_availability av WHERE av.teacher_id = ${id})`;
const openAssignmentsOf = (id: string) =>
  `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ${id} AND a.ended_on IS NULL)`;
const mismatchesOf = (id: string) =>
  `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ${id} AND a.end_reason = 'mismatch')`;

const COLUMNS = `teacher_id, instrument, level_min, level_max, age_min, age_max, ${COPIED_NOW.join(', ')}, first_name, last_name, availability, open_assignments, mismatches`;
/** The full row of one teacher_instruments row `row` (NEW, or a table alias for the backfill). */
const rowFrom = (row: string) =>
  `SELECT ${row}.teacher_id, ${row}.instrument, ${row}.level_min, ${row}.level_max, ${row}.age_min, ${row}.age_max, ${COPIED_NOW.map((c) => `t.${c}`).join(', ')}, p.first_name, p.last_name, ` +
  `${availabilityOf(`${row}.teacher_id`)}, ${openAssignmentsOf(`${row}.teacher_id`)}, ${mismatchesOf(`${row}.teacher_id`)} ` +
  `FROM teachers t JOIN people p ON p.id = t.person_id WHERE t.person_id = ${row}.teacher_id`;
const refreshAvailability = (id: string) =>
  `UPDATE teacher_match_index SET availability = ${availabilityOf(id)} WHERE teacher_id = ${id}`;
const refreshAssignments = (id: string) =>
  `UPDATE teacher_match_index SET open_assignments = ${openAssignmentsOf(id)}, mismatches = ${mismatchesOf(id)} WHERE teacher_id = ${id}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite adds one at a time.
  for (const column of ['first_name', 'last_name', 'styles', 'availability'])
    await db.schema.alterTable('teacher_match_index').addColumn(column, 'text').execute();
  for (const column of ['open_assignments', 'mismatches'])
    await db.schema
      .alterTable('teacher_match_index')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

  // The longest travel distance of any teacher (a read of the index's last entry): no box needs to be wider.
  await db.schema
    .createIndex('teacher_match_index_travel_idx')
    .on('teacher_match_index')
    .column('max_travel_km')
    .execute();

  // The rows already there, rebuilt rather than updated in place: on PostgreSQL an update of every row would leave
  // a dead copy of each behind (and in the box index) until a vacuum, which a migration's transaction cannot run.
  await sql.raw(isSqlite(db) ? 'DELETE FROM teacher_match_index' : 'TRUNCATE teacher_match_index').execute(db);
  await sql
    .raw(
      `INSERT INTO teacher_match_index (${COLUMNS}) SELECT ti.teacher_id, ti.instrument, ti.level_min, ti.level_max, ti.age_min, ti.age_max, ${COPIED_NOW.map((c) => `t.${c}`).join(', ')}, p.first_name, p.last_name, ` +
        `${availabilityOf('ti.teacher_id')}, ${openAssignmentsOf('ti.teacher_id')}, ${mismatchesOf('ti.teacher_id')} FROM teacher_instruments ti JOIN teachers t ON t.person_id = ti.teacher_id JOIN people p ON p.id = t.person_id`,
    )
    .execute(db);
  if (!isSqlite(db)) await sql`ANALYZE teacher_match_index`.execute(db);

  if (isSqlite(db)) {
    for (const name of TRIGGERS_0400) await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    const statements = [
      `CREATE TRIGGER teacher_match_index_ti_ai AFTER INSERT ON teacher_instruments BEGIN INSERT OR REPLACE INTO teacher_match_index (${COLUMNS}) ${rowFrom('new')}; END`,
      `CREATE TRIGGER teacher_match_index_ti_au AFTER UPDATE ON teacher_instruments BEGIN DELETE FROM teacher_match_index WHERE teacher_id = old.teacher_id AND instrument = old.instrument; INSERT OR REPLACE INTO teacher_match_index (${COLUMNS}) ${rowFrom('new')}; END`,
      `CREATE TRIGGER teacher_match_index_t_au AFTER UPDATE OF ${COPIED_NOW.join(', ')} ON teachers BEGIN UPDATE teacher_match_index SET ${COPIED_NOW.map((c) => `${c} = new.${c}`).join(', ')} WHERE teacher_id = new.person_id; END`,
      `CREATE TRIGGER teacher_match_index_p_au AFTER UPDATE OF first_name, last_name ON people BEGIN UPDATE teacher_match_index SET first_name = new.first_name, last_name = new.last_name WHERE teacher_id = new.id; END`,
      `CREATE TRIGGER teacher_match_index_av_ai AFTER INSERT ON teacher_availability BEGIN ${refreshAvailability('new.teacher_id')}; END`,
      `CREATE TRIGGER teacher_match_index_av_ad AFTER DELETE ON teacher_availability BEGIN ${refreshAvailability('old.teacher_id')}; END`,
      `CREATE TRIGGER teacher_match_index_av_au AFTER UPDATE ON teacher_availability BEGIN ${refreshAvailability('old.teacher_id')}; ${refreshAvailability('new.teacher_id')}; END`,
      `CREATE TRIGGER teacher_match_index_a_ai AFTER INSERT ON assignments BEGIN ${refreshAssignments('new.teacher_id')}; END`,
      `CREATE TRIGGER teacher_match_index_a_ad AFTER DELETE ON assignments BEGIN ${refreshAssignments('old.teacher_id')}; END`,
      `CREATE TRIGGER teacher_match_index_a_au AFTER UPDATE OF teacher_id, ended_on, end_reason ON assignments BEGIN ${refreshAssignments('old.teacher_id')}; ${refreshAssignments('new.teacher_id')}; END`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
    return;
  }

  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION teacher_match_index_from_instrument() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           DELETE FROM teacher_match_index WHERE teacher_id = OLD.teacher_id AND instrument = OLD.instrument;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO teacher_match_index (${COLUMNS}) ${rowFrom('NEW')}
           ON CONFLICT (teacher_id, instrument) DO NOTHING;
         END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE OR REPLACE FUNCTION teacher_match_index_from_teacher() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE teacher_match_index SET ${COPIED_NOW.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE teacher_id = NEW.person_id;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql`DROP TRIGGER IF EXISTS teacher_match_index_t ON teachers`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_t AFTER UPDATE OF ${COPIED_NOW.join(', ')} ON teachers FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_teacher()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION teacher_match_index_from_person() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE teacher_match_index SET first_name = NEW.first_name, last_name = NEW.last_name WHERE teacher_id = NEW.id;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_p AFTER UPDATE OF first_name, last_name ON people FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_person()`,
    )
    .execute(db);
  for (const [source, refresh] of [
    ['availability', refreshAvailability],
    ['assignment', refreshAssignments],
  ] as const) {
    await sql
      .raw(
        `CREATE FUNCTION teacher_match_index_from_${source}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP IN ('DELETE', 'UPDATE') THEN ${refresh('OLD.teacher_id')}; END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN ${refresh('NEW.teacher_id')}; END IF;
           RETURN NULL;
         END $$`,
      )
      .execute(db);
  }
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_av AFTER INSERT OR UPDATE OR DELETE ON teacher_availability FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_availability()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_a AFTER INSERT OR UPDATE OF teacher_id, ended_on, end_reason OR DELETE ON assignments FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_assignment()`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  const columns0400 = `teacher_id, instrument, level_min, level_max, age_min, age_max, ${COPIED.join(', ')}`;
  const row0400 = (row: string) =>
    `SELECT ${row}.teacher_id, ${row}.instrument, ${row}.level_min, ${row}.level_max, ${row}.age_min, ${row}.age_max, ${COPIED.map((c) => `t.${c}`).join(', ')} FROM teachers t WHERE t.person_id = ${row}.teacher_id`;
  if (isSqlite(db)) {
    for (const name of [...TRIGGERS_0400, ...NEW_SQLITE_TRIGGERS])
      await sql.raw(`DROP TRIGGER IF EXISTS ${name}`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_ti_ai AFTER INSERT ON teacher_instruments BEGIN INSERT OR REPLACE INTO teacher_match_index (${columns0400}) ${row0400('new')}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_ti_au AFTER UPDATE ON teacher_instruments BEGIN DELETE FROM teacher_match_index WHERE teacher_id = old.teacher_id AND instrument = old.instrument; INSERT OR REPLACE INTO teacher_match_index (${columns0400}) ${row0400('new')}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_t_au AFTER UPDATE OF ${COPIED.join(', ')} ON teachers BEGIN UPDATE teacher_match_index SET ${COPIED.map((c) => `${c} = new.${c}`).join(', ')} WHERE teacher_id = new.person_id; END`,
      )
      .execute(db);
  } else {
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_p ON people`.execute(db);
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_av ON teacher_availability`.execute(db);
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_a ON assignments`.execute(db);
    for (const source of ['person', 'availability', 'assignment'])
      await sql.raw(`DROP FUNCTION IF EXISTS teacher_match_index_from_${source}()`).execute(db);
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION teacher_match_index_from_instrument() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF TG_OP IN ('DELETE', 'UPDATE') THEN
             DELETE FROM teacher_match_index WHERE teacher_id = OLD.teacher_id AND instrument = OLD.instrument;
           END IF;
           IF TG_OP IN ('INSERT', 'UPDATE') THEN
             INSERT INTO teacher_match_index (${columns0400}) ${row0400('NEW')}
             ON CONFLICT (teacher_id, instrument) DO NOTHING;
           END IF;
           RETURN NULL;
         END $$`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE OR REPLACE FUNCTION teacher_match_index_from_teacher() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           UPDATE teacher_match_index SET ${COPIED.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE teacher_id = NEW.person_id;
           RETURN NULL;
         END $$`,
      )
      .execute(db);
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_t ON teachers`.execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_t AFTER UPDATE OF ${COPIED.join(', ')} ON teachers FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_teacher()`,
      )
      .execute(db);
  }
  await db.schema.dropIndex('teacher_match_index_travel_idx').execute();
  for (const column of ['first_name', 'last_name', 'styles', 'availability', 'open_assignments', 'mismatches'])
    await db.schema.alterTable('teacher_match_index').dropColumn(column).execute();
}
