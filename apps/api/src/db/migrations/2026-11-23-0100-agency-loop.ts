import type { Kysely } from 'kysely';

/**
 * The agency loop: duplicate flags on requests, the stage history of each file, external candidates found by
 * recruitment, signed single-use links for families and teachers, once-only sweep actions (reminders), and
 * tickets handed to accounts.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  // A request whose e-mail or phone matches a known person is stored but flagged, never silently duplicated.
  await db.schema.alterTable('lesson_files').addColumn('duplicate_family_id', 'text').execute();
  await db.schema.alterTable('lesson_files').addColumn('reference', 'text').execute();

  await db.schema
    .createTable('file_stage_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('lesson_files.id').onDelete('cascade'))
    .addColumn('from_stage', 'text')
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'text')
    .addColumn('actor_name', 'text')
    .execute();
  await db.schema
    .createIndex('file_stage_events_file_idx')
    .on('file_stage_events')
    .columns(['file_id', 'at'])
    .execute();
  await db.schema.createIndex('file_stage_events_to_idx').on('file_stage_events').columns(['to_stage', 'at']).execute();

  await db.schema
    .createTable('external_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('lesson_files.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('external_candidates_file_idx').on('external_candidates').column('file_id').execute();

  // Signed links in e-mails: the secret is only in the e-mail; the table keeps its hash.
  await db.schema
    .createTable('access_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('lesson_files.id').onDelete('cascade'))
    .addColumn('assignment_id', 'text')
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('access_links_file_idx').on('access_links').column('file_id').execute();

  // One row per automatic action and occurrence (e.g. the day-5 reminder of one assignment to the family):
  // the unique key makes a second sweep, even a concurrent one, skip what the first did.
  await db.schema
    .createTable('sweep_actions')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text')
    .addColumn('done_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.references('lesson_files.id').onDelete('set null'))
    .addColumn('family_id', 'text')
    .addColumn('teacher_id', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text')
    .addColumn('return_to_service', 'text')
    .addColumn('solved_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('tickets_status_idx').on('tickets').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('tickets_file_idx').on('tickets').column('file_id').execute();

  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_messages_ticket_idx')
    .on('ticket_messages')
    .columns(['ticket_id', 'at'])
    .execute();

  // Matching prefilters by place; the lessons-per-file lookups back the "no lesson while billable" marker.
  await db.schema
    .createIndex('teachers_status_geo_idx')
    .on('teachers')
    .columns(['status', 'latitude', 'longitude'])
    .execute();
  await db.schema.createIndex('lessons_file_idx').on('lessons').columns(['file_id', 'lesson_date']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'ticket_messages',
    'tickets',
    'sweep_actions',
    'access_links',
    'external_candidates',
    'file_stage_events',
  ])
    await db.schema.dropTable(t).execute();
}
