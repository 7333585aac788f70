import { defineTemplate, type PersonalLink } from '../../platform/mail-templates.js';

type MaterialParams = {
  name: string;
  student: string;
  course: string;
  teacher: string;
  date: string;
  until: string;
  text: string | null;
  link: string | null;
  ack: PersonalLink;
};

const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** A distance lesson's material, to a student or their guardian, with the single-use "ok" link. */
export const distanceMaterialMail = defineTemplate<MaterialParams>('schools.distance-material', {
  fr: (p) => ({
    subject: `Cours à distance du ${frDate(p.date)} — ${p.course}`,
    text: `Bonjour ${p.name},\n\n${p.teacher} a envoyé le support du cours à distance « ${p.course} » du ${frDate(p.date)} pour ${p.student}.${p.text ? `\n\n${p.text}` : ''}${p.link ? `\n\nLien du cours : ${p.link}` : ''}\n\nPour dire que ${p.student} l’a bien reçu et suivi, répondez « ok » avec ce lien personnel (sans mot de passe, une seule fois, jusqu’au ${frDate(p.until)} inclus) ou depuis l’espace famille ; sans réponse, ${p.student} sera noté(e) absent(e) :\n\n${p.ack}`,
  }),
  en: (p) => ({
    subject: `Distance lesson of ${p.date} — ${p.course}`,
    text: `Hello ${p.name},\n\n${p.teacher} has sent the material of the distance lesson "${p.course}" of ${p.date} for ${p.student}.${p.text ? `\n\n${p.text}` : ''}${p.link ? `\n\nLesson link: ${p.link}` : ''}\n\nTo say that ${p.student} received and followed it, answer "ok" with this personal link (no password, single use, until ${p.until} included) or from the family space; without an answer, ${p.student} will be marked absent:\n\n${p.ack}`,
  }),
});
