import type { Tx } from '../../db/database.js';
import { hasRole, requireRole, requireUser, type Actor } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';

/** Who manages billing: accounts (and admin, who passes every role check). Teachers see nothing of billing. */
export const BILLING_MANAGERS = ['accounts'] as const;
/** Debit holds are released by accounts or followup (who knows whether lessons happen). */
export const HOLD_MANAGERS = ['accounts', 'followup'] as const;

export function requireBillingManager(actor: Actor) {
  return requireRole(actor, ...BILLING_MANAGERS);
}

/** The family a guardian account belongs to, or null. */
export async function guardianFamilyId(tx: Tx, actor: Actor): Promise<string | null> {
  if (actor.kind !== 'user' || !actor.roles.has('guardian') || !actor.personId) return null;
  const person = await tx
    .selectFrom('people')
    .select(['family_id', 'kind'])
    .where('id', '=', actor.personId)
    .executeTakeFirst();
  return person?.kind === 'guardian' ? person.family_id : null;
}

/** Billing managers read every family; a guardian only their own; anyone else is refused. */
export async function assertFamilyBillingRead(tx: Tx, actor: Actor, familyId: string): Promise<void> {
  if (actor.kind === 'system' || hasRole(actor, ...BILLING_MANAGERS)) return;
  requireUser(actor);
  if ((await guardianFamilyId(tx, actor)) === familyId) return;
  throw forbidden();
}
