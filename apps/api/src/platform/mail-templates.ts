import type { Locale } from '@contracts';

export type RenderedMail = { subject: string; text: string };
export type MailTemplate<P> = Record<Locale, (params: P) => RenderedMail>;

// Each module registers its templates here at import time, so the outbox and SMTP share one renderer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous registry, typed at each defineTemplate call
const registry = new Map<string, MailTemplate<any>>();

export function defineTemplate<P>(
  name: string,
  template: MailTemplate<P>,
): (params: P) => { template: string; params: P } {
  registry.set(name, template);
  return (params: P) => ({ template: name, params });
}

/** Who sends every message: the organisation's name (its setting) and the address of its Harmonie (PUBLIC_URL). */
export type MailSender = { organisation: string; publicUrl: string };

/** A template's message, signed with the organisation's name and the link to its site (templates never sign). */
export function renderTemplate(name: string, locale: Locale, params: unknown, sender: MailSender): RenderedMail {
  const template = registry.get(name);
  if (!template) throw new Error(`Unknown mail template ${name}`);
  const rendered = template[locale](params);
  return { subject: rendered.subject, text: rendered.text + signature(locale, sender) };
}

/**
 * A link that acts for one person without a password (reset, invitation, first-lesson or meeting answer): a
 * secret. Templates type such parameters as PersonalLink, so that the stored copy of the message can be rendered
 * with the link hidden (only the e-mail itself carries it) and no template can forget to say which links are secret.
 */
export class PersonalLink {
  constructor(readonly url: string) {}
  toString(): string {
    return this.url;
  }
}

/** What the stored copy of a message shows instead of a personal link, in the message's language. */
export const HIDDEN_LINK: Record<Locale, string> = { fr: '[lien personnel masqué]', en: '[personal link hidden]' };

/** The same parameters with every personal link replaced by the words saying it is hidden. */
export function withLinksHidden(params: unknown, locale: Locale): unknown {
  if (params instanceof PersonalLink) return HIDDEN_LINK[locale];
  if (Array.isArray(params)) return params.map((item) => withLinksHidden(item, locale));
  if (params && typeof params === 'object') {
    return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, withLinksHidden(value, locale)]));
  }
  return params;
}

/** Plain text to a minimal HTML body: escaped, paragraphs kept, links clickable. */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escape(text)
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('\n');
}

/** The closing lines of every message: the organisation's team, then its site. */
export function signature(locale: Locale, { organisation, publicUrl }: MailSender): string {
  const team = locale === 'fr' ? `L’équipe ${organisation}` : `The ${organisation} team`;
  return `\n\n— ${team}\n${publicUrl}`;
}

type InvitationParams = { name: string; organisation: string; link: PersonalLink; hours: number };
export const invitationMail = defineTemplate<InvitationParams>('auth.invitation', {
  fr: (p) => ({
    subject: `Votre accès à ${p.organisation}`,
    text: `Bonjour ${p.name},\n\n${p.organisation} vous a ouvert un accès à son espace en ligne. Choisissez votre mot de passe en suivant ce lien (valable ${p.hours} heures, utilisable une seule fois) :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `Your access to ${p.organisation}`,
    text: `Hello ${p.name},\n\n${p.organisation} has opened an account for you on its online space. Choose your password with this link (valid ${p.hours} hours, single use):\n\n${p.link}`,
  }),
});

type ResetParams = { name: string; link: PersonalLink; hours: number };
export const passwordResetMail = defineTemplate<ResetParams>('auth.password-reset', {
  fr: (p) => ({
    subject: 'Réinitialisation de votre mot de passe',
    text: `Bonjour ${p.name},\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable ${p.hours} heures, utilisable une seule fois) :\n\n${p.link}\n\nSi vous n’avez rien demandé, ignorez ce message.`,
  }),
  en: (p) => ({
    subject: 'Reset your password',
    text: `Hello ${p.name},\n\nTo choose a new password, follow this link (valid ${p.hours} hours, single use):\n\n${p.link}\n\nIf you did not ask for this, ignore this message.`,
  }),
});
