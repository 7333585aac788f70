import type { Tx } from '../../db/database.js';
import { requireUser, type Actor } from '../../platform/actor.js';
import { can, guardianFamilyId } from '../../platform/access.js';
import { forbidden } from '../../platform/errors.js';

/** A family's billing is read by those who manage billing ('billing.manage'), and by a guardian of that family. */
export async function assertFamilyBillingRead(tx: Tx, actor: Actor, familyId: string): Promise<void> {
  if (can(actor, 'billing.manage')) return;
  requireUser(actor);
  if ((await guardianFamilyId(tx, actor)) === familyId) return;
  throw forbidden();
}
