import { requirePermission } from '../../platform/access.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { findSchool, findSeason } from './schools.repository.js';
import { findCourse } from './courses.repository.js';
import { findDecision } from './board.repository.js';
import { isStaffMember, teacherSelf } from '../../platform/access.js';

/** GET /api/schools/:id shows every field to every reader (nothing personal: a site, its rooms and hours). */
const SCHOOL_FIELDS = fields(
  'name',
  'address',
  'phone',
  'email',
  'departement',
  'holidayZone',
  'openingHours',
  'rooms',
  'staffUserIds',
);
/** GET /api/seasons/:id and its calendar entries. */
const SEASON_FIELDS = fields(
  'name',
  'start',
  'end',
  'terms',
  'kind',
  'label',
  'zone',
  'schoolId',
  'seasonId',
  'periods',
  'id',
);

/** GET /api/courses/:id (staff, and the course's own teacher). */
const COURSE_FIELDS = fields(
  'seasonId',
  'schoolId',
  'discipline',
  'kind',
  'level',
  'ageMin',
  'ageMax',
  'teacherId',
  'teacherName',
  'schoolName',
  'roomId',
  'roomName',
  'videoLink',
  'weekday',
  'start',
  'durationMinutes',
  'capacity',
  'status',
  'suspensionReason',
  'distancePeriod',
  'id',
);

/** GET /api/board/decisions/:id (the board, the secretariat, accounts), with the tariffs it adopted. */
const DECISION_FIELDS = fields(
  'decidedOn',
  'subject',
  'text',
  'kind',
  'vote',
  'adopted',
  'seasonId',
  'seasonName',
  'links',
  'recordedBy',
  'createdAt',
  'tariffs',
  'id',
);

export const SCHOOLS_RECORDS = [
  recordType('school', (deps) =>
    sameForAll(SCHOOL_FIELDS, async (actor, id) => {
      requirePermission(actor, 'schools.read');
      if (!(await findSchool(deps.db, id))) throw notFound();
      return true;
    }),
  ),
  recordType('season', (deps) =>
    sameForAll(SEASON_FIELDS, async (actor, id) => {
      requirePermission(actor, 'schools.read');
      if (!(await findSeason(deps.db, id))) throw notFound();
      return true;
    }),
  ),

  recordType('course', (deps) =>
    sameForAll(COURSE_FIELDS, async (actor, id) => {
      requirePermission(actor, 'schools.read');
      const course = await findCourse(deps.db, id);
      if (!course) throw notFound();
      if (!isStaffMember(actor) && teacherSelf(actor) !== course.teacher_id) throw forbidden();
      return true;
    }),
  ),
  recordType('board_decision', (deps) =>
    sameForAll(DECISION_FIELDS, async (actor, id) => {
      requirePermission(actor, 'board.decisions.read');
      if (!(await findDecision(deps.db, id))) throw notFound();
      return true;
    }),
  ),
];
