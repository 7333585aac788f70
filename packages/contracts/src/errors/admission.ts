import { defineErrors } from './define.js';

/** Codes of the administrative enrolment of new students (issue 15, item 1). */
export const ADMISSION_ERRORS = defineErrors({
  data_processing_consent_required: {
    status: 422,
    fr: 'L’accord sur le traitement des données est nécessaire pour inscrire la famille.',
    en: 'Consent to data processing is needed to enrol the family.',
  },
  guardian_consent_required: {
    status: 422,
    fr: 'Un élève de moins de 15 ans a besoin de l’accord d’un responsable légal.',
    en: 'A student under 15 needs a guardian’s consent.',
  },
  birth_date_future: {
    status: 422,
    fr: 'La date de naissance ne peut pas être dans le futur.',
    en: 'The birth date cannot be in the future.',
  },
  heard_from_other_required: {
    status: 422,
    fr: 'Précisez comment vous avez connu l’école.',
    en: 'Tell us how you heard of the school.',
  },
  NO_OPEN_SEASON: {
    status: 422,
    fr: 'Cette école n’a pas de saison ouverte aux inscriptions.',
    en: 'This school has no season open for enrolment.',
  },
});
