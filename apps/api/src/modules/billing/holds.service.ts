import type { z } from 'zod';
import type { ReleaseHoldBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { actorUserId, SYSTEM, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateInZone, daysBetween } from '../../platform/clock.js';
import { organisationToday } from '../../platform/settings.js';
import { closeTasks, createTasks } from '../../platform/tasks.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { ID_CHUNK, slices } from '../../platform/batching.js';
import {
  invoicePeriodKey,
  isQuietTooLong,
  periodsBegunDuringHold,
  periodsToInvoice,
  quietSince,
  type BillingPeriodKind,
} from './billing-rules.js';
import { readBillingSettings } from './billing.settings.js';
import * as holdsRepo from './holds.repository.js';
import * as invoicesRepo from './invoices.repository.js';

// Subscriptions per chunk of the last-lesson reads (two `in (…)` lists a chunk).
const LESSON_CHUNK = 400;

/**
 * Debit holds: a subscription whose billing clock runs with no lesson recorded for M days is held (its debits
 * are left out of batches) until someone from accounts or followup confirms and releases it with a reason.
 */
export function createHoldsService(deps: Deps) {
  const { db, clock } = deps;

  /** The last given lesson per subscription (by its file, or its student when the file is not linked). */
  async function lastLessons(
    tx: Tx,
    subs: { id: string; file_id: string; student_id: string }[],
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const chunk of slices(subs, LESSON_CHUNK)) {
      const { byFile, byStudent } = await holdsRepo.lastGivenLessons(
        tx,
        [...new Set(chunk.map((s) => s.file_id))],
        [...new Set(chunk.map((s) => s.student_id))],
      );
      for (const s of chunk) {
        const last = [byFile.get(s.file_id) ?? '', byStudent.get(s.student_id) ?? ''].sort().at(-1);
        if (last) result.set(s.id, last);
      }
    }
    return result;
  }

  /** The periods of a subscription begun during a hold (by its release day) and not invoiced nor waived yet. */
  async function heldPeriodsOf(tx: Tx, subscriptionId: string, hold: { since: string; releasedOn: string }) {
    const sub = await holdsRepo.subscriptionClock(tx, subscriptionId);
    if (!sub) return [];
    const periods = periodsToInvoice(sub, sub.billing_period as BillingPeriodKind, sub.price_cents, hold.releasedOn);
    const taken = await invoicesRepo.takenPeriodKeys(
      tx,
      periods.map((p) => invoicePeriodKey(subscriptionId, p.billedStart)),
    );
    return periodsBegunDuringHold(periods, hold, (p) => taken.has(invoicePeriodKey(subscriptionId, p.billedStart)));
  }

  return {
    lastLessons,

    /**
     * The sweep: idempotent through the hold's dedupe key `no-lesson:<subscription>:<anchor>` where the anchor is
     * the latest of hand-over, last lesson and last release — a second run (or a second instance) inserts nothing.
     */
    async holdQuietSubscriptions(): Promise<{ held: number }> {
      const settings = await readBillingSettings(db);
      const today = await organisationToday(db, clock);
      const subs = await holdsRepo.subscriptionsThatMayBeHeld(db, addDays(today, -settings.holdAfterDays), today);
      if (!subs.length) return { held: 0 };
      const last = await lastLessons(db, subs);
      const lastRelease = await holdsRepo.lastReleases(
        db,
        subs.map((s) => s.id),
      );
      const due = subs
        .map((sub) => ({
          sub,
          anchor: quietSince(sub.billable_from as string, last.get(sub.id) ?? null, lastRelease.get(sub.id) ?? null),
        }))
        .filter(({ anchor }) => isQuietTooLong(anchor, today, settings.holdAfterDays));
      let held = 0;
      // One transaction per chunk, multi-row statements inside: the holds go in as insert-or-ignore on their dedupe
      // key, and only the rows actually inserted (returned) get the subscription flag, the audit row and the tasks,
      // so a concurrent run holds each stretch once.
      for (const chunk of slices(due, ID_CHUNK)) {
        held += await db.transaction().execute(async (tx) => {
          const now = clock.now().toISOString();
          const reasonOf = (sub: (typeof subs)[number]) =>
            last.get(sub.id) ? `no_lesson_since:${last.get(sub.id)}` : `no_lesson_since_handover:${sub.billable_from}`;
          const inserted = await holdsRepo.insertHoldsOnce(
            tx,
            chunk.map(({ sub, anchor }) => ({
              id: newId(),
              subscription_id: sub.id,
              kind: 'no_lesson',
              dedupe_key: `no-lesson:${sub.id}:${anchor}`,
              since: today,
              reason: reasonOf(sub),
              released_at: null,
              released_on: null,
              released_by: null,
              release_reason: null,
              created_at: now,
              version: 1,
            })),
          );
          const taken = chunk.filter(({ sub }) => inserted.has(sub.id));
          if (!taken.length) return 0;
          // Each subscription takes the reason of its own new hold (the only open one: open holds were left out above).
          await holdsRepo.flagSubscriptionsHeld(
            tx,
            taken.map(({ sub }) => sub.id),
            today,
            now,
          );
          await recordAudits(
            tx,
            clock,
            SYSTEM,
            taken.map(({ sub }) => ({
              entityType: 'subscription',
              entityId: sub.id,
              action: 'debit-hold',
              after: { on_hold: 1, hold_reason: reasonOf(sub), hold_since: today },
            })),
          );
          await createTasks(
            tx,
            clock,
            taken.flatMap(({ sub, anchor }) =>
              (['followup', 'accounts'] as const).map((service) => ({
                kind: 'debit-hold',
                service,
                title: `Prélèvements suspendus : aucun cours depuis ${daysBetween(anchor, today)} jours — ${sub.family_name} (${sub.first_name})`,
                details: reasonOf(sub),
                dueOn: today,
                fileId: sub.file_id,
                familyId: sub.family_id,
                dedupeKey: `debit-hold:${service}:${sub.id}:${anchor}`,
              })),
            ),
          );
          return taken.length;
        });
      }
      return { held };
    },

    /** Newest first, a keyset page at a time (a large agency holds thousands of debits on a bad month). */
    async list(
      actor: Actor,
      options: { includeReleased?: boolean; familyId?: string; cursor?: string; limit?: number } = {},
    ) {
      requirePermission(actor, 'billing.holds');
      const limit = options.limit ?? 50;
      const fetched = await holdsRepo.holdPage(db, {
        includeReleased: options.includeReleased,
        familyId: options.familyId,
        after: decodeCursor(options.cursor),
        limit,
      });
      const { page: rows, nextCursor } = keysetPage(fetched, limit, (r) => [r.since, r.id]);
      const last = await lastLessons(
        db,
        rows.map((r) => ({ id: r.subscription_id, file_id: r.file_id, student_id: r.student_id })),
      );
      const items = rows.map((r) => ({
        holdId: r.id,
        subscriptionId: r.subscription_id,
        familyId: r.family_id,
        familyName: r.family_name,
        studentName: `${r.first_name} ${r.last_name}`,
        kind: r.kind,
        since: r.since,
        reason: r.reason,
        billableFrom: r.billable_from,
        lastLessonOn: last.get(r.subscription_id) ?? null,
        version: r.version,
      }));
      return { items, nextCursor };
    },

    /**
     * A staff member confirms lessons happen (or will) and lets the debits go again, with a reason and a choice for
     * the periods begun during the hold: `invoice` (the next run issues them, as nothing else keeps them out) or
     * `waive` (each is recorded as waived under its period key, so that it is never invoiced). One transaction,
     * audited with the reason, the choice and the periods concerned.
     */
    async release(actor: Actor, holdId: string, body: z.infer<typeof ReleaseHoldBody>) {
      requirePermission(actor, 'billing.holds');
      const settings = await readBillingSettings(db);
      return db.transaction().execute(async (tx) => {
        const hold = await holdsRepo.findHold(tx, holdId);
        if (!hold) throw notFound();
        if (hold.released_at) throw new DomainError('HOLD_RELEASED');
        const now = clock.now();
        const releasedOn = dateInZone(now, settings.timeZone);
        const set = {
          released_at: now.toISOString(),
          released_on: releasedOn,
          released_by: actorUserId(actor),
          release_reason: body.reason,
        };
        if (!(await holdsRepo.releaseHold(tx, holdId, body.version, set))) throw stale();
        await holdsRepo.setReleaseChoice(tx, holdId, body.heldPeriods);
        const held = await heldPeriodsOf(tx, hold.subscription_id, { since: hold.since, releasedOn });
        if (body.heldPeriods === 'waive')
          await holdsRepo.insertWaivedPeriods(
            tx,
            held.map((p) => ({
              id: newId(),
              subscription_id: hold.subscription_id,
              period_key: invoicePeriodKey(hold.subscription_id, p.billedStart),
              period_start: p.billedStart,
              period_end: p.billedEnd,
              amount_cents: p.amountCents,
              hold_id: holdId,
              reason: body.reason,
              waived_by: actorUserId(actor),
              created_at: now.toISOString(),
            })),
          );
        const stillHeld = await holdsRepo.hasOpenHold(tx, hold.subscription_id);
        if (!stillHeld) {
          await holdsRepo.clearSubscriptionHold(tx, hold.subscription_id, now.toISOString());
          const sub = await holdsRepo.fileOfSubscription(tx, hold.subscription_id);
          if (sub) await closeTasks(tx, clock, { kind: 'debit-hold', fileId: sub.file_id }, `released: ${body.reason}`);
        }
        const periods = held.map((p) => ({ start: p.billedStart, end: p.billedEnd, amountCents: p.amountCents }));
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: hold.subscription_id,
          action: 'debit-hold-release',
          before: { on_hold: 1, hold_reason: hold.reason },
          after: { on_hold: stillHeld ? 1 : 0, held_periods: body.heldPeriods, periods },
          summary: body.reason,
        });
        return { released: true, heldPeriods: body.heldPeriods, periods };
      });
    },
  };
}

export type HoldsService = ReturnType<typeof createHoldsService>;
