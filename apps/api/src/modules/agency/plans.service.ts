import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { Plan, PlanBody, UpdatePlanBody } from '@contracts';
import type { PlansTable } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { allPlans, insertPlan, planById, updatePlanAt } from './plans.repository.js';

export function toPlan(r: Selectable<PlansTable>): Plan {
  return {
    id: r.id,
    name: r.name,
    lessonMinutes: r.lesson_minutes,
    frequency: r.frequency,
    lessonsPerSeason: r.lessons_per_season,
    priceCents: r.price_cents,
    billingPeriod: r.billing_period,
    active: r.active === 1,
    version: r.version,
  };
}

/** Plans (formules): the director sets them; sales reads them to subscribe families. */
export function createPlansService(deps: Deps) {
  const { db, clock } = deps;
  return {
    async list(actor: Actor): Promise<Plan[]> {
      requirePermission(actor, 'agency.read');
      return (await allPlans(db)).map(toPlan);
    },
    async create(actor: Actor, body: z.infer<typeof PlanBody>): Promise<Plan> {
      requirePermission(actor, 'agency.manage');
      const now = clock.now().toISOString();
      const row = {
        id: newId(),
        name: body.name,
        lesson_minutes: body.lessonMinutes,
        frequency: body.frequency,
        lessons_per_season: body.lessonsPerSeason,
        price_cents: body.priceCents,
        billing_period: body.billingPeriod,
        active: body.active ? 1 : 0,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      await db.transaction().execute(async (tx) => {
        await insertPlan(tx, row);
        await recordAudit(tx, clock, actor, { entityType: 'plan', entityId: row.id, action: 'create', after: row });
      });
      return toPlan(row);
    },
    async update(actor: Actor, id: string, body: z.infer<typeof UpdatePlanBody>): Promise<Plan> {
      requirePermission(actor, 'agency.manage');
      return db.transaction().execute(async (tx) => {
        const before = await planById(tx, id);
        if (!before) throw notFound();
        const set = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.lessonMinutes !== undefined ? { lesson_minutes: body.lessonMinutes } : {}),
          ...(body.frequency !== undefined ? { frequency: body.frequency } : {}),
          ...(body.lessonsPerSeason !== undefined ? { lessons_per_season: body.lessonsPerSeason } : {}),
          ...(body.priceCents !== undefined ? { price_cents: body.priceCents } : {}),
          ...(body.billingPeriod !== undefined ? { billing_period: body.billingPeriod } : {}),
          ...(body.active !== undefined ? { active: body.active ? 1 : 0 } : {}),
          updated_at: clock.now().toISOString(),
        };
        if ((await updatePlanAt(tx, id, body.version, { ...set, version: before.version + 1 })) !== 1) throw stale();
        const after = { ...before, ...set, version: before.version + 1 };
        await recordAudit(tx, clock, actor, { entityType: 'plan', entityId: id, action: 'update', before, after });
        return toPlan(after);
      });
    },
  };
}
export type PlansService = ReturnType<typeof createPlansService>;
