import { defineTemplate } from '../../platform/mail-templates.js';

type SpecialRuleParams = {
  name: string;
  school: string;
  label: string;
  startsOn: string;
  endsOn: string;
  deadline: string;
};

const frDate = (iso: string) => iso.split('-').reverse().join('/');

/** A special cancellation rule for a period, told once to each family with a place at the school. */
export const specialRuleMail = defineTemplate<SpecialRuleParams>('schools.cancellation-special-rule', {
  fr: (p) => ({
    subject: `Annulations : règle particulière du ${frDate(p.startsOn)} au ${frDate(p.endsOn)} — ${p.school}`,
    text: `${p.name ? `Bonjour ${p.name},` : 'Bonjour,'}\n\nDu ${frDate(p.startsOn)} au ${frDate(p.endsOn)}, une règle particulière s’applique aux annulations à ${p.school} : ${p.label}\n\nLes cours non tenus ne sont pas dus, et les annulations sont acceptées jusqu’au ${frDate(p.deadline)}, par une demande écrite dans votre espace famille.`,
  }),
  en: (p) => ({
    subject: `Cancellations: special rule from ${p.startsOn} to ${p.endsOn} — ${p.school}`,
    text: `${p.name ? `Hello ${p.name},` : 'Hello,'}\n\nFrom ${p.startsOn} to ${p.endsOn}, a special rule applies to cancellations at ${p.school}: ${p.label}\n\nLessons not held are not owed, and cancellations are accepted until ${p.deadline}, by a written request in your family portal.`,
  }),
});
