import type { Actor } from '../../platform/actor.js';
import type { Deps } from '../../platform/deps.js';
import { can, guardianFamilyId } from '../../platform/access.js';
import { NO_FIELDS, type RecordRegistration } from '../../platform/records.js';

/**
 * A family's school fees (issued, plan chosen, solidarity band) and cancellations are on the family's history, for
 * those who manage fees and the family's own guardians; a school's fee policy and special rules on the school's, for
 * those who manage fees.
 */
const familyFees = (deps: Deps) => async (actor: Actor, familyId: string) => {
  if (actor.kind === 'system' || (actor.kind === 'user' && can(actor, 'fees.manage'))) return NO_FIELDS;
  return (await guardianFamilyId(deps.db, actor)) === familyId ? NO_FIELDS : null;
};
const schoolFees = () => async (actor: Actor) =>
  actor.kind === 'system' || (actor.kind === 'user' && can(actor, 'fees.manage')) ? NO_FIELDS : null;

export const FEES_RECORDS: readonly RecordRegistration[] = [
  ...['school-fees-issued', 'fee-plan-chosen', 'place-cancelled', 'solidarity-band-set'].map((action) => ({
    type: 'family',
    action,
    rule: familyFees,
  })),
  ...['fee-policy-set', 'cancellation-rule-created'].map((action) => ({ type: 'school', action, rule: schoolFees })),
];
