import { defineErrors } from './define.js';

/** Codes of attendance sheets and calendar feeds (the school year's days as people see them). */
export const ATTENDANCE_ERRORS = defineErrors({
  CALENDAR_FEED_NOT_YOURS: {
    status: 422,
    fr: 'Vous ne pouvez pas vous abonner à ce calendrier.',
    en: 'You cannot subscribe to this calendar.',
  },
  NO_SUCH_PERIOD: {
    status: 422,
    fr: 'Cette période n’existe pas.',
    en: 'This period does not exist.',
  },
  TEACHER_UNREACHABLE: {
    status: 409,
    fr: 'Le professeur n’a pas d’adresse e-mail : appelez-le.',
    en: 'The teacher has no e-mail address: call them.',
  },
  NOT_A_LESSON_DAY: {
    status: 422,
    fr: 'Le cours n’a pas lieu ce jour-là (calendrier de la saison).',
    en: 'The course does not meet on that day (season calendar).',
  },
  LESSON_NOT_YET_HELD: {
    status: 422,
    fr: 'Ce cours n’a pas encore eu lieu : seule une annulation peut être notée à l’avance.',
    en: 'This lesson has not been held yet: only a cancellation may be marked in advance.',
  },
  STUDENT_NOT_EXPECTED: {
    status: 422,
    fr: 'Cet élève n’a pas de place confirmée dans ce cours ce jour-là.',
    en: 'This student has no confirmed place in this course on that day.',
  },
  ALREADY_REMINDED_TODAY: {
    status: 409,
    fr: 'Le professeur a déjà reçu un rappel pour cette feuille aujourd’hui.',
    en: 'The teacher was already reminded of this sheet today.',
  },
  SHEET_ALREADY_FILLED: {
    status: 409,
    fr: 'Cette feuille est déjà remplie : pas de rappel à envoyer.',
    en: 'This sheet is already filled: no reminder to send.',
  },
});
