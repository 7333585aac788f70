import { z } from 'zod';
import { OutboxMessageDetail, OutboxPage, type OutboxMessage } from '@contracts';
import type { Selectable } from 'kysely';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { Deps } from '../../platform/deps.js';
import type { OutboxTable } from '../../db/tables.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, keysetAfter } from '../../platform/cursor.js';

const OUTBOX_READERS = ['sales', 'recruitment', 'followup', 'accounts', 'secretariat'] as const;

/** What staff may read of a message: never delivery_text / delivery_html, the copy with personal links in it. */
const READABLE = ['id', 'created_at', 'to_address', 'subject', 'text_body', 'html_body', 'template', 'status'] as const;

function toMessage(r: Pick<Selectable<OutboxTable>, (typeof READABLE)[number]>): OutboxMessage {
  return {
    id: r.id,
    createdAt: r.created_at,
    to: r.to_address,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    template: r.template,
    status: r.status === 'sent' ? 'sent' : r.status === 'failed' ? 'failed' : 'stored',
  };
}

/**
 * Every e-mail the system wrote, newest first: the demo's window on what families and teachers receive. Outside
 * demo mode the stored copies hide personal links (see Mailer), so reading the outbox never lets one act as another.
 */
export function createOutboxService(deps: Deps) {
  return {
    async list(actor: Actor, options: { cursor?: string; to?: string; limit: number }): Promise<OutboxPage> {
      requireRole(actor, ...OUTBOX_READERS);
      let query = deps.db
        .selectFrom('outbox')
        .select(READABLE)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(options.limit + 1);
      const after = decodeCursor(options.cursor);
      if (after) query = query.where(keysetAfter('created_at', 'id', '<', after));
      if (options.to) query = query.where('to_address', '=', options.to.toLowerCase());
      const rows = await query.execute();
      const page = rows.slice(0, options.limit);
      const last = page[page.length - 1];
      const nextCursor = rows.length > options.limit && last ? encodeCursor([last.created_at, last.id]) : null;
      return { items: page.map(toMessage), nextCursor, linksShown: deps.mailer.showsLinks };
    },
    async get(actor: Actor, id: string): Promise<OutboxMessageDetail> {
      requireRole(actor, ...OUTBOX_READERS);
      const row = await deps.db.selectFrom('outbox').select(READABLE).where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound();
      return { ...toMessage(row), linksShown: deps.mailer.showsLinks };
    },
  };
}

export function outboxRoutes(app: FastifyZod, deps: Deps): void {
  const outbox = createOutboxService(deps);
  const tags = ['outbox'];
  app.get(
    '/api/outbox',
    {
      schema: {
        tags,
        querystring: z.object({
          cursor: z.string().max(400).optional(),
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: OutboxPage },
      },
    },
    (req) => outbox.list(req.actor, req.query),
  );
  app.get(
    '/api/outbox/:id',
    { schema: { tags, params: z.object({ id: z.string().uuid() }), response: { 200: OutboxMessageDetail } } },
    (req) => outbox.get(req.actor, req.params.id),
  );
}
