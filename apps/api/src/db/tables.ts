import type { Generated } from 'kysely';

/**
 * One interface per table. Conventions (docs/ARCHITECTURE.md): ids are UUID text, instants are UTC ISO
 * strings, calendar dates are YYYY-MM-DD, money is integer cents, flags are 0/1 integers so that the same
 * SQL runs on SQLite and PostgreSQL, and every editable record carries a `version` for optimistic locking.
 */
export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  email: string;
  password_hash: string | null;
  display_name: string;
  locale: string;
  status: string;
  person_id: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuthTokensTable {
  id: string;
  token_hash: string;
  user_id: string | null;
  purpose: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface RateEventsTable {
  id: string;
  key: string;
  at: string;
  succeeded: number;
}

export interface FamiliesTable {
  id: string;
  name: string;
  billing_line1: string | null;
  billing_line2: string | null;
  billing_postal_code: string | null;
  billing_city: string | null;
  billing_country: string | null;
  contact_preference: string;
  locale: string;
  notes: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface PeopleTable {
  seq: Generated<number>;
  id: string;
  kind: string;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  family_id: string | null;
  user_id: string | null;
  notes: string | null;
  /** " helene martin": accent-free, lower case, leading space so that LIKE '% ma%' is a word prefix. */
  search_name: string;
  /** e-mail and phone digits (international and national forms) for substring search. */
  search_contact: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TeachersTable {
  person_id: string;
  /** active | suspended (temporary) | excluded (definitive) | inactive */
  status: string;
  bio: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  max_travel_km: number | null;
  teaches_at_home: number | null;
  teaches_at_school: number | null;
  teaches_online: number | null;
  capacity_new_students: number | null;
  address_line1: string | null;
  postal_code: string | null;
  city: string | null;
  insee_code: string | null;
  latitude: number | null;
  longitude: number | null;
  /** JSON array of style names */
  styles: string | null;
  status_reason: string | null;
  status_until: string | null;
}

/** Levels are ordinals: 1 beginner, 2 intermediate, 3 advanced. Ages in whole years. */
export interface TeacherInstrumentsTable {
  teacher_id: string;
  instrument: string;
  level_min: number;
  level_max: number;
  age_min: number;
  age_max: number;
}

/** kind: commune (INSEE code) | postal_code | department */
export interface TeacherZonesTable {
  teacher_id: string;
  kind: string;
  code: string;
}

/** weekday 1 = Monday … 7 = Sunday; minutes from midnight, local time. */
export interface TeacherAvailabilityTable {
  teacher_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface PlansTable {
  id: string;
  name: string;
  lesson_minutes: number;
  /** weekly | fortnightly */
  frequency: string;
  lessons_per_season: number;
  price_cents: number;
  /** monthly | termly | yearly */
  billing_period: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A student's file (dossier) in the agency loop. */
export interface LessonFilesTable {
  id: string;
  family_id: string;
  student_id: string;
  /** new_request | subscribed | matching | contact_handed_over | first_lesson_scheduled | ongoing | closed */
  stage: string;
  stage_changed_at: string;
  /** sales | recruitment | followup | accounts */
  owner_service: string;
  /** public | phone */
  source: string;
  instrument: string;
  level: number;
  goals: string | null;
  /** home | school | online */
  place: string;
  address_line1: string | null;
  postal_code: string | null;
  city: string | null;
  insee_code: string | null;
  latitude: number | null;
  longitude: number | null;
  lesson_minutes: number;
  frequency: string;
  teacher_wishes: string | null;
  styles: string | null;
  closed_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface FileSlotsTable {
  file_id: string;
  weekday: number;
  start_minute: number;
  end_minute: number;
}

export interface SubscriptionsTable {
  id: string;
  file_id: string;
  family_id: string;
  student_id: string;
  plan_id: string;
  /** pending (no teacher yet, never billable) | active | ended */
  status: string;
  subscribed_on: string;
  /** the hand-over date: billing may start from here, never before */
  billable_from: string | null;
  /** the latest date of the first debit (hand-over + setting, default 9 days) */
  first_debit_by: string | null;
  ended_on: string | null;
  on_hold: number;
  hold_reason: string | null;
  hold_since: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface LessonsTable {
  id: string;
  assignment_id: string;
  file_id: string | null;
  teacher_id: string;
  student_id: string;
  family_id: string;
  lesson_date: string;
  minutes: number;
  /** done | cancelled_by_teacher | cancelled_by_family | late */
  status: string;
  /** home | school | online (tax certificates count home lessons only) */
  place: string | null;
  /** null | confirmed | disputed */
  family_response: string | null;
  dispute_reason: string | null;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AssignmentsTable {
  id: string;
  student_id: string;
  teacher_id: string;
  family_id: string;
  started_on: string;
  ended_on: string | null;
  end_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  file_id: string | null;
  handed_over_at: string | null;
  first_lesson_on: string | null;
  first_lesson_recorded_by: string | null;
  could_not_reach_at: string | null;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  changes: string;
  summary: string | null;
}

export interface ContactLogTable {
  id: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  channel: string;
  direction: string | null;
  person_id: string | null;
  family_id: string | null;
  subject_type: string | null;
  subject_id: string | null;
  summary: string;
  outcome: string | null;
}

export interface OutboxTable {
  id: string;
  created_at: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  locale: string;
  template: string;
  status: string;
  sent_at: string | null;
  error: string | null;
  related_type: string | null;
  related_id: string | null;
}

export interface JobLocksTable {
  name: string;
  locked_until: string;
  locked_by: string;
}

export interface TasksTable {
  id: string;
  /** e.g. first-lesson-reminder, no-lesson-while-billable, check-in, call-both-sides, debit-hold */
  kind: string;
  /** the service that owns it: sales | recruitment | followup | accounts | secretariat */
  service: string;
  title: string;
  details: string | null;
  due_on: string;
  /** open | done | cancelled */
  status: string;
  file_id: string | null;
  family_id: string | null;
  teacher_id: string | null;
  /** one task per rule and occurrence: a sweep that runs twice creates it once */
  dedupe_key: string | null;
  assignee_user_id: string | null;
  done_at: string | null;
  done_by: string | null;
  outcome: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface DB {
  settings: SettingsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  rate_events: RateEventsTable;
  families: FamiliesTable;
  people: PeopleTable;
  teachers: TeachersTable;
  teacher_instruments: TeacherInstrumentsTable;
  teacher_zones: TeacherZonesTable;
  teacher_availability: TeacherAvailabilityTable;
  plans: PlansTable;
  lesson_files: LessonFilesTable;
  file_slots: FileSlotsTable;
  subscriptions: SubscriptionsTable;
  lessons: LessonsTable;
  assignments: AssignmentsTable;
  audit_log: AuditLogTable;
  contact_log: ContactLogTable;
  outbox: OutboxTable;
  job_locks: JobLocksTable;
  tasks: TasksTable;
}
