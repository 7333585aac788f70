import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { TicketBody, TicketUpdateBody } from '@contracts';
import type { TicketsTable } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, actorUserId, requireRole, type Actor } from '../../platform/actor.js';
import { notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { createTask } from '../../platform/tasks.js';
import { assertFileAccess, todayIn } from './agency-core.js';

const toTicket = (t: Selectable<TicketsTable>) => ({
  id: t.id,
  fileId: t.file_id,
  familyId: t.family_id,
  subject: t.subject,
  status: t.status,
  openedBy: t.opened_by,
  returnToService: t.return_to_service,
  solvedAt: t.solved_at,
  createdAt: t.created_at,
  version: t.version,
});

/** Billing or administrative questions found on a file go to accounts as tickets, and come back when solved. */
export function createTicketsService(deps: Deps) {
  const { db, clock } = deps;
  const STAFF = ['sales', 'recruitment', 'followup', 'accounts'] as const;

  async function messages(ticketId: string) {
    return (
      await db.selectFrom('ticket_messages').selectAll().where('ticket_id', '=', ticketId).orderBy('at').execute()
    ).map((m) => ({ id: m.id, at: m.at, authorName: m.author_name, body: m.body }));
  }

  return {
    async open(actor: Actor, fileId: string, body: z.infer<typeof TicketBody>) {
      requireRole(actor, ...STAFF);
      const row = await db.transaction().execute(async (tx) => {
        const { file } = await assertFileAccess(tx, actor, fileId);
        const now = clock.now().toISOString();
        const ticket = {
          id: newId(),
          file_id: fileId,
          family_id: file.family_id,
          teacher_id: null,
          subject: body.subject,
          status: 'open',
          opened_by: actorName(actor),
          return_to_service: file.owner_service === 'none' ? null : file.owner_service,
          solved_at: null,
          created_at: now,
          updated_at: now,
          version: 1,
        };
        await tx.insertInto('tickets').values(ticket).execute();
        await tx
          .insertInto('ticket_messages')
          .values({
            id: newId(),
            ticket_id: ticket.id,
            at: now,
            author_user_id: actorUserId(actor),
            author_name: actorName(actor),
            body: body.message,
          })
          .execute();
        await recordAudit(tx, clock, actor, {
          entityType: 'ticket',
          entityId: ticket.id,
          action: 'create',
          after: ticket,
          summary: body.subject,
        });
        await createTask(tx, clock, {
          kind: 'ticket',
          service: 'accounts',
          title: body.subject,
          dueOn: await todayIn(deps, tx),
          fileId,
          familyId: file.family_id,
          dedupeKey: `ticket:${ticket.id}`,
        });
        return ticket;
      });
      return { ...toTicket(row), messages: await messages(row.id) };
    },

    async list(actor: Actor, status?: string) {
      requireRole(actor, ...STAFF, 'board');
      let q = db.selectFrom('tickets').selectAll().orderBy('created_at', 'desc').limit(200);
      if (status) q = q.where('status', '=', status);
      return (await q.execute()).map(toTicket);
    },

    async get(actor: Actor, id: string) {
      requireRole(actor, ...STAFF, 'board');
      const t = await db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
      if (!t) throw notFound();
      return { ...toTicket(t), messages: await messages(id) };
    },

    async addMessage(actor: Actor, id: string, body: string) {
      requireRole(actor, ...STAFF);
      await db.transaction().execute(async (tx) => {
        const t = await tx.selectFrom('tickets').select('id').where('id', '=', id).executeTakeFirst();
        if (!t) throw notFound();
        await tx
          .insertInto('ticket_messages')
          .values({
            id: newId(),
            ticket_id: id,
            at: clock.now().toISOString(),
            author_user_id: actorUserId(actor),
            author_name: actorName(actor),
            body,
          })
          .execute();
      });
      return this.get(actor, id);
    },

    /** Accounts moves the ticket; when solved, the service that owns the file gets it back as a task. */
    async update(actor: Actor, id: string, body: z.infer<typeof TicketUpdateBody>) {
      requireRole(actor, 'accounts');
      await db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
        if (!before) throw notFound();
        const now = clock.now().toISOString();
        const set = {
          status: body.status,
          solved_at: body.status === 'solved' ? now : null,
          updated_at: now,
          version: before.version + 1,
        };
        const r = await tx
          .updateTable('tickets')
          .set(set)
          .where('id', '=', id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'ticket',
          entityId: id,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
        if (body.status === 'solved') {
          await tx
            .updateTable('tasks')
            .set({ status: 'done', done_at: now, outcome: 'ticket solved' })
            .where('dedupe_key', '=', `ticket:${id}`)
            .where('status', '=', 'open')
            .execute();
          const service = (before.return_to_service ?? 'followup') as 'sales' | 'recruitment' | 'followup' | 'accounts';
          await createTask(tx, clock, {
            kind: 'ticket-solved',
            service,
            title: `Solved by accounts: ${before.subject}`,
            dueOn: await todayIn(deps, tx),
            fileId: before.file_id,
            familyId: before.family_id,
            dedupeKey: `ticket-solved:${id}:${set.version}`,
          });
        }
      });
      return this.get(actor, id);
    },
  };
}
export type TicketsService = ReturnType<typeof createTicketsService>;
