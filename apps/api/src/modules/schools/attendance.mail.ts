import { defineTemplate } from '../../platform/mail-templates.js';

type SheetReminderParams = { name: string; course: string; school: string; period: string; link: string };

/** The secretariat's reminder to a teacher whose attendance sheet of a period is not filled (once a day at most). */
export const sheetReminderMail = defineTemplate<SheetReminderParams>('schools.attendance-reminder', {
  fr: (p) => ({
    subject: `Feuille de présence à remplir — ${p.course} (${p.period})`,
    text: `${p.name ? `Bonjour ${p.name},` : 'Bonjour,'}\n\nLa feuille de présence du cours « ${p.course} » (${p.school}) pour la période ${p.period} n’est pas encore remplie. Merci de noter les présences de chaque cours déjà tenu :\n\n${p.link}`,
  }),
  en: (p) => ({
    subject: `Attendance sheet to fill — ${p.course} (${p.period})`,
    text: `${p.name ? `Hello ${p.name},` : 'Hello,'}\n\nThe attendance sheet of the course "${p.course}" (${p.school}) for the period ${p.period} is not filled yet. Please mark attendance for each lesson already held:\n\n${p.link}`,
  }),
});
