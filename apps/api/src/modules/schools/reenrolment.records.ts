import { can, guardianFamilyId, requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { fields, recordType, sameForAll } from '../../platform/records.js';
import { findCampaign, findPack } from './reenrolment.repository.js';
import { schoolsOfUser } from './schools.repository.js';

/** GET /api/reenrolment/campaigns (and its progress): the office managing re-enrolment. */
const CAMPAIGN_FIELDS = fields(
  'fromSeasonId',
  'toSeasonId',
  'priorityDeadline',
  'reminderDays',
  'status',
  'packs',
  'seatsHeld',
);
/** GET /api/reenrolment/packs/:id: the family's guardians, the secretariat of the pack's school. */
const PACK_FIELDS = fields('answer', 'answerNote', 'status', 'heldUntil');

export const REENROLMENT_RECORDS = [
  recordType('reenrolment_campaign', (deps) =>
    sameForAll(CAMPAIGN_FIELDS, async (actor, id) => {
      requirePermission(actor, 'reenrolment.manage');
      if (!(await findCampaign(deps.db, id))) throw notFound();
      return true;
    }),
  ),
  recordType('reenrolment_pack', (deps) =>
    sameForAll(PACK_FIELDS, async (actor, id) => {
      const pack = await findPack(deps.db, id);
      if (!pack) throw notFound();
      if (can(actor, 'reenrolment.manage')) {
        if (actor.kind === 'user' && !actor.roles.has('admin')) {
          const mine = await schoolsOfUser(deps.db, actor.userId);
          if (mine.length && !mine.includes(pack.school_id)) throw notFound();
        }
        return true;
      }
      requirePermission(actor, 'reenrolment.answer');
      if ((await guardianFamilyId(deps.db, actor)) !== pack.family_id) throw notFound();
      return true;
    }),
  ),
];
