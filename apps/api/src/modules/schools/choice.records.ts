import { guardianFamilyId, isStaffMember, requirePermission } from '../../platform/access.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { findEnrolment } from './choice.repository.js';

/** A student's place in a course as the timetable choice audits it: its status and an offer's expiry. */
const ENROLMENT_FIELDS = fields('status', 'offerExpiresAt');

/** The course enrolment's history: office staff, and the family whose place it is. */
export const CHOICE_RECORDS = [
  recordType('course_enrolment', (deps) =>
    sameForAll(ENROLMENT_FIELDS, async (actor, id) => {
      requirePermission(actor, 'schools.read');
      const place = await findEnrolment(deps.db, id);
      if (!place) throw notFound();
      if (!isStaffMember(actor) && (await guardianFamilyId(deps.db, actor)) !== place.family_id) throw forbidden();
      return true;
    }),
  ),
];
