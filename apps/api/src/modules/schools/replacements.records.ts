import { can } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { createSchoolsService } from './schools.service.js';

/** What an absence's history shows: its reason, days and note, and each substitute given a course. */
const ABSENCE_FIELDS = fields('reason', 'startsOn', 'endsOn', 'note', 'course', 'substitute');

/** A teacher's absence's history: read by who handles it (the secretariat of its school, the director). */
export const REPLACEMENTS_RECORDS = [
  recordType('teacher_absence', (deps) => {
    const schools = createSchoolsService(deps);
    return sameForAll(ABSENCE_FIELDS, async (actor, id) => {
      const absence = await deps.db
        .selectFrom('teacher_absences')
        .select('school_id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (
        !absence ||
        !can(actor, 'courses.manage') ||
        !(await schools.mayChangeSchool(deps.db, actor, absence.school_id))
      )
        throw notFound();
      return true;
    });
  }),
];
