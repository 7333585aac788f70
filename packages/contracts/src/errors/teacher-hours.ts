import { defineErrors } from './define.js';

/** Codes of teachers' hours (contracts per school). */
export const TEACHER_HOURS_ERRORS = defineErrors({
  CONTRACT_OVERLAPS: {
    status: 422,
    fr: 'Ce professeur a déjà un contrat dans cette école sur ces dates : terminez-le d’abord.',
    en: 'This teacher already has a contract at this school on these dates: end it first.',
  },
  CONTRACT_ENDS_BEFORE_START: {
    status: 422,
    fr: 'La fin du contrat précède son début.',
    en: 'The contract ends before it starts.',
  },
  NOT_A_TEACHER: {
    status: 422,
    fr: 'Cette personne n’est pas un professeur.',
    en: 'This person is not a teacher.',
  },
});
