import { defineTemplate } from '../../platform/mail-templates.js';

/** Replacements' messages: the families of a replaced course, and the substitute. No secret in them. */

const frDay = (d: string) => d.split('-').reverse().join('/');

type FamilyParams = { name: string; course: string; school: string; substitute: string; from: string; to: string };

/** The course's families: a substitute holds the lessons from … to …. */
export const replacementFamilyMail = defineTemplate<FamilyParams>('schools.replacement-family', {
  fr: (p) => ({
    subject: `Remplacement — ${p.course}`,
    text: `Bonjour ${p.name},\n\nDu ${frDay(p.from)} au ${frDay(p.to)}, les cours « ${p.course} » (${p.school}) sont assurés par ${p.substitute}, qui remplace le professeur habituel. Les horaires et la salle ne changent pas.`,
  }),
  en: (p) => ({
    subject: `Substitute teacher — ${p.course}`,
    text: `Hello ${p.name},\n\nFrom ${p.from} to ${p.to}, the lessons of "${p.course}" (${p.school}) are held by ${p.substitute}, who replaces the usual teacher. The times and room do not change.`,
  }),
});

type SubstituteParams = {
  name: string;
  course: string;
  school: string;
  absent: string;
  from: string;
  to: string;
  link: string;
};

/** The substitute: which course, for whom, when, and where their sheets are. */
export const replacementSubstituteMail = defineTemplate<SubstituteParams>('schools.replacement-substitute', {
  fr: (p) => ({
    subject: `Vous remplacez ${p.absent} — ${p.course}`,
    text: `Bonjour ${p.name},\n\nDu ${frDay(p.from)} au ${frDay(p.to)}, vous assurez les cours « ${p.course} » (${p.school}) à la place de ${p.absent}. Vous trouverez les feuilles de présence de ces cours dans votre espace professeur :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `You replace ${p.absent} — ${p.course}`,
    text: `Hello ${p.name},\n\nFrom ${p.from} to ${p.to}, you hold the lessons of "${p.course}" (${p.school}) in place of ${p.absent}. Their attendance sheets are in your teacher portal:\n\n${p.link}`,
  }),
});
