import { defineErrors } from './define.js';

/** Codes of school fees and cancellations. */
export const FEES_ERRORS = defineErrors({
  NO_SEASON_TARIFFS: {
    status: 422,
    fr: 'Le conseil n’a pas encore voté les tarifs de cette saison : les frais ne peuvent pas être émis.',
    en: 'The board has not voted this season’s tariffs yet: the fees cannot be issued.',
  },
  FEE_PLAN_ALREADY_CHOSEN: {
    status: 409,
    fr: 'Le mode de paiement de cette saison a déjà été choisi ; pour le changer, adressez-vous au secrétariat.',
    en: 'The payment plan for this season was already chosen; ask the secretariat to change it.',
  },
  NO_FEES_ISSUED: {
    status: 422,
    fr: 'Aucun frais n’a encore été émis pour cette saison.',
    en: 'No fees have been issued for this season yet.',
  },
  SEPA_MANDATE_REQUIRED: {
    status: 422,
    fr: 'Le prélèvement demande un mandat SEPA signé : signez-le dans l’espace « Prélèvements » puis revenez.',
    en: 'Direct debit needs a signed SEPA mandate: sign it under “Direct debit”, then come back.',
  },
  PLACE_NOT_CANCELLABLE: {
    status: 409,
    fr: 'Cette place n’est pas confirmée ou a déjà été annulée.',
    en: 'This place is not confirmed or was already cancelled.',
  },
  EFFECTIVE_BEFORE_TODAY: {
    status: 422,
    fr: 'L’annulation ne peut pas prendre effet avant aujourd’hui.',
    en: 'The cancellation cannot take effect before today.',
  },
  CANCELLATION_DEADLINE_PASSED: {
    status: 422,
    fr: 'La date limite d’annulation du dernier trimestre est passée et aucune règle particulière ne s’applique : cette place reste due.',
    en: 'The cancellation deadline of the last term has passed and no special rule applies: this place remains owed.',
  },
  SPECIAL_RULE_DATES: {
    status: 422,
    fr: 'La période doit finir après son début, et la date limite tomber dans la période.',
    en: 'The period must end after it starts, and the deadline fall within it.',
  },
  SOLIDARITY_CRITERION_UNKNOWN: {
    status: 422,
    fr: 'Ce critère ne figure pas parmi les tarifs solidaires votés pour la saison.',
    en: 'This criterion is not among the solidarity rates voted for the season.',
  },
});
