import { defineTemplate, type PersonalLink } from '../../platform/mail-templates.js';

/** The e-mails of re-enrolment: the pack, and the reminders before the deadline. */
type PackParams = {
  name: string;
  student: string;
  school: string;
  season: string;
  deadline: string;
  lines: string[];
  link: PersonalLink;
  reminder: boolean;
};

const frDate = (iso: string) => iso.split('-').reverse().join('/');

export const reenrolmentPackMail = defineTemplate<PackParams>('schools.reenrolment-pack', {
  fr: (p) => ({
    subject: `${p.reminder ? 'Rappel — ' : ''}Réinscription de ${p.student} pour la saison ${p.season}`,
    text: `Bonjour ${p.name},\n\n${p.reminder ? 'Nous n’avons pas encore reçu votre réponse. ' : ''}${p.student} est prioritaire pour se réinscrire à l’école ${p.school} jusqu’au ${frDate(p.deadline)} inclus ; sa place est gardée jusque-là.\n\nNotre proposition pour la saison ${p.season} :\n${p.lines.map((l) => `- ${l}`).join('\n')}\n\nConfirmez, demandez un changement ou déclinez en suivant ce lien personnel (sans mot de passe ; il vous est réservé, ne le transférez pas) ou depuis votre espace famille :\n\n${p.link}\n\nLe dossier imprimable (PDF) est disponible au même endroit.`,
  }),
  en: (p) => ({
    subject: `${p.reminder ? 'Reminder — ' : ''}Re-enrolment of ${p.student} for the ${p.season} season`,
    text: `Hello ${p.name},\n\n${p.reminder ? 'We have not received your answer yet. ' : ''}${p.student} has priority to re-enrol at ${p.school} until ${p.deadline} included; their seat is held until then.\n\nOur proposal for the ${p.season} season:\n${p.lines.map((l) => `- ${l}`).join('\n')}\n\nConfirm, ask for a change or decline with this personal link (no password; it is yours alone, do not forward it) or from your family space:\n\n${p.link}\n\nThe printable pack (PDF) is available there too.`,
  }),
});
