import { defineErrors } from './define.js';

/** Codes of the board's register of decisions and the season tariffs it adopts. */
export const BOARD_ERRORS = defineErrors({
  NO_MEMBER_PRESENT: {
    status: 422,
    fr: 'Aucun membre présent ni représenté : le conseil n’a pas pu voter.',
    en: 'No member present or represented: the board could not vote.',
  },
  VOTES_EXCEED_MEMBERS: {
    status: 422,
    fr: 'Il y a plus de voix que de membres présents et représentés.',
    en: 'There are more votes than members present and represented.',
  },
  DECISION_IN_FUTURE: {
    status: 422,
    fr: 'Une décision se consigne une fois votée : la date ne peut pas être à venir.',
    en: 'A decision is recorded once voted: its date cannot be in the future.',
  },
  DECISION_NEEDS_SEASON: {
    status: 422,
    fr: 'Choisissez la saison dont la décision fixe les tarifs.',
    en: 'Choose the season whose tariffs the decision sets.',
  },
  SEASON_UNKNOWN: {
    status: 422,
    fr: 'Cette saison n’existe pas.',
    en: 'This season does not exist.',
  },
  TARIFFS_REQUIRED: {
    status: 422,
    fr: 'Une décision tarifaire donne les tarifs adoptés.',
    en: 'A tariffs decision gives the tariffs adopted.',
  },
  TARIFFS_NOT_ADOPTED: {
    status: 422,
    fr: 'Des tarifs rejetés (pas plus de voix pour que contre) ne s’appliquent pas : consignez une décision générale.',
    en: 'Rejected tariffs (no more votes for than against) do not apply: record a general decision.',
  },
  TARIFF_DUPLICATE: {
    status: 422,
    fr: 'Cette discipline a déjà un tarif pour cette durée.',
    en: 'This discipline already has a fee for this duration.',
  },
  NO_TARIFFS_TO_COPY: {
    status: 422,
    fr: 'La saison précédente n’a pas de tarifs à reconduire.',
    en: 'The previous season has no tariffs to carry over.',
  },
  DECISION_LINK_UNKNOWN: {
    status: 422,
    fr: 'Ce que la décision fixe est introuvable.',
    en: 'What the decision sets cannot be found.',
  },
});
