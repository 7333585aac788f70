import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export type ReceivedMail = { to: string; subject: string; text: string; html: string };

/**
 * A real SMTP server on loopback that keeps what it receives: tests read the e-mail a person actually gets
 * (personal links included), never the outbox, whose stored copies hide those links.
 */
export type Mailbox = {
  url: string;
  received: ReceivedMail[];
  /** Every message to this address, oldest first. */
  to: (address: string) => ReceivedMail[];
  /** The first link containing pathPart in the newest message to this address that has one. */
  linkTo: (address: string, pathPart: string) => string;
  close: () => Promise<void>;
};

export function linkIn(text: string, pathPart: string): string | null {
  const escaped = pathPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`https?://\\S*${escaped}[^\\s<>"]*`).exec(text)?.[0] ?? null;
}

export async function startMailbox(): Promise<Mailbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase()).join(',');
          const html = typeof mail.html === 'string' ? mail.html : '';
          received.push({ to, subject: mail.subject ?? '', text: mail.text ?? '', html });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => received.filter((m) => m.to === address.toLowerCase());
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    to,
    linkTo(address, pathPart) {
      for (const mail of [...to(address)].reverse()) {
        const link = linkIn(mail.text, pathPart);
        if (link) return link;
      }
      const seen = received.map((m) => `${m.to} «${m.subject}»`).join('; ');
      throw new Error(`no e-mail to ${address} with a link containing ${pathPart} (received: ${seen})`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
