import { hasRole, requireRole, requireUser } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { fields, registerRecordType, sameForAll } from '../../platform/records.js';
import { createPlansService } from './plans.service.js';
import { createTicketsService } from './tickets.service.js';
import { FILE_STAFF, assertFileAccess, fileFields, guardianFamilyId } from './agency-core.js';
import { showsAssignment, showsLesson, showsSubscription } from './agency-core.js';

/**
 * The agency's records, read as the file page reads them (GET /api/files/:id shows the file, its assignments, its
 * lessons and its subscription, each to its own audience), and plans and tickets as their endpoints do.
 */
registerRecordType('lesson_file', (deps) => ({
  read: async (actor, id) => (await assertFileAccess(deps.db, actor, id)).access,
  fields: (_actor, access) => fileFields(access),
  all: fileFields('staff'),
  actions: {
    // Recruitment's notes on a teacher found outside the base are on the staff's file page only.
    'external-candidate': async (actor, id) =>
      (await assertFileAccess(deps.db, actor, id)).access === 'staff' ? EXTERNAL_FIELDS : null,
  },
}));
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
registerRecordType('assignment', (deps) =>
  sameForAll(ASSIGNMENT_FIELDS, async (actor, id) => {
    const assignment = await deps.db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
    if (!assignment) throw notFound();
    // An assignment outside any file (a school's) is on no page: the director's only.
    if (!assignment.file_id) return void requireRole(actor);
    const { access } = await assertFileAccess(deps.db, actor, assignment.file_id);
    if (!showsAssignment(access, actor, assignment)) throw forbidden();
  }),
);

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
registerRecordType('subscription', (deps) =>
  sameForAll(SUBSCRIPTION_FIELDS, async (actor, id) => {
    const subscription = await deps.db
      .selectFrom('subscriptions')
      .select('file_id')
      .where('id', '=', id)
      .executeTakeFirst();
    if (!subscription) throw notFound();
    const { access } = await assertFileAccess(deps.db, actor, subscription.file_id);
    if (!showsSubscription(access)) throw forbidden();
  }),
);

const LESSON_FIELDS = fields(
  'lesson_date',
  'minutes',
  'status',
  'place',
  'family_response',
  'dispute_reason',
  'teacher_id',
);
registerRecordType('lesson', (deps) =>
  sameForAll(LESSON_FIELDS, async (actor, id) => {
    const lesson = await deps.db.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
    if (!lesson) throw notFound();
    if (lesson.file_id) {
      const { access } = await assertFileAccess(deps.db, actor, lesson.file_id);
      if (!showsLesson(access, actor, lesson)) throw forbidden();
      return;
    }
    // Outside a file, as GET /api/lessons reads them: staff all, a teacher their own, a guardian their family's.
    if (hasRole(actor, ...FILE_STAFF, 'board')) return;
    const user = requireUser(actor);
    if (user.roles.has('teacher') && user.personId === lesson.teacher_id) return;
    if ((await guardianFamilyId(deps.db, actor)) === lesson.family_id) return;
    throw forbidden();
  }),
);

const PLAN_FIELDS = fields(
  'name',
  'lesson_minutes',
  'frequency',
  'lessons_per_season',
  'price_cents',
  'billing_period',
  'active',
);
registerRecordType('plan', (deps) => {
  const plans = createPlansService(deps);
  return sameForAll(PLAN_FIELDS, async (actor, id) => {
    if (!(await plans.list(actor)).some((plan) => plan.id === id)) throw notFound();
  });
});

const TICKET_FIELDS = fields(
  'file_id',
  'family_id',
  'subject',
  'status',
  'opened_by',
  'return_to_service',
  'solved_at',
);
registerRecordType('ticket', (deps) => {
  const tickets = createTicketsService(deps);
  return sameForAll(TICKET_FIELDS, async (actor, id) => void (await tickets.get(actor, id)));
});
