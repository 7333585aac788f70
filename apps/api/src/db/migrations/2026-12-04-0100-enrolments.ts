import type { Kysely } from 'kysely';

/**
 * Enrolment in the school network (issue "School network II"):
 * - `school_registrations`: a family's administrative enrolment at a school for a season (new students). Its rank is
 *   the order of completion (`completed_at`, then id), which decides the timetable-choice waves.
 * - `student_consents`: a student's image rights (none | class | public) and who consented (a guardian for a minor).
 * - `course_enrolments`: one student's place in one course; its status says whether it occupies a seat (held,
 *   confirmed, offered) or not (waiting, declined, released, expired, cancelled). One row per course and student:
 *   a later move (waiting → offered → confirmed) updates it.
 * - `reenrolment_campaigns` and `reenrolment_packs`: the re-enrolment of returning students from one season to the
 *   next, with a priority deadline; one pack per student, with the family's answer.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('school_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('heard_from', 'text')
    .addColumn('data_processing_consent_at', 'text')
    .addColumn('documents_requested', 'text', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('school_registrations_rank_idx')
    .on('school_registrations')
    .columns(['school_id', 'season_id', 'completed_at', 'id'])
    .execute();
  await db.schema
    .createIndex('school_registrations_family_idx')
    .on('school_registrations')
    .columns(['family_id', 'season_id'])
    .execute();
  await db.schema
    .createTable('student_consents')
    .addColumn('student_id', 'text', (c) => c.primaryKey())
    .addColumn('image_rights', 'text', (c) => c.notNull())
    .addColumn('consented_by', 'text')
    .addColumn('consented_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('course_enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id'))
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.references('school_registrations.id'))
    .addColumn('held_until', 'text')
    .addColumn('waiting_since', 'text')
    .addColumn('offer_expires_at', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('cancelled_on', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('course_enrolments_course_student_unique', ['course_id', 'student_id'])
    .execute();
  await db.schema
    .createIndex('course_enrolments_course_status_idx')
    .on('course_enrolments')
    .columns(['course_id', 'status'])
    .execute();
  await db.schema.createIndex('course_enrolments_student_idx').on('course_enrolments').column('student_id').execute();
  await db.schema.createIndex('course_enrolments_family_idx').on('course_enrolments').column('family_id').execute();
  // The sweeps look for what expires: held seats past the deadline, offers past their expiry.
  await db.schema
    .createIndex('course_enrolments_held_idx')
    .on('course_enrolments')
    .columns(['status', 'held_until'])
    .execute();
  await db.schema
    .createIndex('course_enrolments_offer_idx')
    .on('course_enrolments')
    .columns(['status', 'offer_expires_at'])
    .execute();
  await db.schema
    .createTable('reenrolment_campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_season_id', 'text', (c) => c.notNull().references('seasons.id'))
    .addColumn('to_season_id', 'text', (c) => c.notNull().references('seasons.id').unique())
    .addColumn('priority_deadline', 'text', (c) => c.notNull())
    .addColumn('reminder_days', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createTable('reenrolment_packs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('reenrolment_campaigns.id'))
    .addColumn('student_id', 'text', (c) => c.notNull())
    .addColumn('family_id', 'text', (c) => c.notNull().references('families.id'))
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('proposal', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answer_note', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('link_token_hash', 'text', (c) => c.unique())
    .addColumn('sent_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('reenrolment_packs_student_unique', ['campaign_id', 'student_id'])
    .execute();
  await db.schema
    .createIndex('reenrolment_packs_family_idx')
    .on('reenrolment_packs')
    .columns(['family_id', 'campaign_id'])
    .execute();
  await db.schema
    .createIndex('reenrolment_packs_answer_idx')
    .on('reenrolment_packs')
    .columns(['campaign_id', 'school_id', 'answer'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'reenrolment_packs',
    'reenrolment_campaigns',
    'course_enrolments',
    'student_consents',
    'school_registrations',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
