import { defineTemplate } from '../../platform/mail-templates.js';

type Absence = { student: string; course: string; date: string };
type AbsenceParams = Absence & { name: string; school: string; link: string };
type DigestParams = { name: string; week: string; absences: Absence[]; link: string };

const hello = (name: string, word: string) => (name ? `${word} ${name},` : `${word},`);

/** One absence told to a guardian (the family chose "each absence", or the school requires it for a minor). */
export const absenceNoticeMail = defineTemplate<AbsenceParams>('schools.absence-notice', {
  fr: (p) => ({
    subject: `Absence de ${p.student} — ${p.course} le ${p.date}`,
    text: `${hello(p.name, 'Bonjour')}\n\n${p.student} a été noté(e) absent(e) au cours « ${p.course} » (${p.school}) du ${p.date}.\n\nSi c’est une erreur, merci de nous le signaler. Les présences et vos préférences d’avis sont dans votre espace :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `${p.student} absent — ${p.course} on ${p.date}`,
    text: `${hello(p.name, 'Hello')}\n\n${p.student} was marked absent from the course "${p.course}" (${p.school}) on ${p.date}.\n\nIf this is a mistake, please tell us. Attendance and your notice preferences are in your portal:\n\n${p.link}`,
  }),
});

/** The weekly digest of a family's absences not told yet (the family chose "a weekly digest"). */
export const absenceDigestMail = defineTemplate<DigestParams>('schools.absence-digest', {
  fr: (p) => ({
    subject: `Absences de la semaine ${p.week}`,
    text: `${hello(p.name, 'Bonjour')}\n\nAbsences notées depuis le dernier récapitulatif :\n\n${p.absences.map((a) => `- ${a.date} : ${a.student}, ${a.course}`).join('\n')}\n\nLes présences et vos préférences d’avis sont dans votre espace :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `Absences — week ${p.week}`,
    text: `${hello(p.name, 'Hello')}\n\nAbsences marked since the last digest:\n\n${p.absences.map((a) => `- ${a.date}: ${a.student}, ${a.course}`).join('\n')}\n\nAttendance and your notice preferences are in your portal:\n\n${p.link}`,
  }),
});
