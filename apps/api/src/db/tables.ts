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

/** One login attempt: counted per (email, address), per address and per email (modules/auth/login-limits.ts). */
export interface LoginAttemptsTable {
  id: string;
  email: string;
  address: string;
  at: string;
  outcome: 'pending' | 'failed' | 'cleared' | 'succeeded';
  retry_at: string;
}

/** Lock rows: checking a limit and recording the attempt lock the buckets of their keys first (platform/rate-limit). */
export interface RateLocksTable {
  bucket: number;
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
  /** migration 2026-12-06: how the family is told of absences: each | weekly | never */
  absence_notices: Generated<string>;
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
  /** agency loop: a known family with the same e-mail or phone, until staff merge or keep the request apart */
  duplicate_family_id: string | null;
  /** agency loop: short public reference given to the family (e.g. "R-7K2Q9") */
  reference: string | null;
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
  /** migration 2026-12-03-0300: why this teacher was chosen (JSON `ChoiceReasons`), kept from the hand-over */
  choice_reasons?: string | null;
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
  /**
   * migration 2026-12-01: the body as the recipient gets it, personal links included, kept only until the SMTP
   * server took the message (text_body is the stored copy staff read, links hidden outside demo mode)
   */
  delivery_text: string | null;
  delivery_html: string | null;
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
  /** the school a secretariat's task belongs to: staff assigned to other schools do not see it */
  school_id: string | null;
  /** one task per rule and occurrence: a sweep that runs twice creates it once */
  dedupe_key: string | null;
  assignee_user_id: string | null;
  done_at: string | null;
  done_by: string | null;
  outcome: string | null;
  /** how a task done by hand ended: done | not_needed | unreachable (null when a rule closed it) */
  outcome_kind: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** Teachers' lifecycle: an application from the public site, through interview to a decision. */
export interface TeacherApplicationsTable {
  id: string;
  /** new | called | interview_done | accepted | declined | withdrawn */
  status: string;
  status_changed_at: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  locale: string;
  postal_code: string | null;
  city: string | null;
  /** JSON [{instrument, levelMin, levelMax, ageMin, ageMax}] */
  instruments: string;
  /** JSON string[] */
  styles: string;
  /** JSON [{kind, code}] */
  zones: string;
  /** JSON [{weekday, startMinute, endMinute}] */
  availability: string;
  max_travel_km: number | null;
  teaches_at_home: number;
  teaches_at_school: number;
  teaches_online: number;
  background: string;
  approach: string;
  message: string | null;
  interview_background: string | null;
  interview_approach: string | null;
  interview_conditions_explained: number;
  interview_notes: string | null;
  decision_reason: string | null;
  teacher_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A CV, diploma, ID or certificate; bytes in the storage backend under storage_key. */
export interface TeacherDocumentsTable {
  id: string;
  teacher_id: string | null;
  application_id: string | null;
  /** cv | diploma | id | certificate | other */
  category: string;
  original_name: string;
  /** detected from the content, never from the name */
  content_type: string;
  size_bytes: number;
  storage_key: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface MeetingsTable {
  id: string;
  subject: string;
  starts_at: string;
  ends_at: string;
  place: string | null;
  video_url: string | null;
  facilitator: string;
  capacity: number;
  notes: string | null;
  attendance_recorded_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface MeetingInvitationsTable {
  id: string;
  meeting_id: string;
  teacher_id: string;
  invited_at: string;
  /** null | yes | no */
  response: string | null;
  responded_at: string | null;
  /** null until attendance is recorded, then 0/1 */
  attended: number | null;
  token_hash: string;
  token_used_at: string | null;
}

export interface TeacherIncidentsTable {
  id: string;
  teacher_id: string;
  /** lateness | late_cancellation | behaviour | other */
  kind: string;
  occurred_on: string;
  description: string;
  file_id: string | null;
  family_id: string | null;
  /** family | staff */
  reporter_kind: string;
  reported_by: string | null;
  reporter_name: string;
  created_at: string;
}

export interface TeacherSuspensionsTable {
  id: string;
  teacher_id: string;
  /** temporary | definitive */
  kind: string;
  /** temporary: active | lifted; definitive: proposed | effective | withdrawn */
  status: string;
  /** meetings (automatic) | manual */
  reason_code: string;
  reason: string;
  until_date: string | null;
  until_condition: string | null;
  proposed_by: string | null;
  proposed_by_name: string;
  effective_at: string | null;
  ended_at: string | null;
  ended_by_name: string | null;
  end_reason: string | null;
  auto_key: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SuspensionVotesTable {
  suspension_id: string;
  user_id: string;
  voter_name: string;
  /** approve | object | withdrawn */
  vote: string;
  comment: string | null;
  created_at: string;
  updated_at: string;
}

/** Agency loop: every stage change of a file, with its reason (history and lead-time medians). */
export interface FileStageEventsTable {
  id: string;
  file_id: string;
  from_stage: string | null;
  to_stage: string;
  reason: string;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
}

/** Agency loop: a teacher found outside the base by recruitment. */
export interface ExternalCandidatesTable {
  id: string;
  file_id: string;
  name: string;
  contact: string;
  notes: string | null;
  created_by: string | null;
  created_at: string;
}

/** Agency loop: signed single-use links in e-mails (hash only), scoped to one file and one person. */
export interface AccessLinksTable {
  id: string;
  token_hash: string;
  /** first-lesson */
  purpose: string;
  file_id: string;
  assignment_id: string | null;
  person_id: string;
  /** family | teacher */
  audience: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

/** Agency loop: one row per automatic action and occurrence, so sweeps do each at most once. */
export interface SweepActionsTable {
  key: string;
  file_id: string | null;
  done_at: string;
}

/** Agency loop: a billing or administrative question handed to accounts. */
export interface TicketsTable {
  id: string;
  file_id: string | null;
  family_id: string | null;
  teacher_id: string | null;
  subject: string;
  /** open | in_progress | solved */
  status: string;
  opened_by: string | null;
  /** the service the file comes back to when solved */
  return_to_service: string | null;
  solved_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  at: string;
  author_user_id: string | null;
  author_name: string | null;
  body: string;
}

/** Denormalised from teacher_instruments + teachers by triggers (migration 0400): what matching filters on. */
export interface TeacherMatchIndexTable {
  teacher_id: string;
  instrument: string;
  level_min: number;
  level_max: number;
  age_min: number;
  age_max: number;
  status: string;
  latitude: number | null;
  longitude: number | null;
  max_travel_km: number | null;
  capacity_new_students: number | null;
  teaches_at_home: number | null;
  teaches_at_school: number | null;
  teaches_online: number | null;
  /** migration 0600: what ranking reads about the teacher, kept in step by triggers */
  first_name: string | null;
  last_name: string | null;
  styles: string | null;
  /** "weekday:start:end" windows joined by commas */
  availability: string | null;
  open_assignments: Generated<number>;
  /** since migration 2026-12-03-0300: assignments the teacher ended (matching.rules TEACHER_CAUSED_END_REASONS) */
  mismatches: Generated<number>;
}

/** A school (site) of the association's network; `address` is the Address contract as JSON. */
export interface SchoolsTable {
  id: string;
  name: string;
  address: string;
  postal_code: string;
  departement: string;
  /** A | B | C | Corse */
  holiday_zone: string;
  phone: string | null;
  email: string | null;
  /** JSON array of { weekday, opens, closes } */
  opening_hours: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SchoolRoomsTable {
  id: string;
  school_id: string;
  name: string;
  capacity: number;
  /** JSON array of ROOM_EQUIPMENT values */
  equipment: string;
  position: number;
}

/** The secretariat accounts that work for a school (a secretariat with none works for the whole network). */
export interface SchoolStaffTable {
  school_id: string;
  user_id: string;
}

export interface SeasonsTable {
  id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SeasonTermsTable {
  id: string;
  season_id: string;
  name: string;
  starts_on: string;
  ends_on: string;
  position: number;
}

/** school_holiday (of `zone`: starts_on = last day of classes, ends_on = day they resume) | closure | open_day */
export interface CalendarEntriesTable {
  id: string;
  season_id: string;
  kind: string;
  zone: string | null;
  /** null: the whole network */
  school_id: string | null;
  starts_on: string;
  ends_on: string;
  label: string;
  created_at: string;
}

/** A course of the school network on a weekly slot of a season; room_id null: at distance. */
export interface CoursesTable {
  id: string;
  season_id: string;
  school_id: string;
  discipline: string;
  /** individual | group */
  kind: string;
  level: string;
  age_min: number | null;
  age_max: number | null;
  teacher_id: string;
  room_id: string | null;
  video_link: string | null;
  weekday: number;
  start_time: string;
  duration_minutes: number;
  capacity: number;
  /** active | suspended */
  status: string;
  /** why the whole course is suspended (null while active) */
  suspension_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A decision of the board with its vote; kind general | tariffs | tariffs_unchanged. */
export interface BoardDecisionsTable {
  id: string;
  decided_on: string;
  subject: string;
  body_text: string;
  kind: string;
  votes_for: number;
  votes_against: number;
  abstentions: number;
  members_present: number;
  members_represented: number;
  season_id: string | null;
  /** the name of who recorded it (kept as written) */
  recorded_by: string;
  created_at: string;
}

/** What a decision sets: tariffs (target: the season) | calendar_entry | payment_deferral. */
export interface BoardDecisionLinksTable {
  decision_id: string;
  target_type: string;
  target_id: string;
  /** what the target was called when linked */
  label: string;
  created_at: string;
}

/** The tariffs a decision adopts for a season (the latest decision's apply); lists as JSON. */
export interface SeasonTariffsTable {
  decision_id: string;
  season_id: string;
  decided_on: string;
  copied_from_season_id: string | null;
  /** family | member */
  membership_basis: string;
  membership_fee_cents: number;
  /** JSON array of { discipline, durationMinutes, feeCents } */
  course_fees: string;
  /** JSON array of percents: second child, third… */
  family_discounts: string;
  /** JSON array of { criterion, percent } */
  solidarity_rates: string;
  created_at: string;
}

/** A date range of a course held at distance (e.g. its room closed): each lesson in it uses the video link. */
export interface CourseDistancePeriodsTable {
  id: string;
  course_id: string;
  starts_on: string;
  ends_on: string;
  video_link: string;
  reason: string;
  created_at: string;
}

/** A family's administrative enrolment at a school for a season (new students); rank = order of `completed_at`. */
export interface SchoolRegistrationsTable {
  id: string;
  school_id: string;
  season_id: string;
  family_id: string;
  /** started | completed */
  status: string;
  heard_from: string | null;
  data_processing_consent_at: string | null;
  /** JSON list of the documents the secretariat asks for */
  documents_requested: string;
  completed_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  /** a known family with the same e-mail or phone, for the secretariat to check (admission; never merged alone) */
  duplicate_family_id: string | null;
}

/** A student's image rights and who gave them (a guardian for a minor). */
export interface StudentConsentsTable {
  student_id: string;
  /** none | class | public */
  image_rights: string;
  consented_by: string | null;
  consented_at: string;
}

/** One student's place in one course. held, confirmed and offered occupy a seat; the other statuses do not. */
export interface CourseEnrolmentsTable {
  id: string;
  course_id: string;
  student_id: string;
  family_id: string;
  /** held | confirmed | offered | waiting | declined | released | expired | cancelled */
  status: string;
  /** returning | new | secretariat */
  origin: string;
  registration_id: string | null;
  /** a returning student's seat is kept until the campaign's priority deadline */
  held_until: string | null;
  /** the waiting list's order */
  waiting_since: string | null;
  offer_expires_at: string | null;
  /** first day of lessons owed (pro-rating of a late start) */
  starts_on: string | null;
  cancelled_on: string | null;
  cancel_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** A re-enrolment campaign from one season to the next, with its priority deadline and reminder days. */
export interface ReenrolmentCampaignsTable {
  id: string;
  from_season_id: string;
  to_season_id: string;
  priority_deadline: string;
  /** JSON list of days before the deadline a reminder goes out */
  reminder_days: string;
  /** open | closed */
  status: string;
  opened_by: string;
  opened_at: string;
  closed_at: string | null;
  version: number;
}

/** One returning student's re-enrolment pack and the family's answer. */
export interface ReenrolmentPacksTable {
  id: string;
  campaign_id: string;
  student_id: string;
  family_id: string;
  school_id: string;
  /** JSON: last season's courses and next season's proposal */
  proposal: string;
  /** null (no answer yet) | confirmed | changed | declined */
  answer: string | null;
  answer_note: string | null;
  answered_at: string | null;
  /** hash of the no-login link's secret (the secret is only in the e-mail) */
  link_token_hash: string | null;
  sent_at: string | null;
  created_at: string;
  version: number;
}

export interface DB {
  settings: SettingsTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  auth_tokens: AuthTokensTable;
  rate_events: RateEventsTable;
  login_attempts: LoginAttemptsTable;
  rate_locks: RateLocksTable;
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
  teacher_applications: TeacherApplicationsTable;
  teacher_documents: TeacherDocumentsTable;
  meetings: MeetingsTable;
  meeting_invitations: MeetingInvitationsTable;
  teacher_incidents: TeacherIncidentsTable;
  teacher_suspensions: TeacherSuspensionsTable;
  suspension_votes: SuspensionVotesTable;
  billing_counters: BillingCountersTable;
  invoices: InvoicesTable;
  invoice_instalments: InvoiceInstalmentsTable;
  sepa_mandates: SepaMandatesTable;
  collection_batches: CollectionBatchesTable;
  debits: DebitsTable;
  batch_exclusions: BatchExclusionsTable;
  collection_batch_file_parts: CollectionBatchFilePartsTable;
  payments: PaymentsTable;
  debit_holds: DebitHoldsTable;
  waived_periods: WaivedPeriodsTable;
  payment_deferrals: PaymentDeferralsTable;
  tax_certificates: TaxCertificatesTable;
  file_stage_events: FileStageEventsTable;
  external_candidates: ExternalCandidatesTable;
  access_links: AccessLinksTable;
  sweep_actions: SweepActionsTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  teacher_match_index: TeacherMatchIndexTable;
  schools: SchoolsTable;
  school_rooms: SchoolRoomsTable;
  school_staff: SchoolStaffTable;
  seasons: SeasonsTable;
  season_terms: SeasonTermsTable;
  calendar_entries: CalendarEntriesTable;
  courses: CoursesTable;
  board_decisions: BoardDecisionsTable;
  board_decision_links: BoardDecisionLinksTable;
  season_tariffs: SeasonTariffsTable;
  course_distance_periods: CourseDistancePeriodsTable;
  school_registrations: SchoolRegistrationsTable;
  student_consents: StudentConsentsTable;
  course_enrolments: CourseEnrolmentsTable;
  reenrolment_campaigns: ReenrolmentCampaignsTable;
  reenrolment_packs: ReenrolmentPacksTable;
  school_fee_policies: SchoolFeePoliciesTable;
  family_solidarity_bands: FamilySolidarityBandsTable;
  school_fee_plans: SchoolFeePlansTable;
  school_fee_items: SchoolFeeItemsTable;
  cancellation_special_rules: CancellationSpecialRulesTable;
  cancellation_requests: CancellationRequestsTable;
  choice_openings: ChoiceOpeningsTable;
  attendance_sheets: AttendanceSheetsTable;
  attendance_lessons: AttendanceLessonsTable;
  attendance_marks: AttendanceMarksTable;
  calendar_feeds: CalendarFeedsTable;
  distance_materials: DistanceMaterialsTable;
  distance_acks: DistanceAcksTable;
  absence_notices: AbsenceNoticesTable;
  contact_flags: ContactFlagsTable;
  teacher_absences: TeacherAbsencesTable;
  course_replacements: CourseReplacementsTable;
  teacher_contracts: TeacherContractsTable;
}

/** Gap-free invoice numbers: one counter per series (F invoices, A credit notes) and year. */
export interface BillingCountersTable {
  series: string;
  year: number;
  last_value: number;
}

/** An issued invoice or credit note. Content never changes once issued; only the settlement status moves. */
export interface InvoicesTable {
  id: string;
  /** F2026-000123 (invoice) or A2026-000004 (credit note) */
  number: string;
  /** invoice | credit_note */
  kind: string;
  family_id: string;
  subscription_id: string | null;
  credited_invoice_id: string | null;
  period_start: string | null;
  period_end: string | null;
  period_key: string | null;
  issued_on: string;
  description: string;
  amount_cents: number;
  /** open | paid | cancelled (fully credited) */
  status: string;
  billed_name: string;
  /** JSON {line1, line2, postalCode, city, country} as it was on the issue date */
  billed_address: string | null;
  /** JSON [{description, quantity, unit, unitPriceCents, amountCents, teacherName}] as issued (null before 2026-12) */
  lines: string | null;
  /** a credit note on money already paid: what is to be refunded to the family */
  refund_due_cents: Generated<number>;
  /** a manual invoice issued before any hand-over: why (null otherwise) */
  issue_reason: Generated<string | null>;
  locale: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface InvoiceInstalmentsTable {
  id: string;
  invoice_id: string;
  seq: number;
  due_on: string;
  amount_cents: number;
  /** sepa | cheque | transfer | card */
  method: string;
  /** due | debited | paid | returned | cancelled */
  status: string;
  prenotified_at: string | null;
  /** the due date the pre-notification announced */
  prenotified_due_on: string | null;
  /** the amount the notice announced (null: sent before 2026-12, the instalment's own amount) */
  prenotified_amount_cents: Generated<number | null>;
  deferral_id: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SepaMandatesTable {
  id: string;
  family_id: string;
  /** unique mandate reference (RUM), unique per creditor identifier */
  rum: string;
  creditor_identifier: string;
  /** recurrent | oneoff */
  type: string;
  debtor_name: string;
  debtor_line1: string;
  debtor_line2: string | null;
  debtor_postal_code: string;
  debtor_city: string;
  debtor_country: string;
  iban: string;
  bic: string | null;
  signed_on: string;
  /** portal | paper */
  signature_method: string;
  signer_name: string;
  signed_at: string | null;
  signed_ip: string | null;
  /** a pre-notification period shorter than the default, agreed with this debtor (2 days minimum) */
  short_notice_days: number | null;
  /** the day the family accepted the subscription terms carrying the shorter delay */
  notice_agreed_on: Generated<string | null>;
  /**
   * the reference the debtor's bank knows, while a change of RUM waits for the next collection to carry it
   * (AmdmntInfDtls/OrgnlMndtId); null once carried
   */
  original_rum: Generated<string | null>;
  /** active | revoked | ended */
  status: string;
  final_on_next: number;
  last_used_on: string | null;
  ended_on: string | null;
  ended_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface CollectionBatchesTable {
  id: string;
  /** the pain.008 message id */
  reference: string;
  collection_date: string;
  /** prepared | exported | cancelled */
  status: string;
  /** pain.008.001.08 | pain.008.001.02 once exported */
  format: string | null;
  debit_count: number;
  total_cents: number;
  prepared_by: string | null;
  prepared_at: string;
  exported_by: string | null;
  exported_at: string | null;
  file_sha256: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** One debit per instalment, ever (unique instalment_id); debtor details are a snapshot taken at preparation. */
export interface DebitsTable {
  id: string;
  batch_id: string;
  instalment_id: string;
  invoice_id: string;
  mandate_id: string;
  family_id: string;
  amount_cents: number;
  /** FRST | RCUR | OOFF | FNAL */
  sequence_type: string;
  end_to_end_id: string;
  mandate_rum: string;
  mandate_signed_on: string;
  debtor_name: string;
  debtor_iban: string;
  debtor_bic: string | null;
  debtor_street: string;
  debtor_postal_code: string;
  debtor_town: string;
  debtor_country: string;
  remittance: string;
  /** the amendment the file carried (AmdmntInd true): the mandate's former RUM and/or former creditor identifier */
  original_rum: Generated<string | null>;
  original_creditor_identifier: Generated<string | null>;
  /** prepared | exported | returned */
  status: string;
  returned_on: string | null;
  /** reject | return | refund */
  return_kind: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

/** The exported pain.008 as written at export, in order (part 0, 1, …): the download serves these bytes. */
export interface CollectionBatchFilePartsTable {
  batch_id: string;
  part: number;
  content: string;
}

export interface BatchExclusionsTable {
  batch_id: string;
  instalment_id: string;
  invoice_id: string;
  family_id: string;
  subscription_id: string | null;
  amount_cents: number;
  /** EXCLUSION_REASONS of the contracts (hold, dispute, … paid_otherwise, first_debit_pending, sequence_closed, …) */
  reason: string;
  detail: string | null;
}

/** Money received (or reversed by a return: negative amount). */
export interface PaymentsTable {
  id: string;
  family_id: string;
  invoice_id: string;
  instalment_id: string | null;
  debit_id: string | null;
  /** sepa | cheque | transfer | card | aid (third-party aid: not paid by the family) */
  method: string;
  amount_cents: number;
  received_on: string;
  /** cheques held until a date */
  cash_on: string | null;
  reference: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
}

export interface DebitHoldsTable {
  id: string;
  subscription_id: string;
  /** no_lesson */
  kind: string;
  dedupe_key: string;
  since: string;
  reason: string;
  released_at: string | null;
  released_on: string | null;
  released_by: string | null;
  release_reason: string | null;
  /** at release: invoice | waive (the periods begun during the hold); null before 2026-12 */
  release_choice: Generated<string | null>;
  created_at: string;
  version: number;
}

/** A period begun during a hold and waived at its release: never invoiced (same key as the invoice it replaces). */
export interface WaivedPeriodsTable {
  id: string;
  subscription_id: string;
  period_key: string;
  period_start: string;
  period_end: string;
  amount_cents: number;
  hold_id: string;
  reason: string;
  waived_by: string | null;
  created_at: string;
}

export interface PaymentDeferralsTable {
  id: string;
  decision_ref: string;
  decided_on: string;
  reason: string;
  from_due_on: string;
  to_due_on: string;
  new_due_on: string;
  plan_id: string | null;
  affected_count: number;
  recorded_by: string | null;
  created_at: string;
}

export interface TaxCertificatesTable {
  id: string;
  family_id: string;
  year: number;
  paid_cents: number;
  aid_cents: number;
  home_minutes: number;
  /** JSON snapshot of what the certificate says, so the PDF reads the same every time */
  content: string;
  generated_at: string;
  generated_by: string | null;
  emailed_at: string | null;
  version: number;
}

/** A school's fee policy: cancellation notice before a term, make-up credits for missed lessons (0: none). */
export interface SchoolFeePoliciesTable {
  school_id: string;
  cancellation_notice_days: number;
  makeup_credits: number;
  updated_at: string;
  version: number;
}

/** The solidarity criterion (of the season's tariffs) a family meets, set by the secretariat. */
export interface FamilySolidarityBandsTable {
  family_id: string;
  season_id: string;
  criterion: string;
  set_by: string | null;
  set_at: string;
}

/** The payment plan a family chose once for a season. */
export interface SchoolFeePlansTable {
  id: string;
  family_id: string;
  season_id: string;
  /** once | three | ten */
  plan: string;
  /** cheque | transfer | sepa */
  method: string;
  first_due_on: string;
  chosen_by: string | null;
  chosen_at: string;
}

/** What a fees invoice bills: the membership or one course place, with the terms billed and what was credited. */
export interface SchoolFeeItemsTable {
  id: string;
  /** membership:<family|student>:<season> or course:<enrolment id> — issued once */
  item_key: string;
  family_id: string;
  season_id: string;
  invoice_id: string;
  enrolment_id: string | null;
  /** membership | course */
  kind: string;
  label: string;
  amount_cents: number;
  /** position of the first term billed (1-based) */
  first_term: number;
  terms_billed: number;
  credited_cents: Generated<number>;
  created_at: string;
}

/** A school's special cancellation rule for a date range, with its own deadline. */
export interface CancellationSpecialRulesTable {
  id: string;
  school_id: string;
  season_id: string;
  label: string;
  starts_on: string;
  ends_on: string;
  deadline: string;
  created_by: string | null;
  created_at: string;
  notified_count: Generated<number>;
}

/** A family's written cancellation of a course place: what stays owed and the credit note for the rest. */
export interface CancellationRequestsTable {
  id: string;
  enrolment_id: string;
  family_id: string;
  school_id: string;
  received_on: string;
  effective_on: string;
  reason: string;
  special_rule_id: string | null;
  owed_cents: number;
  credit_cents: number;
  credit_note_id: string | null;
  made_by: string | null;
  created_at: string;
}

/** Timetable choice: when a season without a re-enrolment campaign opens to new students (set by the secretariat). */
export interface ChoiceOpeningsTable {
  season_id: string;
  opens_at: string;
  set_by: string | null;
  set_at: string;
  version: Generated<number>;
}

/** One course's attendance sheet for one period (a month by default); written when first marked or reminded. */
export interface AttendanceSheetsTable {
  id: string;
  course_id: string;
  /** 2026-12 (a month) or 2026-W49 (an ISO week) */
  period_key: string;
  period_start: string;
  period_end: string;
  /** the day the secretariat last reminded the teacher (at most once a day) */
  reminded_on: string | null;
  reminders: Generated<number>;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** One dated occurrence of a course, written when first marked: who held it (a substitute later), where, how long. */
export interface AttendanceLessonsTable {
  id: string;
  course_id: string;
  lesson_date: string;
  start_time: string;
  duration_minutes: number;
  /** 1: held at distance */
  distance: number;
  teacher_id: string;
  created_at: string;
  updated_at: string;
}

/** One student's mark at one lesson. */
export interface AttendanceMarksTable {
  lesson_id: string;
  student_id: string;
  enrolment_id: string;
  /** present | absent | excused | late | cancelled_by_teacher | cancelled_by_school */
  mark: string;
  /** teacher (the sheet); later acknowledgement | deadline for distance lessons */
  source: Generated<string>;
  marked_by: string | null;
  marked_at: string;
  version: Generated<number>;
}

/** A private iCalendar subscription (issue 18, item 7): a user's own lessons and meetings, or a school's courses. */
export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  /** teacher | family | school */
  scope: string;
  /** the school of a staff member's feed */
  school_id: string | null;
  /** SHA-256 of the URL's token: the URL is shown once */
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  last_read_at: string | null;
}

/** What a teacher posted for one distance lesson: text and/or a link, to the class (student_id null) or one student. */
export interface DistanceMaterialsTable {
  id: string;
  lesson_id: string;
  student_id: string | null;
  body: string | null;
  link: string | null;
  posted_by: string | null;
  posted_at: string;
  /** the last day (organisation's date) a student may acknowledge it */
  ack_until: string;
}

/** One student's expected acknowledgement ("ok") of one material: answered (present) or lapsed (absent). */
export interface DistanceAcksTable {
  id: string;
  material_id: string;
  lesson_id: string;
  student_id: string;
  /** the place that made the student expected: the mark the acknowledgement or its deadline writes */
  enrolment_id: string;
  /** sha-256 of the e-mail link's secret (null: no e-mail could be sent) */
  token_hash: string | null;
  ack_until: string;
  acknowledged_at: string | null;
  /** link | portal */
  acknowledged_via: string | null;
  /** when the deadline sweep closed it unanswered */
  lapsed_at: string | null;
  created_at: string;
}

/** One absent mark told to the family (or deliberately not told): written once, by the sweep that claims it. */
export interface AbsenceNoticesTable {
  lesson_id: string;
  student_id: string;
  /** each (its own e-mail) | weekly (in the digest of digest_week) | never (the family asked for none) */
  mode: string;
  digest_week: string | null;
  /** how many guardians were written to */
  recipients: Generated<number>;
  notified_at: string;
}

/** A teacher's flag on a student's family contact (e-mail or phone) found wrong; it holds while `seen` is current. */
export interface ContactFlagsTable {
  id: string;
  student_id: string;
  /** email | phone */
  field: string;
  /** the family's values of that field when flagged (sorted, one per line) */
  seen: string;
  note: string | null;
  flagged_by: string | null;
  flagged_at: string;
}

/** A teacher away from one school for a range of days, recorded by its secretariat. */
export interface TeacherAbsencesTable {
  id: string;
  teacher_id: string;
  school_id: string;
  /** sick | leave | childcare | training */
  reason: string;
  starts_on: string;
  ends_on: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

/** One of an absent teacher's courses held by a substitute from one day to another (inside the absence). */
export interface CourseReplacementsTable {
  id: string;
  absence_id: string;
  course_id: string;
  substitute_id: string;
  starts_on: string;
  ends_on: string;
  created_by: string | null;
  created_at: string;
}

/** A teacher's contract hours per week at a school, from a day (to a day, or open-ended). */
export interface TeacherContractsTable {
  id: string;
  teacher_id: string;
  school_id: string;
  weekly_minutes: number;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}
