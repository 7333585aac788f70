import { defineTemplate, type PersonalLink } from '../../platform/mail-templates.js';

type Contact = { name: string; email: string | null; phone: string | null };
const line = (label: string, value: string | null) => (value ? `\n${label} ${value}` : '');

export const requestReceivedMail = defineTemplate<{
  name: string;
  studentName: string;
  instrument: string;
  reference: string;
}>('agency.request-received', {
  fr: (p) => ({
    subject: `Votre demande de cours (${p.reference})`,
    text: `Bonjour ${p.name},\n\nNous avons bien reçu votre demande de cours de ${p.instrument} pour ${p.studentName} (référence ${p.reference}). Un conseiller vous rappelle très vite pour en parler.`,
  }),
  en: (p) => ({
    subject: `Your lesson request (${p.reference})`,
    text: `Hello ${p.name},\n\nWe have received your request for ${p.instrument} lessons for ${p.studentName} (reference ${p.reference}). An adviser will call you back shortly.`,
  }),
});

type HandoverFamilyParams = {
  name: string;
  studentName: string;
  instrument: string;
  teacher: Contact;
  link: PersonalLink;
};
export const handoverFamilyMail = defineTemplate<HandoverFamilyParams>('agency.handover-family', {
  fr: (p) => ({
    subject: `Votre professeur de ${p.instrument} pour ${p.studentName}`,
    text: `Bonjour ${p.name},\n\nNous avons trouvé le professeur de ${p.studentName} : ${p.teacher.name}.${line('E-mail :', p.teacher.email)}${line('Téléphone :', p.teacher.phone)}\n\nContactez-vous pour fixer le premier cours, puis indiquez-nous sa date (ou dites-nous si vous n’arrivez pas à vous joindre) avec ce lien, sans mot de passe :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `Your ${p.instrument} teacher for ${p.studentName}`,
    text: `Hello ${p.name},\n\nWe have found ${p.studentName}'s teacher: ${p.teacher.name}.${line('E-mail:', p.teacher.email)}${line('Phone:', p.teacher.phone)}\n\nGet in touch to fix the first lesson, then tell us its date (or tell us if you cannot reach each other) with this link, no password needed:\n\n${p.link}`,
  }),
});

type HandoverTeacherParams = {
  name: string;
  studentName: string;
  instrument: string;
  level: string;
  family: Contact;
  city: string | null;
  link: PersonalLink;
};
export const handoverTeacherMail = defineTemplate<HandoverTeacherParams>('agency.handover-teacher', {
  fr: (p) => ({
    subject: `Nouvel élève : ${p.studentName} (${p.instrument})`,
    text: `Bonjour ${p.name},\n\nVoici les coordonnées de la famille de ${p.studentName} (${p.instrument}, ${p.level}) : ${p.family.name}.${line('E-mail :', p.family.email)}${line('Téléphone :', p.family.phone)}${line('Commune :', p.city)}\n\nAppelez-la pour fixer le premier cours, puis indiquez-nous sa date avec ce lien :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `New student: ${p.studentName} (${p.instrument})`,
    text: `Hello ${p.name},\n\nHere are the contact details of ${p.studentName}'s family (${p.instrument}, ${p.level}): ${p.family.name}.${line('E-mail:', p.family.email)}${line('Phone:', p.family.phone)}${line('Town:', p.city)}\n\nCall them to fix the first lesson, then tell us its date with this link:\n\n${p.link}`,
  }),
});

type ReminderParams = { name: string; otherName: string; studentName: string; link: PersonalLink };
export const firstLessonReminderMail = defineTemplate<ReminderParams>('agency.first-lesson-reminder', {
  fr: (p) => ({
    subject: `Premier cours de ${p.studentName} : où en êtes-vous ?`,
    text: `Bonjour ${p.name},\n\nNous n’avons pas encore la date du premier cours de ${p.studentName} avec ${p.otherName}. Indiquez-la, ou dites-nous si vous n’arrivez pas à vous joindre, avec ce lien :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `${p.studentName}'s first lesson: how is it going?`,
    text: `Hello ${p.name},\n\nWe do not have the date of ${p.studentName}'s first lesson with ${p.otherName} yet. Tell us the date, or tell us if you cannot reach each other, with this link:\n\n${p.link}`,
  }),
});
