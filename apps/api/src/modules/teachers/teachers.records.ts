import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import type { Deps } from '../../platform/deps.js';
import { notFound } from '../../platform/errors.js';
import { fields, mustExist, sameForAll, type Fields, type RecordPolicy } from '../../platform/records.js';
import { createPeopleService } from '../people/people.service.js';
import { findPerson } from '../people/people.repository.js';
import { assertDocumentsAccess, assertStaffRead } from './teacher-access.js';

/** What reads a teacher's record (GET /api/teachers/:id and its profile): one view for staff and the teacher. */
const TEACHER_FIELDS = fields(
  // teachers columns (status changes)…
  'status',
  'status_reason',
  'status_until',
  // …and the profile's own names (profile-update records the profile view before and after)
  'firstName',
  'lastName',
  'email',
  'phone',
  'userId',
  'statusReason',
  'statusUntil',
  'bio',
  'instruments',
  'styles',
  'zones',
  'maxTravelKm',
  'teachesAtHome',
  'teachesAtSchool',
  'teachesOnline',
  'capacityNewStudents',
  'address',
  'place',
  'availability',
);
/** GET /api/teachers/:id/incidents (staff). */
const INCIDENT_FIELDS = fields(
  'teacher_id',
  'kind',
  'occurred_on',
  'description',
  'file_id',
  'reporter_kind',
  'reporter_name',
);
/** GET /api/teacher-suspensions/:id (staff), and the automatic suspension's own summary of it. */
const SUSPENSION_FIELDS = fields(
  'teacher_id',
  'kind',
  'status',
  'reason_code',
  'reason',
  'until_date',
  'until_condition',
  'proposed_by',
  'proposed_by_name',
  'effective_at',
  'ended_at',
  'ended_by_name',
  'end_reason',
  'vote',
  'comment',
  'missed',
);
/** GET /api/teachers/:id/documents and an application's documents: never where the file is stored. */
const DOCUMENT_FIELDS = fields('category', 'original_name', 'content_type', 'size_bytes');

const staffOnly = (fieldsShown: Fields) => async (actor: Actor) => {
  try {
    assertStaffRead(actor);
    return fieldsShown;
  } catch {
    return null;
  }
};
const documentReaders = async (actor: Actor, teacherId: string | null) => {
  try {
    assertDocumentsAccess(actor, teacherId);
    return DOCUMENT_FIELDS;
  } catch {
    return null;
  }
};

/** GET /api/teachers/:id, its profile, and the actions about a teacher its pages gather. */
const teacherRecord = (deps: Deps): RecordPolicy<void> => {
  const people = createPeopleService(deps);
  return {
    read: async (actor, id) => {
      const person = await findPerson(deps.db, id);
      if (!person || person.kind !== 'teacher') throw notFound();
      await people.assertPersonAccess(actor, person, 'read');
    },
    fields: () => TEACHER_FIELDS,
    all: TEACHER_FIELDS,
    actions: {
      'incident-reported': staffOnly(INCIDENT_FIELDS),
      'suspension-*': staffOnly(SUSPENSION_FIELDS),
      'exclusion-*': staffOnly(SUSPENSION_FIELDS),
      'document-*': (actor, id) => documentReaders(actor, id),
    },
  };
};

/** GET /api/teacher-applications/:id: the services that onboard teachers; every column is on the page. */
const APPLICATION_FIELDS = fields(
  'status',
  'status_changed_at',
  'first_name',
  'last_name',
  'email',
  'phone',
  'locale',
  'postal_code',
  'city',
  'instruments',
  'styles',
  'zones',
  'availability',
  'max_travel_km',
  'teaches_at_home',
  'teaches_at_school',
  'teaches_online',
  'background',
  'approach',
  'message',
  'interview_background',
  'interview_approach',
  'interview_conditions_explained',
  'interview_notes',
  'decision_reason',
  'teacher_id',
);
const applicationRecord = (deps: Deps): RecordPolicy<void> => {
  const policy = sameForAll(APPLICATION_FIELDS, async (actor, id) => {
    requirePermission(actor, 'teachers.manage');
    await mustExist(deps.db, 'teacher_applications', id);
  });
  return { ...policy, actions: { 'document-*': (actor) => documentReaders(actor, null) } };
};

/** GET /api/meetings/:id (staff): the meeting, its invitations' answers and attendance. */
const MEETING_FIELDS = fields(
  'subject',
  'starts_at',
  'ends_at',
  'place',
  'video_url',
  'facilitator',
  'capacity',
  'notes',
  'attendance_recorded_at',
  'teacher_id',
  'response',
  'attendance',
);
const meetingRecord = (deps: Deps): RecordPolicy<void> =>
  sameForAll(MEETING_FIELDS, async (actor, id) => {
    assertStaffRead(actor);
    await mustExist(deps.db, 'meetings', id);
  });

/** The record types of the module and their read policies, as the manifest lists them. */
export const TEACHERS_RECORDS = [
  { entityType: 'teacher', build: teacherRecord },
  { entityType: 'teacher-application', build: applicationRecord },
  { entityType: 'meeting', build: meetingRecord },
] as const satisfies readonly { entityType: string; build: (deps: Deps) => RecordPolicy<void> }[];
