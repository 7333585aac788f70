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
  status: string;
  bio: string | null;
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
  assignments: AssignmentsTable;
  audit_log: AuditLogTable;
  contact_log: ContactLogTable;
  outbox: OutboxTable;
  job_locks: JobLocksTable;
}
