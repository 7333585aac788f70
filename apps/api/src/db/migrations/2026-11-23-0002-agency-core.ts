import type { Kysely } from 'kysely';

/**
 * The shared core of the agency: teacher profiles for matching, plans, students' files (dossiers), subscriptions
 * and lessons. The agency loop, the teachers' lifecycle and billing all build on these tables.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  // Teacher profile: where and how they teach, how many new students they can take.
  for (const [name, type] of [
    ['max_travel_km', 'integer'],
    ['teaches_at_home', 'integer'],
    ['teaches_at_school', 'integer'],
    ['teaches_online', 'integer'],
    ['capacity_new_students', 'integer'],
    ['address_line1', 'text'],
    ['postal_code', 'text'],
    ['city', 'text'],
    ['insee_code', 'text'],
    ['latitude', 'real'],
    ['longitude', 'real'],
    ['styles', 'text'],
    ['status_reason', 'text'],
    ['status_until', 'text'],
  ] as const) {
    await db.schema.alterTable('teachers').addColumn(name, type).execute();
  }

  await db.schema
    .createTable('teacher_instruments')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id').onDelete('cascade'))
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('level_min', 'integer', (c) => c.notNull())
    .addColumn('level_max', 'integer', (c) => c.notNull())
    .addColumn('age_min', 'integer', (c) => c.notNull())
    .addColumn('age_max', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('teacher_instruments_pk', ['teacher_id', 'instrument'])
    .execute();
  await db.schema
    .createIndex('teacher_instruments_instrument_idx')
    .on('teacher_instruments')
    .columns(['instrument', 'teacher_id'])
    .execute();

  await db.schema
    .createTable('teacher_zones')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teacher_zones_pk', ['teacher_id', 'kind', 'code'])
    .execute();
  await db.schema.createIndex('teacher_zones_code_idx').on('teacher_zones').columns(['kind', 'code']).execute();

  await db.schema
    .createTable('teacher_availability')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teacher_availability_teacher_idx')
    .on('teacher_availability')
    .column('teacher_id')
    .execute();

  await db.schema
    .createTable('plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lesson_minutes', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('lessons_per_season', 'integer', (c) => c.notNull())
    .addColumn('price_cents', 'integer', (c) => c.notNull())
    .addColumn('billing_period', 'text', (c) => c.notNull().defaultTo('monthly'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // A student's file (dossier): one request, its stage in the pipeline, and everything matching needs.
  await db.schema
    .createTable('lesson_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('stage_changed_at', 'text', (c) => c.notNull())
    .addColumn('owner_service', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('instrument', 'text', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('goals', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('address_line1', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    .addColumn('insee_code', 'text')
    .addColumn('latitude', 'real')
    .addColumn('longitude', 'real')
    .addColumn('lesson_minutes', 'integer', (c) => c.notNull())
    .addColumn('frequency', 'text', (c) => c.notNull())
    .addColumn('teacher_wishes', 'text')
    .addColumn('styles', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('lesson_files_stage_idx')
    .on('lesson_files')
    .columns(['stage', 'stage_changed_at', 'id'])
    .execute();
  await db.schema.createIndex('lesson_files_family_idx').on('lesson_files').column('family_id').execute();
  await db.schema.createIndex('lesson_files_student_idx').on('lesson_files').column('student_id').execute();

  await db.schema
    .createTable('file_slots')
    .addColumn('file_id', 'text', (c) => c.notNull().references('lesson_files.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('file_slots_file_idx').on('file_slots').column('file_id').execute();

  // The billing clock starts at the hand-over: billable_from is its date, first_debit_by the latest first debit.
  await db.schema
    .createTable('subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_id', 'text', (c) => c.notNull().references('lesson_files.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subscribed_on', 'text', (c) => c.notNull())
    .addColumn('billable_from', 'text')
    .addColumn('first_debit_by', 'text')
    .addColumn('ended_on', 'text')
    .addColumn('on_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hold_reason', 'text')
    .addColumn('hold_since', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('subscriptions_family_idx').on('subscriptions').column('family_id').execute();
  await db.schema.createIndex('subscriptions_file_idx').on('subscriptions').column('file_id').execute();
  await db.schema
    .createIndex('subscriptions_status_idx')
    .on('subscriptions')
    .columns(['status', 'billable_from'])
    .execute();

  for (const [name, type] of [
    ['file_id', 'text'],
    ['handed_over_at', 'text'],
    ['first_lesson_on', 'text'],
    ['first_lesson_recorded_by', 'text'],
    ['could_not_reach_at', 'text'],
  ] as const) {
    await db.schema.alterTable('assignments').addColumn(name, type).execute();
  }
  await db.schema.createIndex('assignments_file_idx').on('assignments').column('file_id').execute();

  await db.schema
    .createTable('lessons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
    .addColumn('file_id', 'text')
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('student_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('lesson_date', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('family_response', 'text')
    .addColumn('dispute_reason', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('lessons_teacher_date_idx')
    .on('lessons')
    .columns(['teacher_id', 'lesson_date'])
    .execute();
  await db.schema.createIndex('lessons_family_date_idx').on('lessons').columns(['family_id', 'lesson_date']).execute();
  await db.schema
    .createIndex('lessons_assignment_idx')
    .on('lessons')
    .columns(['assignment_id', 'lesson_date'])
    .execute();
  await db.schema.createIndex('lessons_date_idx').on('lessons').column('lesson_date').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'lessons',
    'subscriptions',
    'file_slots',
    'lesson_files',
    'plans',
    'teacher_availability',
    'teacher_zones',
    'teacher_instruments',
  ])
    await db.schema.dropTable(t).execute();
}
