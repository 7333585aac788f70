import { defineErrors } from './define.js';

/** Codes of the re-enrolment of returning students: campaigns, packs, answers. */
export const REENROLMENT_ERRORS = defineErrors({
  CAMPAIGN_EXISTS: {
    status: 409,
    fr: 'Une campagne de réinscription est déjà ouverte pour cette saison.',
    en: 'A re-enrolment campaign is already open for this season.',
  },
  CAMPAIGN_SEASONS_ORDER: {
    status: 422,
    fr: 'La saison suivante doit commencer après la saison en cours.',
    en: 'The next season must start after the current one.',
  },
  CAMPAIGN_DEADLINE_PAST: {
    status: 422,
    fr: 'La date limite prioritaire doit être postérieure à aujourd’hui.',
    en: 'The priority deadline must be after today.',
  },
  PACK_CLOSED: {
    status: 409,
    fr: 'Ce dossier de réinscription a déjà reçu une réponse ou sa date limite est passée : contactez le secrétariat.',
    en: 'This re-enrolment pack has already been answered or its deadline has passed: contact the secretariat.',
  },
  CHANGE_NOTE_REQUIRED: {
    status: 422,
    fr: 'Dites-nous ce que vous souhaitez changer (autre cours, autre horaire).',
    en: 'Tell us what you would like to change (another course, another time).',
  },
});
