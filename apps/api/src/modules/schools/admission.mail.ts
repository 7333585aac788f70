import { defineTemplate } from '../../platform/mail-templates.js';

type AdmissionConfirmedParams = {
  name: string;
  school: string;
  season: string;
  rank: number;
  students: string;
  /** true: an account was created and its invitation (a personal link) comes in a separate e-mail. */
  accountInvited: boolean;
};

/** The family's confirmation of its administrative enrolment, with its rank (no link: nothing personal in it). */
export const admissionConfirmedMail = defineTemplate<AdmissionConfirmedParams>('schools.admission-confirmed', {
  fr: ({ name, school, season, rank, students, accountInvited }) => ({
    subject: `Inscription enregistrée — ${school}, saison ${season}`,
    text: `Bonjour ${name},\n\nL’inscription administrative de ${students} à ${school} pour la saison ${season} est enregistrée. Son rang est le n° ${rank} : les familles sont appelées dans cet ordre pour choisir les horaires des cours, après les élèves qui se réinscrivent.\n\n${accountInvited ? 'Un autre e-mail vous invite à choisir le mot de passe de votre espace famille.' : 'Retrouvez cette inscription dans votre espace famille, rubrique « Mes inscriptions ».'}`,
  }),
  en: ({ name, school, season, rank, students, accountInvited }) => ({
    subject: `Enrolment received — ${school}, season ${season}`,
    text: `Hello ${name},\n\nThe administrative enrolment of ${students} at ${school} for the ${season} season is recorded. Its rank is no. ${rank}: families are called in this order to choose their course times, after the returning students.\n\n${accountInvited ? 'Another e-mail invites you to choose the password of your family space.' : 'You will find this enrolment in your family space, under “My enrolments”.'}`,
  }),
});
