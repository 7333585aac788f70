import { defineTemplate } from '../../platform/mail-templates.js';

/** The timetable choice's messages; the links lead to the family portal (no secret in them). */

type WaveParams = { name: string; school: string; season: string; link: string };

export const choiceWaveOpenMail = defineTemplate<WaveParams>('schools.choice-wave-open', {
  fr: ({ name, school, season, link }) => ({
    subject: `Choix des horaires ouvert — ${school}`,
    text: `Bonjour ${name},\n\nLe choix des horaires de la saison ${season} à ${school} vous est ouvert : choisissez les cours de vos enfants dans votre espace famille.\n\n${link}`,
  }),
  en: ({ name, school, season, link }) => ({
    subject: `Timetable choice open — ${school}`,
    text: `Hello ${name},\n\nThe timetable choice of season ${season} at ${school} is open to you: choose your children's courses in your family portal.\n\n${link}`,
  }),
});

type OfferParams = { name: string; student: string; course: string; expiresOn: string; link: string };

export const waitingOfferMail = defineTemplate<OfferParams>('schools.waiting-offer', {
  fr: ({ name, student, course, expiresOn, link }) => ({
    subject: `Une place se libère — ${course}`,
    text: `Bonjour ${name},\n\nUne place se libère dans le cours « ${course} » pour ${student}. Acceptez-la ou refusez-la dans votre espace famille avant le ${expiresOn.split('-').reverse().join('/')} ; passé ce délai, elle est proposée à la famille suivante.\n\n${link}`,
  }),
  en: ({ name, student, course, expiresOn, link }) => ({
    subject: `A seat is free — ${course}`,
    text: `Hello ${name},\n\nA seat is free in the course "${course}" for ${student}. Accept or decline it in your family portal before ${expiresOn}; after that, it goes to the next family.\n\n${link}`,
  }),
});
