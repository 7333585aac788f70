import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { findSchool, findSeason } from './schools.repository.js';

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
];
