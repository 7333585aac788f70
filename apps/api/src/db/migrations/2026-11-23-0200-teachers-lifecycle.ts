import type { Kysely } from 'kysely';

/**
 * The teachers' lifecycle: applications from the public site, the documents of applicants and teachers,
 * pedagogical meetings with their invitations and attendance, incidents, and suspensions with the votes of a
 * group decision.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('teacher_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('postal_code', 'text')
    .addColumn('city', 'text')
    // JSON arrays: [{instrument, levelMin, levelMax, ageMin, ageMax}], ["jazz"], [{kind, code}], [{weekday, startMinute, endMinute}]
    .addColumn('instruments', 'text', (c) => c.notNull())
    .addColumn('styles', 'text', (c) => c.notNull())
    .addColumn('zones', 'text', (c) => c.notNull())
    .addColumn('availability', 'text', (c) => c.notNull())
    .addColumn('max_travel_km', 'integer')
    .addColumn('teaches_at_home', 'integer', (c) => c.notNull())
    .addColumn('teaches_at_school', 'integer', (c) => c.notNull())
    .addColumn('teaches_online', 'integer', (c) => c.notNull())
    .addColumn('background', 'text', (c) => c.notNull())
    .addColumn('approach', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('interview_background', 'text')
    .addColumn('interview_approach', 'text')
    .addColumn('interview_conditions_explained', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interview_notes', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('teacher_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('teacher_applications_status_idx')
    .on('teacher_applications')
    .columns(['status', 'created_at'])
    .execute();

  // Files of an applicant (CV) or a teacher (diplomas, ID, certificates); the bytes live in the storage backend.
  await db.schema
    .createTable('teacher_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text')
    .addColumn('application_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('uploaded_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teacher_documents_teacher_idx')
    .on('teacher_documents')
    .columns(['teacher_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('teacher_documents_application_idx')
    .on('teacher_documents')
    .column('application_id')
    .execute();

  await db.schema
    .createTable('meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('video_url', 'text')
    .addColumn('facilitator', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .addColumn('attendance_recorded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('meetings_starts_idx').on('meetings').column('starts_at').execute();

  await db.schema
    .createTable('meeting_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id'))
    .addColumn('invited_at', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('responded_at', 'text')
    .addColumn('attended', 'integer')
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_used_at', 'text')
    .addUniqueConstraint('meeting_invitations_meeting_teacher_uq', ['meeting_id', 'teacher_id'])
    .execute();
  await db.schema
    .createIndex('meeting_invitations_teacher_idx')
    .on('meeting_invitations')
    .columns(['teacher_id', 'attended'])
    .execute();

  await db.schema
    .createTable('teacher_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('file_id', 'text')
    .addColumn('family_id', 'text')
    .addColumn('reporter_kind', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text')
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('teacher_incidents_teacher_idx')
    .on('teacher_incidents')
    .columns(['teacher_id', 'occurred_on'])
    .execute();

  // kind temporary|definitive; status: temporary active|lifted, definitive proposed|effective|withdrawn.
  await db.schema
    .createTable('teacher_suspensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.person_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason_code', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text')
    .addColumn('until_condition', 'text')
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_by_name', 'text', (c) => c.notNull())
    .addColumn('effective_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('ended_by_name', 'text')
    .addColumn('end_reason', 'text')
    // One automatic suspension per rule and teacher (`meetings:<teacherId>`): concurrent sweeps insert it once.
    .addColumn('auto_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('teacher_suspensions_teacher_idx')
    .on('teacher_suspensions')
    .columns(['teacher_id', 'status'])
    .execute();

  await db.schema
    .createTable('suspension_votes')
    .addColumn('suspension_id', 'text', (c) => c.notNull().references('teacher_suspensions.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('voter_name', 'text', (c) => c.notNull())
    // approve | object | withdrawn (an objection taken back)
    .addColumn('vote', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('suspension_votes_pk', ['suspension_id', 'user_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'suspension_votes',
    'teacher_suspensions',
    'teacher_incidents',
    'meeting_invitations',
    'meetings',
    'teacher_documents',
    'teacher_applications',
  ])
    await db.schema.dropTable(t).execute();
}
