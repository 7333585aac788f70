import { fields, recordType, sameForAll } from '../../platform/records.js';
import { createTeacherHoursService } from './teacher-hours.service.js';
import { createSchoolsService } from './schools.service.js';
import { createSeasonsService } from './seasons.service.js';

/** What a contract's history shows: its teacher and school, its weekly minutes and dates. */
const CONTRACT_FIELDS = fields('teacherId', 'schoolId', 'weeklyMinutes', 'validFrom', 'validTo');

/** A teacher contract's history: read by its school's staff (secretariat in scope, director, board) and its teacher. */
export const TEACHER_HOURS_RECORDS = [
  recordType('teacher_contract', (deps) => {
    const hours = createTeacherHoursService(deps, createSchoolsService(deps), createSeasonsService(deps));
    return sameForAll(CONTRACT_FIELDS, async (actor, id) => {
      await hours.assertMayReadContract(actor, id);
      return true;
    });
  }),
];
