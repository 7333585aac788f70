import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { assertMayOpenSheet } from './attendance.service.js';
import { createSchoolsService } from './schools.service.js';

/** What a sheet's history shows: the lesson marked and its marks (by student), and the day of a reminder. */
const SHEET_FIELDS = fields('date', 'marks', 'remindedOn');

/** An attendance sheet's history: read by whoever may open the sheet (its teacher, its school's staff). */
export const ATTENDANCE_RECORDS = [
  recordType('attendance_sheet', (deps) => {
    const schools = createSchoolsService(deps);
    return sameForAll(SHEET_FIELDS, async (actor, id) => {
      const course = await deps.db
        .selectFrom('attendance_sheets')
        .innerJoin('courses', 'courses.id', 'attendance_sheets.course_id')
        .select(['courses.id', 'courses.teacher_id', 'courses.school_id'])
        .where('attendance_sheets.id', '=', id)
        .executeTakeFirst();
      if (!course) throw notFound();
      await assertMayOpenSheet(deps.db, actor, course, schools);
      return true;
    });
  }),
];
