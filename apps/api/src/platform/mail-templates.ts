import type { Locale } from '@contracts';

export type RenderedMail = { subject: string; text: string };
export type MailTemplate<P> = Record<Locale, (params: P) => RenderedMail>;

// Each module registers its templates here at import time, so the outbox and SMTP share one renderer.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous registry, typed at each defineTemplate call
const registry = new Map<string, MailTemplate<any>>();

export function defineTemplate<P>(name: string, template: MailTemplate<P>): (params: P) => { template: string; params: P } {
  registry.set(name, template);
  return (params: P) => ({ template: name, params });
}

export function renderTemplate(name: string, locale: Locale, params: unknown): RenderedMail {
  const template = registry.get(name);
  if (!template) throw new Error(`Unknown mail template ${name}`);
  return template[locale](params);
}

/** Plain text to a minimal HTML body: escaped, paragraphs kept, links clickable. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return escape(text)
    .split(/\n{2,}/)
    .map((para) => `<p>${para.replace(/\n/g, '<br>').replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`)
    .join('\n');
}

export const signature: Record<Locale, string> = {
  fr: '\n\n— L’équipe Harmonie',
  en: '\n\n— The Harmonie team',
};

export const invitationMail = defineTemplate<{ name: string; organisation: string; link: string; hours: number }>('auth.invitation', {
  fr: (p) => ({
    subject: `Votre accès à ${p.organisation}`,
    text: `Bonjour ${p.name},\n\n${p.organisation} vous a ouvert un accès à Harmonie. Choisissez votre mot de passe en suivant ce lien (valable ${p.hours} heures, utilisable une seule fois) :\n\n${p.link}${signature.fr}`,
  }),
  en: (p) => ({
    subject: `Your access to ${p.organisation}`,
    text: `Hello ${p.name},\n\n${p.organisation} has opened a Harmonie account for you. Choose your password with this link (valid ${p.hours} hours, single use):\n\n${p.link}${signature.en}`,
  }),
});

export const passwordResetMail = defineTemplate<{ name: string; link: string; hours: number }>('auth.password-reset', {
  fr: (p) => ({
    subject: 'Réinitialisation de votre mot de passe',
    text: `Bonjour ${p.name},\n\nPour choisir un nouveau mot de passe, suivez ce lien (valable ${p.hours} heures, utilisable une seule fois) :\n\n${p.link}\n\nSi vous n’avez rien demandé, ignorez ce message.${signature.fr}`,
  }),
  en: (p) => ({
    subject: 'Reset your password',
    text: `Hello ${p.name},\n\nTo choose a new password, follow this link (valid ${p.hours} hours, single use):\n\n${p.link}\n\nIf you did not ask for this, ignore this message.${signature.en}`,
  }),
});
