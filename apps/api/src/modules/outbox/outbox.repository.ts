import type { Kysely } from 'kysely';
import type { DB } from '../../db/tables.js';
import { keysetAfter } from '../../platform/cursor.js';

/** What staff may read of a message: never delivery_text / delivery_html, the copy with personal links in it. */
export const READABLE = [
  'id',
  'created_at',
  'to_address',
  'subject',
  'text_body',
  'html_body',
  'template',
  'status',
] as const;

/** A keyset page of messages, newest first (`limit + 1` rows), optionally to one address. */
export async function messagesPage(db: Kysely<DB>, options: { after?: [string, string]; to?: string; limit: number }) {
  let query = db
    .selectFrom('outbox')
    .select(READABLE)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit + 1);
  if (options.after) query = query.where(keysetAfter('created_at', 'id', '<', options.after));
  if (options.to) query = query.where('to_address', '=', options.to);
  return query.execute();
}

export async function findMessage(db: Kysely<DB>, id: string) {
  return db.selectFrom('outbox').select(READABLE).where('id', '=', id).executeTakeFirst();
}
