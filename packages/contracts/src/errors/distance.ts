import { defineErrors } from './define.js';

/** Codes of distance lessons. */
export const DISTANCE_ERRORS = defineErrors({
  NOT_A_DISTANCE_LESSON: {
    status: 422,
    fr: 'Ce cours n’a pas lieu à distance ce jour-là, ou n’a pas encore eu lieu.',
    en: 'This lesson is not held at distance on that day, or has not been held yet.',
  },
  MATERIAL_EMPTY: {
    status: 422,
    fr: 'Écrivez un texte ou donnez un lien.',
    en: 'Write a text or give a link.',
  },
  ACK_ALREADY_GIVEN: {
    status: 410,
    fr: 'Vous avez déjà répondu « ok » à ce cours : ce lien ne sert plus.',
    en: 'You have already said "ok" to this lesson: this link is used.',
  },
  ACK_EXPIRED: {
    status: 410,
    fr: 'Le délai pour répondre à ce cours est passé : voyez avec le professeur.',
    en: 'The time to answer this lesson has passed: see the teacher.',
  },
});
