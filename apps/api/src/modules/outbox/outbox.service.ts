import type { OutboxMessage, OutboxMessageDetail, OutboxPage } from '@contracts';
import type { Selectable } from 'kysely';
import type { Deps } from '../../platform/deps.js';
import type { OutboxTable } from '../../db/tables.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { findMessage, messagesPage, type READABLE } from './outbox.repository.js';

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
      requirePermission(actor, 'outbox.read');
      const rows = await messagesPage(deps.db, {
        after: decodeCursor(options.cursor),
        to: options.to?.toLowerCase(),
        limit: options.limit,
      });
      const { page, nextCursor } = keysetPage(rows, options.limit, (r) => [r.created_at, r.id]);
      return { items: page.map(toMessage), nextCursor, linksShown: deps.mailer.showsLinks };
    },
    async get(actor: Actor, id: string): Promise<OutboxMessageDetail> {
      requirePermission(actor, 'outbox.read');
      const row = await findMessage(deps.db, id);
      if (!row) throw notFound();
      return { ...toMessage(row), linksShown: deps.mailer.showsLinks };
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
