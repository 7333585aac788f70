import nodemailer, { type Transporter } from 'nodemailer';
import type { Locale } from '@contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../db/tables.js';
import type { Tx } from '../db/database.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import {
  claimMessage,
  insertOutboxRows,
  markMessageFailed,
  markMessageSent,
  pendingMessages,
} from './mailer.repository.js';
import { renderTemplate, textToHtml, withLinksHidden, type MailSender } from './mail-templates.js';
import { ORGANISATION_NAME } from './settings.js';

export type MailRequest = {
  to: string;
  locale: Locale;
  mail: { template: string; params: unknown };
  related?: { type: string; id: string };
};

/**
 * E-mails are written to the outbox inside the caller's transaction (so a rolled-back change sends nothing),
 * then delivered after commit. Without SMTP_URL they stay in the outbox as "stored", readable by staff.
 *
 * Personal links (reset, invitation, first-lesson and meeting answers) are secrets of their recipient: the stored
 * copy staff read shows them hidden, and the clear body waits in delivery_text / delivery_html only until the SMTP
 * server took the message (then, or on failure, it is emptied). Without SMTP nothing can deliver it, so it is
 * never kept. Only a demo (`showLinks`) keeps the links in the stored copy, so that the outbox can be followed.
 */
export class Mailer {
  private readonly transport: Transporter | null;
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    smtpUrl: string | undefined,
    private readonly from: string,
    private readonly options: { showLinks?: boolean; publicUrl?: string } = {},
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  /** Whether the outbox shows personal links (demo mode only). */
  get showsLinks(): boolean {
    return this.options.showLinks === true;
  }

  async enqueue(tx: Tx, request: MailRequest): Promise<string> {
    return (await this.enqueueMany(tx, [request]))[0] as string;
  }

  /** enqueue for many messages at once (bulk sweeps): one multi-row insert per chunk, same rows as one by one. */
  async enqueueMany(tx: Tx, requests: MailRequest[]): Promise<string[]> {
    const createdAt = this.clock.now().toISOString();
    // signed by the organisation as it is named when the message is written
    if (!requests.length) return [];
    const sender: MailSender = {
      organisation: await ORGANISATION_NAME.read(tx),
      publicUrl: this.options.publicUrl ?? '',
    };
    const rows = requests.map((request) => {
      const { template, params } = request.mail;
      const rendered = renderTemplate(template, request.locale, params, sender);
      const stored = this.showsLinks
        ? rendered
        : renderTemplate(template, request.locale, withLinksHidden(params, request.locale), sender);
      const keepForDelivery = this.transport !== null && stored.text !== rendered.text;
      return {
        id: newId(),
        created_at: createdAt,
        to_address: request.to,
        subject: stored.subject,
        text_body: stored.text,
        html_body: textToHtml(stored.text),
        delivery_text: keepForDelivery ? rendered.text : null,
        delivery_html: keepForDelivery ? textToHtml(rendered.text) : null,
        locale: request.locale,
        template: request.mail.template,
        status: this.transport ? 'pending' : 'stored',
        sent_at: null,
        error: null,
        related_type: request.related?.type ?? null,
        related_id: request.related?.id ?? null,
      };
    });
    await insertOutboxRows(tx, rows);
    return rows.map((r) => r.id);
  }

  /** Sends pending messages; each is claimed first so two instances never send the same one. */
  async flush(): Promise<number> {
    if (!this.transport) return 0;
    const pending = await pendingMessages(this.db, 100);
    let sent = 0;
    for (const message of pending) {
      if (!(await claimMessage(this.db, message.id))) continue;
      try {
        const text = message.delivery_text ?? message.text_body;
        const html = message.delivery_html ?? message.html_body ?? undefined;
        const { to_address: to, subject } = message;
        await this.transport.sendMail({ from: this.from, to, subject, text, html });
        const sentAt = this.clock.now().toISOString();
        await markMessageSent(this.db, message.id, sentAt);
        sent += 1;
      } catch (error) {
        // Failed messages are not retried: the clear body goes too (the person asks for a new link).
        await markMessageFailed(this.db, message.id, String(error).slice(0, 500));
      }
    }
    return sent;
  }

  close(): void {
    this.transport?.close();
  }
}
