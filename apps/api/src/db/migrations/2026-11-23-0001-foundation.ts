import { sql, type Kysely } from 'kysely';
import { isSqlite } from '../migration-helpers.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time and must not depend on today's table types
export async function up(db: Kysely<any>): Promise<void> {
  const sqlite = isSqlite(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roles_pk', ['user_id', 'role'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('auth_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('rate_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_events_key_at_idx').on('rate_events').columns(['key', 'at']).execute();

  await db.schema
    .createTable('families')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('billing_line1', 'text')
    .addColumn('billing_line2', 'text')
    .addColumn('billing_postal_code', 'text')
    .addColumn('billing_city', 'text')
    .addColumn('billing_country', 'text')
    .addColumn('contact_preference', 'text', (c) => c.notNull().defaultTo('email'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('families_name_idx').on('families').columns(['name', 'id']).execute();

  // `seq` is the stable integer key the SQLite full-text index needs (a rowid alias survives VACUUM).
  let people = db.schema.createTable('people');
  people = sqlite
    ? people
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', 'text', (c) => c.notNull().unique())
    : people.addColumn('id', 'text', (c) => c.primaryKey()).addColumn('seq', 'bigserial', (c) => c.notNull().unique());
  await people
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('family_id', 'text', (c) => c.references('families.id').onDelete('restrict'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('notes', 'text')
    .addColumn('search_name', 'text', (c) => c.notNull())
    .addColumn('search_contact', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('people_family_idx').on('people').column('family_id').execute();
  await db.schema.createIndex('people_email_idx').on('people').column('email').execute();
  await db.schema.createIndex('people_phone_idx').on('people').column('phone').execute();
  await db.schema.createIndex('people_user_idx').on('people').column('user_id').execute();
  await db.schema
    .createIndex('people_kind_name_idx')
    .on('people')
    .columns(['kind', 'last_name', 'first_name', 'id'])
    .execute();

  if (sqlite) {
    await sql`CREATE VIRTUAL TABLE people_name_fts USING fts5(search_name, content='people', content_rowid='seq', tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')`.execute(
      db,
    );
    await sql`CREATE VIRTUAL TABLE people_contact_fts USING fts5(search_contact, content='people', content_rowid='seq', tokenize='trigram')`.execute(
      db,
    );
    await sql`CREATE TRIGGER people_fts_ai AFTER INSERT ON people BEGIN
      INSERT INTO people_name_fts(rowid, search_name) VALUES (new.seq, new.search_name);
      INSERT INTO people_contact_fts(rowid, search_contact) VALUES (new.seq, new.search_contact);
    END`.execute(db);
    await sql`CREATE TRIGGER people_fts_ad AFTER DELETE ON people BEGIN
      INSERT INTO people_name_fts(people_name_fts, rowid, search_name) VALUES ('delete', old.seq, old.search_name);
      INSERT INTO people_contact_fts(people_contact_fts, rowid, search_contact) VALUES ('delete', old.seq, old.search_contact);
    END`.execute(db);
    await sql`CREATE TRIGGER people_fts_au AFTER UPDATE OF search_name, search_contact ON people BEGIN
      INSERT INTO people_name_fts(people_name_fts, rowid, search_name) VALUES ('delete', old.seq, old.search_name);
      INSERT INTO people_contact_fts(people_contact_fts, rowid, search_contact) VALUES ('delete', old.seq, old.search_contact);
      INSERT INTO people_name_fts(rowid, search_name) VALUES (new.seq, new.search_name);
      INSERT INTO people_contact_fts(rowid, search_contact) VALUES (new.seq, new.search_contact);
    END`.execute(db);
  } else {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE INDEX people_search_name_trgm ON people USING gin (search_name gin_trgm_ops)`.execute(db);
    await sql`CREATE INDEX people_search_contact_trgm ON people USING gin (search_contact gin_trgm_ops)`.execute(db);
  }

  await db.schema
    .createTable('teachers')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('people.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('bio', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('assignments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('started_on', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('assignments_teacher_idx')
    .on('assignments')
    .columns(['teacher_id', 'ended_on'])
    .execute();
  await db.schema.createIndex('assignments_student_idx').on('assignments').column('student_id').execute();
  await db.schema.createIndex('assignments_family_idx').on('assignments').column('family_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id', 'at']).execute();

  await db.schema
    .createTable('contact_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('direction', 'text')
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('family_id', 'text', (c) => c.references('families.id').onDelete('cascade'))
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .execute();
  await db.schema.createIndex('contact_person_idx').on('contact_log').columns(['person_id', 'at']).execute();
  await db.schema.createIndex('contact_family_idx').on('contact_log').columns(['family_id', 'at']).execute();
  await db.schema
    .createIndex('contact_subject_idx')
    .on('contact_log')
    .columns(['subject_type', 'subject_id', 'at'])
    .execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('error', 'text')
    .addColumn('related_type', 'text')
    .addColumn('related_id', 'text')
    .execute();
  await db.schema.createIndex('outbox_created_idx').on('outbox').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('outbox_to_idx').on('outbox').column('to_address').execute();

  await db.schema
    .createTable('job_locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('locked_until', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job_locks', 'outbox', 'contact_log', 'audit_log', 'assignments', 'teachers'])
    await db.schema.dropTable(t).execute();
  if (isSqlite(db)) {
    await sql`DROP TABLE people_name_fts`.execute(db);
    await sql`DROP TABLE people_contact_fts`.execute(db);
  }
  for (const t of ['people', 'families', 'rate_events', 'auth_tokens', 'sessions', 'user_roles', 'users', 'settings'])
    await db.schema.dropTable(t).execute();
}
