import { defineErrors } from './define.js';

/** Codes of the timetable choice (waves by rank, waiting lists, offers). */
export const CHOICE_ERRORS = defineErrors({
  CHOICE_NOT_REGISTERED: {
    status: 403,
    fr: 'Aucune inscription administrative terminée pour cette école et cette saison : terminez-la d’abord.',
    en: 'No completed administrative enrolment for this school and season: complete it first.',
  },
  CHOICE_WINDOW_UNKNOWN: {
    status: 409,
    fr: 'La date d’ouverture du choix des horaires n’est pas encore fixée.',
    en: 'The date the timetable choice opens is not set yet.',
  },
  CHOICE_WAVE_NOT_OPEN: {
    status: 409,
    fr: 'Votre vague de choix n’est pas encore ouverte.',
    en: 'Your choice wave is not open yet.',
  },
  COURSE_FULL: {
    status: 409,
    fr: 'Ce cours est complet : vous pouvez vous inscrire sur sa liste d’attente.',
    en: 'This course is full: you may join its waiting list.',
  },
  ALREADY_CHOSEN: {
    status: 409,
    fr: 'Cet élève a déjà une place ou attend déjà dans ce cours.',
    en: 'This student already has a place or is already waiting in this course.',
  },
  NOT_OWN_STUDENT: {
    status: 403,
    fr: 'Cet élève n’est pas de votre famille.',
    en: 'This student is not of your family.',
  },
  OFFER_NOT_OPEN: {
    status: 409,
    fr: 'Cette proposition n’est plus ouverte.',
    en: 'This offer is no longer open.',
  },
  OFFER_EXPIRED: {
    status: 409,
    fr: 'Cette proposition a expiré : la place est proposée à la famille suivante.',
    en: 'This offer has expired: the seat goes to the next family.',
  },
});
