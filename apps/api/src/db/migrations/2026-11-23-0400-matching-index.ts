import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../migration-helpers.js';

/**
 * Matching reads one row per (teacher, instrument) keyed (instrument, status, latitude, longitude): the bounding
 * box of a request then walks a short index range instead of every teacher of the instrument, or every teacher in
 * a band of latitude across France. The rows are denormalised from `teacher_instruments` and `teachers` and kept
 * in step by triggers, so every write of a profile (the profile form, applications, status changes, the seed)
 * maintains them without knowing they exist.
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher_match_index')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id').onDelete('cascade'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('level_min', 'integer', (c) => c.notNull())
    .addColumn('level_max', 'integer', (c) => c.notNull())
    .addColumn('age_min', 'integer', (c) => c.notNull())
    .addColumn('age_max', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('max_travel_km', 'integer')
    .addColumn('capacity_new_students', 'integer')
    .addColumn('teaches_at_home', 'integer')
    .addColumn('teaches_at_school', 'integer')
    .addColumn('teaches_online', 'integer')
    .addPrimaryKeyConstraint('teacher_match_index_pk', ['teacher_id', 'instrument'])
    .execute();
  await db.schema
    .createIndex('teacher_match_index_geo_idx')
    .on('teacher_match_index')
    .columns(['instrument', 'status', 'latitude', 'longitude'])
    .execute();

  // Keyset pages found scanning and sorting at 1M people (bench `lists`): the teachers directory orders by
  // (last_name, id) within kind; a families page reads its members' names (covering, no table lookups); the files
  // list orders by (stage_changed_at, id) across all stages.
  await db.schema.createIndex('people_kind_last_id_idx').on('people').columns(['kind', 'last_name', 'id']).execute();
  await db.schema
    .createIndex('people_family_members_idx')
    .on('people')
    .columns(['family_id', 'kind', 'first_name', 'last_name'])
    .execute();
  await db.schema
    .createIndex('lesson_files_changed_idx')
    .on('lesson_files')
    .columns(['stage_changed_at', 'id'])
    .execute();

  const columns = `teacher_id, instrument, level_min, level_max, age_min, age_max, ${COPIED.join(', ')}`;
  const fromInstrument = (row: 'new' | 'NEW') =>
    `SELECT ${row}.teacher_id, ${row}.instrument, ${row}.level_min, ${row}.level_max, ${row}.age_min, ${row}.age_max, ${COPIED.map((c) => `t.${c}`).join(', ')} FROM teachers t WHERE t.person_id = ${row}.teacher_id`;
  const copyTeacher = (row: 'new' | 'NEW') => COPIED.map((c) => `${c} = ${row}.${c}`).join(', ');

  await sql
    .raw(
      `INSERT INTO teacher_match_index (${columns}) SELECT ti.teacher_id, ti.instrument, ti.level_min, ti.level_max, ti.age_min, ti.age_max, ${COPIED.map((c) => `t.${c}`).join(', ')} FROM teacher_instruments ti JOIN teachers t ON t.person_id = ti.teacher_id`,
    )
    .execute(db);

  if (isSqlite(db)) {
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_ti_ai AFTER INSERT ON teacher_instruments BEGIN INSERT OR REPLACE INTO teacher_match_index (${columns}) ${fromInstrument('new')}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_ti_ad AFTER DELETE ON teacher_instruments BEGIN DELETE FROM teacher_match_index WHERE teacher_id = old.teacher_id AND instrument = old.instrument; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_ti_au AFTER UPDATE ON teacher_instruments BEGIN DELETE FROM teacher_match_index WHERE teacher_id = old.teacher_id AND instrument = old.instrument; INSERT OR REPLACE INTO teacher_match_index (${columns}) ${fromInstrument('new')}; END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER teacher_match_index_t_au AFTER UPDATE OF ${COPIED.join(', ')} ON teachers BEGIN UPDATE teacher_match_index SET ${copyTeacher('new')} WHERE teacher_id = new.person_id; END`,
      )
      .execute(db);
    return;
  }
  await sql
    .raw(
      `CREATE FUNCTION teacher_match_index_from_instrument() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'UPDATE') THEN
           DELETE FROM teacher_match_index WHERE teacher_id = OLD.teacher_id AND instrument = OLD.instrument;
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           INSERT INTO teacher_match_index (${columns}) ${fromInstrument('NEW')}
           ON CONFLICT (teacher_id, instrument) DO NOTHING;
         END IF;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_ti AFTER INSERT OR UPDATE OR DELETE ON teacher_instruments FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_instrument()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION teacher_match_index_from_teacher() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE teacher_match_index SET ${copyTeacher('NEW')} WHERE teacher_id = NEW.person_id;
         RETURN NULL;
       END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER teacher_match_index_t AFTER UPDATE OF ${COPIED.join(', ')} ON teachers FOR EACH ROW EXECUTE FUNCTION teacher_match_index_from_teacher()`,
    )
    .execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  if (!isSqlite(db)) {
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_ti ON teacher_instruments`.execute(db);
    await sql`DROP TRIGGER IF EXISTS teacher_match_index_t ON teachers`.execute(db);
    await sql`DROP FUNCTION IF EXISTS teacher_match_index_from_instrument()`.execute(db);
    await sql`DROP FUNCTION IF EXISTS teacher_match_index_from_teacher()`.execute(db);
  }
  await db.schema.dropTable('teacher_match_index').execute();
  for (const index of ['people_kind_last_id_idx', 'people_family_members_idx', 'lesson_files_changed_idx'])
    await db.schema.dropIndex(index).execute();
}
