import type { Kysely } from 'kysely';

/**
 * The stored copy of an e-mail no longer carries the personal links it sends (reset, invitation, first-lesson and
 * meeting answers): staff who read the outbox must never be able to act as its recipient. The clear body of a
 * message still to be sent waits in delivery_text / delivery_html, emptied once the SMTP server took it.
 * Messages written before this change are redacted here, in their own language.
 */
const LINK = new RegExp(
  String.raw`https?://[^\s<>"]*?/(?:(?:reset-password|invitation|setup)\?token=|l/|meeting-answer/)[A-Za-z0-9_-]+`,
  'g',
);
const HIDDEN: Record<string, string> = { fr: '[lien personnel masqué]', en: '[personal link hidden]' };

// The HTML body as the mailer wrote it at the time (escaped text, paragraphs, clickable links).
function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escape(text)
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('\n');
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').addColumn('delivery_text', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('delivery_html', 'text').execute();
  const withLinks = await db
    .selectFrom('outbox')
    .select(['id', 'text_body', 'html_body', 'locale', 'status'])
    .where((eb) => eb.or(['%token=%', '%/l/%', '%/meeting-answer/%'].map((like) => eb('text_body', 'like', like))))
    .execute();
  type Row = { id: string; text_body: string; html_body: string | null; locale: string; status: string };
  for (const row of withLinks as Row[]) {
    const text = row.text_body.replace(LINK, HIDDEN[row.locale] ?? HIDDEN.fr ?? '');
    if (text === row.text_body) continue;
    const waiting = row.status === 'pending' || row.status === 'sending';
    await db
      .updateTable('outbox')
      .set({
        text_body: text,
        html_body: row.html_body === null ? null : textToHtml(text),
        delivery_text: waiting ? row.text_body : null,
        delivery_html: waiting ? row.html_body : null,
      })
      .where('id', '=', row.id)
      .execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('outbox').dropColumn('delivery_html').execute();
  await db.schema.alterTable('outbox').dropColumn('delivery_text').execute();
}
