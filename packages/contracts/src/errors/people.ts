import { defineErrors } from './define.js';

/** Codes of the people module (families, guardians, students) and of the accounts kept by the users module. */
export const PEOPLE_ERRORS = defineErrors({
  EMAIL_TAKEN: {
    status: 409,
    fr: 'Cette adresse e-mail est déjà utilisée.',
    en: 'This e-mail address is already in use.',
  },
  MINOR_NEEDS_GUARDIAN: {
    status: 422,
    fr: 'Un élève mineur doit avoir au moins un responsable légal dans la famille.',
    en: 'A minor student needs at least one guardian in the family.',
  },
  FAMILY_NEEDS_CONTACT: {
    status: 422,
    fr: 'Indiquez au moins un responsable avec un e-mail ou un téléphone.',
    en: 'Give at least one guardian with an e-mail or a phone number.',
  },
  LAST_ADMIN: {
    status: 422,
    fr: 'Il doit rester au moins un administrateur actif.',
    en: 'At least one active administrator must remain.',
  },
});
