import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { createSchoolsService } from './schools.service.js';

/** The history of a registration (its audited row and the students' consents): its school's secretariat. */
const REGISTRATION_FIELDS = fields(
  'school_id',
  'season_id',
  'family_id',
  'status',
  'heard_from',
  'data_processing_consent_at',
  'documents_requested',
  'completed_at',
  'duplicate_family_id',
  'consents',
);

export const ADMISSION_RECORDS = [
  recordType('school_registration', (deps) => {
    const schools = createSchoolsService(deps);
    return sameForAll(REGISTRATION_FIELDS, async (actor, id) => {
      requirePermission(actor, 'admissions.read');
      const row = await deps.db
        .selectFrom('school_registrations')
        .select('school_id')
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound();
      await schools.assertSchoolInScope(deps.db, actor, row.school_id);
      return true;
    });
  }),
];
