import type { Deps } from '../../platform/deps.js';
import { requireUser } from '../../platform/actor.js';
import { can, requirePermission } from '../../platform/access.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { fields, sameForAll, type RecordPolicy } from '../../platform/records.js';
import { createPlansService } from './plans.service.js';
import { createTicketsService } from './tickets.service.js';
import {
  assertFileAccess,
  fileFields,
  type FileAccess,
  ownFamilyId,
  showsAssignment,
  showsLesson,
  showsSubscription,
} from './files.access.js';
import { assignmentById } from './links.repository.js';
import { lessonById } from './lessons/lessons.repository.js';
import { subscriptionFile } from './files.repository.js';
import { findTask } from './tasks.repository.js';

/** One audited record type and how its history is read (the app registers them: platform/records.ts). */
export type AgencyRecord = { type: string; build: (deps: Deps) => RecordPolicy };
/** Keeps each policy's own context type where it is written (the registry stores them as `RecordPolicy`). */
const record = <C>(type: string, build: (deps: Deps) => RecordPolicy<C>): AgencyRecord => ({
  type,
  build: build as (deps: Deps) => RecordPolicy,
});

/**
 * The agency's records, read as the file page reads them (GET /api/files/:id shows the file, its assignments, its
 * lessons and its subscription, each to its own audience), and plans and tickets as their endpoints do.
 */
const lessonFile = (deps: Deps): RecordPolicy<FileAccess> => ({
  read: async (actor, id) => (await assertFileAccess(deps.db, actor, id)).access,
  fields: (_actor, access) => fileFields(access),
  all: fileFields('staff'),
  actions: {
    // Recruitment's notes on a teacher found outside the base are on the staff's file page only.
    'external-candidate': async (actor, id) =>
      (await assertFileAccess(deps.db, actor, id)).access === 'staff' ? EXTERNAL_FIELDS : null,
  },
});
const EXTERNAL_FIELDS = fields('name', 'contact', 'notes');

const ASSIGNMENT_FIELDS = fields(
  'teacher_id',
  'started_on',
  'ended_on',
  'end_reason',
  'handed_over_at',
  'first_lesson_on',
  'could_not_reach_at',
);
const assignment = (deps: Deps) =>
  sameForAll(ASSIGNMENT_FIELDS, async (actor, id) => {
    const assignment = await assignmentById(deps.db, id);
    if (!assignment) throw notFound();
    // An assignment outside any file (a school's) is on no page: the director's only.
    if (!assignment.file_id) return void requirePermission(actor, 'agency.manage');
    const { access } = await assertFileAccess(deps.db, actor, assignment.file_id);
    if (!showsAssignment(access, actor, assignment)) throw forbidden();
  });

// The hold's reason is on the billing holds list, a record of its own: the file page shows only that it is held.
const SUBSCRIPTION_FIELDS = fields(
  'plan_id',
  'status',
  'subscribed_on',
  'billable_from',
  'first_debit_by',
  'ended_on',
  'on_hold',
);
const subscription = (deps: Deps) =>
  sameForAll(SUBSCRIPTION_FIELDS, async (actor, id) => {
    const subscription = await subscriptionFile(deps.db, id);
    if (!subscription) throw notFound();
    const { access } = await assertFileAccess(deps.db, actor, subscription.file_id);
    if (!showsSubscription(access)) throw forbidden();
  });

const LESSON_FIELDS = fields(
  'lesson_date',
  'minutes',
  'status',
  'place',
  'family_response',
  'dispute_reason',
  'teacher_id',
);
const lesson = (deps: Deps) =>
  sameForAll(LESSON_FIELDS, async (actor, id) => {
    const lesson = await lessonById(deps.db, id);
    if (!lesson) throw notFound();
    if (lesson.file_id) {
      const { access } = await assertFileAccess(deps.db, actor, lesson.file_id);
      if (!showsLesson(access, actor, lesson)) throw forbidden();
      return;
    }
    // Outside a file, as GET /api/lessons reads them: staff all, a teacher their own, a guardian their family's.
    if (can(actor, 'agency.read')) return;
    const user = requireUser(actor);
    if (user.roles.has('teacher') && user.personId === lesson.teacher_id) return;
    if ((await ownFamilyId(deps.db, actor)) === lesson.family_id) return;
    throw forbidden();
  });

const PLAN_FIELDS = fields(
  'name',
  'lesson_minutes',
  'frequency',
  'lessons_per_season',
  'price_cents',
  'billing_period',
  'active',
);
const plan = (deps: Deps) => {
  const plans = createPlansService(deps);
  return sameForAll(PLAN_FIELDS, async (actor, id) => {
    if (!(await plans.list(actor)).some((p) => p.id === id)) throw notFound();
  });
};

const TICKET_FIELDS = fields(
  'file_id',
  'family_id',
  'subject',
  'status',
  'opened_by',
  'return_to_service',
  'solved_at',
);
const ticket = (deps: Deps) => {
  const tickets = createTicketsService(deps);
  return sameForAll(TICKET_FIELDS, async (actor, id) => void (await tickets.get(actor, id)));
};

/** A task of the services (GET /api/tasks): staff who read tasks read its history (a family's message included). */
const TASK_FIELDS = fields(
  'kind',
  'service',
  'title',
  'details',
  'status',
  'due_on',
  'file_id',
  'family_id',
  'person_id',
  'done_at',
  'done_by',
  'outcome_kind',
  'outcome',
  'message',
);
const task = (deps: Deps) =>
  sameForAll(TASK_FIELDS, async (actor, id) => {
    requirePermission(actor, 'agency.readTasks');
    if (!(await findTask(deps.db, id))) throw notFound();
  });

/** The agency's audited record types, in the order they were registered. */
export const AGENCY_RECORDS: readonly AgencyRecord[] = [
  record('lesson_file', lessonFile),
  record('assignment', assignment),
  record('subscription', subscription),
  record('lesson', lesson),
  record('plan', plan),
  record('ticket', ticket),
  record('task', task),
];
