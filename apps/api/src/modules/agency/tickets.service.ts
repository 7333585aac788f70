import type { z } from 'zod';
import type { Selectable } from 'kysely';
import type { TicketBody, TicketUpdateBody } from '@contracts';
import type { TicketsTable } from '../../db/tables.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { createTask } from '../../platform/tasks.js';
import { assertFileAccess } from './files.access.js';
import {
  closeTicketTask,
  insertTicket,
  insertTicketMessage,
  latestTickets,
  ticketById,
  ticketExists,
  ticketMessages,
  updateTicketAt,
} from './tickets.repository.js';

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

  async function messages(ticketId: string) {
    return (await ticketMessages(db, ticketId)).map((m) => ({
      id: m.id,
      at: m.at,
      authorName: m.author_name,
      body: m.body,
    }));
  }

  return {
    async open(actor: Actor, fileId: string, body: z.infer<typeof TicketBody>) {
      requirePermission(actor, 'agency.work');
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
        await insertTicket(tx, ticket);
        await insertTicketMessage(tx, {
          id: newId(),
          ticket_id: ticket.id,
          at: now,
          author_user_id: actorUserId(actor),
          author_name: actorName(actor),
          body: body.message,
        });
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
          dueOn: await organisationToday(tx, clock),
          fileId,
          familyId: file.family_id,
          dedupeKey: `ticket:${ticket.id}`,
        });
        return ticket;
      });
      return { ...toTicket(row), messages: await messages(row.id) };
    },

    async list(actor: Actor, status?: string) {
      requirePermission(actor, 'agency.read');
      return (await latestTickets(db, status)).map(toTicket);
    },

    async get(actor: Actor, id: string) {
      requirePermission(actor, 'agency.read');
      const t = await ticketById(db, id);
      if (!t) throw notFound();
      return { ...toTicket(t), messages: await messages(id) };
    },

    async addMessage(actor: Actor, id: string, body: string) {
      requirePermission(actor, 'agency.work');
      await db.transaction().execute(async (tx) => {
        if (!(await ticketExists(tx, id))) throw notFound();
        await insertTicketMessage(tx, {
          id: newId(),
          ticket_id: id,
          at: clock.now().toISOString(),
          author_user_id: actorUserId(actor),
          author_name: actorName(actor),
          body,
        });
      });
      return this.get(actor, id);
    },

    /** Accounts moves the ticket; when solved, the service that owns the file gets it back as a task. */
    async update(actor: Actor, id: string, body: z.infer<typeof TicketUpdateBody>) {
      requirePermission(actor, 'agency.solveTickets');
      await db.transaction().execute(async (tx) => {
        const before = await ticketById(tx, id);
        if (!before) throw notFound();
        const now = clock.now().toISOString();
        const set = {
          status: body.status,
          solved_at: body.status === 'solved' ? now : null,
          updated_at: now,
          version: before.version + 1,
        };
        if ((await updateTicketAt(tx, id, body.version, set)) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'ticket',
          entityId: id,
          action: 'update',
          before,
          after: { ...before, ...set },
        });
        if (body.status === 'solved') {
          await closeTicketTask(tx, id, now);
          const service = (before.return_to_service ?? 'followup') as 'sales' | 'recruitment' | 'followup' | 'accounts';
          await createTask(tx, clock, {
            kind: 'ticket-solved',
            service,
            title: `Solved by accounts: ${before.subject}`,
            dueOn: await organisationToday(tx, clock),
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
