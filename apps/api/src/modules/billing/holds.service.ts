import { sql } from 'kysely';
import type { z } from 'zod';
import type { ReleaseHoldBody } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { actorUserId, requireRole, SYSTEM, type Actor } from '../../platform/actor.js';
import { DomainError, notFound, stale } from '../../platform/errors.js';
import { recordAudit, recordAudits } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { addDays, dateInZone, daysBetween } from '../../platform/clock.js';
import { closeTasks, createTasks } from '../../platform/tasks.js';
import { decodeCursor, encodeCursor, keysetAfter } from '../../platform/cursor.js';
import { HOLD_MANAGERS } from './billing-access.js';
import { readBillingSettings } from './billing.settings.js';

/** Lessons that count as "a lesson happened" for the billing clock. */
export const GIVEN_LESSON_STATUSES = ['done', 'late'] as const;
// Subscriptions per `in (…)` list and per transaction of the sweep.
const ID_CHUNK = 500;

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
    // Two grouped reads per chunk, each on its own (…, status, lesson_date) index (migration 0500), rather than
    // one OR across file and student that no index serves (it read every lesson once per chunk).
    for (let i = 0; i < subs.length; i += 400) {
      const chunk = subs.slice(i, i + 400);
      const byFile = await tx
        .selectFrom('lessons')
        .select(['file_id', sql<string>`max(lesson_date)`.as('last')])
        .where('status', 'in', [...GIVEN_LESSON_STATUSES])
        .where('file_id', 'in', [...new Set(chunk.map((s) => s.file_id))])
        .groupBy('file_id')
        .execute();
      const byStudent = await tx
        .selectFrom('lessons')
        .select(['student_id', sql<string>`max(lesson_date)`.as('last')])
        .where('status', 'in', [...GIVEN_LESSON_STATUSES])
        .where('student_id', 'in', [...new Set(chunk.map((s) => s.student_id))])
        .groupBy('student_id')
        .execute();
      const fileLast = new Map(byFile.map((r) => [r.file_id, r.last]));
      const studentLast = new Map(byStudent.map((r) => [r.student_id, r.last]));
      for (const s of chunk) {
        const last = [fileLast.get(s.file_id) ?? '', studentLast.get(s.student_id) ?? ''].sort().at(-1);
        if (last) result.set(s.id, last);
      }
    }
    return result;
  }

  return {
    lastLessons,

    /**
     * The sweep: idempotent through the hold's dedupe key `no-lesson:<subscription>:<anchor>` where the anchor is
     * the latest of hand-over, last lesson and last release — a second run (or a second instance) inserts nothing.
     */
    async holdQuietSubscriptions(): Promise<{ held: number }> {
      const settings = await readBillingSettings(db);
      const today = dateInZone(clock.now(), settings.timeZone);
      const subs = await db
        .selectFrom('subscriptions')
        .innerJoin('families', 'families.id', 'subscriptions.family_id')
        .innerJoin('people', 'people.id', 'subscriptions.student_id')
        .select([
          'subscriptions.id',
          'subscriptions.file_id',
          'subscriptions.student_id',
          'subscriptions.family_id',
          'subscriptions.billable_from',
          'families.name as family_name',
          'people.first_name',
        ])
        .where('subscriptions.status', '=', 'active')
        .where('subscriptions.billable_from', 'is not', null)
        .where('subscriptions.billable_from', '<=', addDays(today, -settings.holdAfterDays))
        .where((eb) => eb.or([eb('subscriptions.ended_on', 'is', null), eb('subscriptions.ended_on', '>=', today)]))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('debit_holds')
                .select('debit_holds.id')
                .whereRef('debit_holds.subscription_id', '=', 'subscriptions.id')
                .where('debit_holds.released_at', 'is', null),
            ),
          ),
        )
        .execute();
      if (!subs.length) return { held: 0 };
      const last = await lastLessons(db, subs);
      // The last release per subscription, per chunk of ids (a single `in (…)` of every subscription passed 31k
      // parameters at 1M lessons).
      const lastRelease = new Map<string, string>();
      for (let i = 0; i < subs.length; i += ID_CHUNK) {
        const releases = await db
          .selectFrom('debit_holds')
          .select(['subscription_id', sql<string>`max(released_on)`.as('last')])
          .where(
            'subscription_id',
            'in',
            subs.slice(i, i + ID_CHUNK).map((s) => s.id),
          )
          .where('released_on', 'is not', null)
          .groupBy('subscription_id')
          .execute();
        for (const r of releases) lastRelease.set(r.subscription_id, r.last);
      }
      const due = subs
        .map((sub) => ({
          sub,
          anchor: [sub.billable_from as string, last.get(sub.id) ?? '', lastRelease.get(sub.id) ?? '']
            .sort()
            .at(-1) as string,
        }))
        .filter(({ anchor }) => daysBetween(anchor, today) >= settings.holdAfterDays);
      let held = 0;
      // One transaction per chunk, multi-row statements inside: the holds go in as insert-or-ignore on their dedupe
      // key, and only the rows actually inserted (returned) get the subscription flag, the audit row and the tasks,
      // so a concurrent run holds each stretch once.
      for (let i = 0; i < due.length; i += ID_CHUNK) {
        const chunk = due.slice(i, i + ID_CHUNK);
        held += await db.transaction().execute(async (tx) => {
          const now = clock.now().toISOString();
          const reasonOf = (sub: (typeof subs)[number]) =>
            last.get(sub.id) ? `no_lesson_since:${last.get(sub.id)}` : `no_lesson_since_handover:${sub.billable_from}`;
          const inserted = new Set(
            (
              await tx
                .insertInto('debit_holds')
                .values(
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
                )
                .onConflict((oc) => oc.column('dedupe_key').doNothing())
                .returning('subscription_id')
                .execute()
            ).map((r) => r.subscription_id),
          );
          const taken = chunk.filter(({ sub }) => inserted.has(sub.id));
          if (!taken.length) return 0;
          // Each subscription takes the reason of its own new hold (the only open one: open holds were left out above).
          await tx
            .updateTable('subscriptions')
            .set((eb) => ({
              on_hold: 1,
              hold_reason: eb
                .selectFrom('debit_holds')
                .select('debit_holds.reason')
                .whereRef('debit_holds.subscription_id', '=', 'subscriptions.id')
                .where('debit_holds.released_at', 'is', null)
                .limit(1),
              hold_since: today,
              updated_at: now,
              version: eb('version', '+', 1),
            }))
            .where(
              'id',
              'in',
              taken.map(({ sub }) => sub.id),
            )
            .execute();
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
      requireRole(actor, ...HOLD_MANAGERS);
      const limit = options.limit ?? 50;
      let q = db
        .selectFrom('debit_holds')
        .innerJoin('subscriptions', 'subscriptions.id', 'debit_holds.subscription_id')
        .innerJoin('families', 'families.id', 'subscriptions.family_id')
        .innerJoin('people', 'people.id', 'subscriptions.student_id')
        .select([
          'debit_holds.id',
          'debit_holds.subscription_id',
          'debit_holds.kind',
          'debit_holds.since',
          'debit_holds.reason',
          'debit_holds.version',
          'debit_holds.released_at',
          'debit_holds.release_reason',
          'subscriptions.family_id',
          'subscriptions.file_id',
          'subscriptions.student_id',
          'subscriptions.billable_from',
          'families.name as family_name',
          'people.first_name',
          'people.last_name',
        ])
        .orderBy('debit_holds.since', 'desc')
        .orderBy('debit_holds.id', 'desc')
        .limit(limit + 1);
      if (!options.includeReleased) q = q.where('debit_holds.released_at', 'is', null);
      if (options.familyId) q = q.where('subscriptions.family_id', '=', options.familyId);
      const after = decodeCursor(options.cursor);
      if (after) q = q.where(keysetAfter('debit_holds.since', 'debit_holds.id', '<', after));
      const fetched = await q.execute();
      const rows = fetched.slice(0, limit);
      const lastRow = rows[rows.length - 1];
      const nextCursor = fetched.length > limit && lastRow ? encodeCursor([lastRow.since, lastRow.id]) : null;
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

    /** A staff member confirms lessons happen (or will) and lets the debits go again; audited with the reason. */
    async release(actor: Actor, holdId: string, body: z.infer<typeof ReleaseHoldBody>) {
      requireRole(actor, ...HOLD_MANAGERS);
      const settings = await readBillingSettings(db);
      await db.transaction().execute(async (tx) => {
        const hold = await tx.selectFrom('debit_holds').selectAll().where('id', '=', holdId).executeTakeFirst();
        if (!hold) throw notFound();
        if (hold.released_at) throw new DomainError('HOLD_RELEASED', { status: 409 });
        const now = clock.now();
        const set = {
          released_at: now.toISOString(),
          released_on: dateInZone(now, settings.timeZone),
          released_by: actorUserId(actor),
          release_reason: body.reason,
        };
        const res = await tx
          .updateTable('debit_holds')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', holdId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw stale();
        const stillHeld = await tx
          .selectFrom('debit_holds')
          .select('id')
          .where('subscription_id', '=', hold.subscription_id)
          .where('released_at', 'is', null)
          .executeTakeFirst();
        if (!stillHeld) {
          await tx
            .updateTable('subscriptions')
            .set((eb) => ({
              on_hold: 0,
              hold_reason: null,
              hold_since: null,
              updated_at: now.toISOString(),
              version: eb('version', '+', 1),
            }))
            .where('id', '=', hold.subscription_id)
            .execute();
          const sub = await tx
            .selectFrom('subscriptions')
            .select('file_id')
            .where('id', '=', hold.subscription_id)
            .executeTakeFirst();
          if (sub) await closeTasks(tx, clock, { kind: 'debit-hold', fileId: sub.file_id }, `released: ${body.reason}`);
        }
        await recordAudit(tx, clock, actor, {
          entityType: 'subscription',
          entityId: hold.subscription_id,
          action: 'debit-hold-release',
          before: { on_hold: 1, hold_reason: hold.reason },
          after: { on_hold: stillHeld ? 1 : 0 },
          summary: body.reason,
        });
      });
      return { released: true };
    },
  };
}

export type HoldsService = ReturnType<typeof createHoldsService>;
