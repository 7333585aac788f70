import { defineErrors } from './define.js';

/** Codes of the agency module: requests, files, matching, hand-over, lessons, links, tickets. */
export const AGENCY_ERRORS = defineErrors({
  invalid_month: { status: 422, fr: 'Ce mois n’est pas valide (AAAA-MM).', en: 'This month is not valid (YYYY-MM).' },
  slot_ends_before_start: {
    status: 422,
    fr: 'Le créneau doit se terminer après son début.',
    en: 'The slot must end after it starts.',
  },
  lesson_date_future: {
    status: 422,
    fr: 'Un cours s’enregistre une fois donné : cette date est dans le futur.',
    en: 'A lesson is recorded once given: this date is in the future.',
  },
  lesson_date_before_start: {
    status: 422,
    fr: 'Cette date précède le début des cours avec ce professeur.',
    en: 'This date is before the lessons with this teacher began.',
  },
  first_lesson_date_implausible: {
    status: 422,
    fr: 'Le premier cours a lieu après la mise en relation et au plus tard dans 120 jours.',
    en: 'The first lesson takes place after the hand-over and within 120 days.',
  },
  address_required: { status: 422, fr: 'Indiquez l’adresse des cours.', en: 'Give the address of the lessons.' },
  contact_required: {
    status: 422,
    fr: 'Indiquez au moins un e-mail ou un téléphone.',
    en: 'Give at least an e-mail or a phone number.',
  },
  guardian_required: {
    status: 422,
    fr: 'Un élève mineur doit être inscrit par un responsable légal.',
    en: 'A minor student must be registered by a guardian.',
  },
  TASK_NOT_OPEN: {
    status: 409,
    fr: 'Cette tâche est déjà terminée : rechargez la page.',
    en: 'This task is already closed: reload the page.',
  },
  WRONG_STAGE: {
    status: 409,
    fr: 'Ce dossier n’est pas à la bonne étape pour cette action.',
    en: 'This file is not at the right stage for this action.',
  },
  NO_SUBSCRIPTION: {
    status: 409,
    fr: 'Ce dossier n’a pas encore d’abonnement.',
    en: 'This file has no subscription yet.',
  },
  ALREADY_SUBSCRIBED: {
    status: 409,
    fr: 'Ce dossier a déjà un abonnement.',
    en: 'This file already has a subscription.',
  },
  PLAN_INACTIVE: { status: 422, fr: 'Cette formule n’est plus proposée.', en: 'This plan is no longer offered.' },
  TEACHER_NOT_AVAILABLE: {
    status: 422,
    fr: 'Ce professeur ne peut pas être proposé (statut ou capacité).',
    en: 'This teacher cannot be proposed (status or capacity).',
  },
  HANDOVER_INSTRUMENT: {
    status: 422,
    fr: 'Ce professeur n’enseigne pas l’instrument de ce dossier : le contact n’a pas été transmis.',
    en: 'This teacher does not teach this file’s instrument: the contact was not handed over.',
  },
  HANDOVER_SUSPENDED: {
    status: 422,
    fr: 'Ce professeur est suspendu ou inactif : le contact n’a pas été transmis.',
    en: 'This teacher is suspended or inactive: the contact was not handed over.',
  },
  HANDOVER_LEVEL: {
    status: 422,
    fr: 'Ce professeur n’enseigne pas à ce niveau : le contact n’a pas été transmis.',
    en: 'This teacher does not teach this level: the contact was not handed over.',
  },
  HANDOVER_AGE: {
    status: 422,
    fr: 'Ce professeur n’enseigne pas à cet âge : le contact n’a pas été transmis.',
    en: 'This teacher does not teach students of this age: the contact was not handed over.',
  },
  HANDOVER_PLACE: {
    status: 422,
    fr: 'Ce professeur ne donne pas de cours à cet endroit (domicile, école ou en ligne) : le contact n’a pas été transmis.',
    en: 'This teacher does not teach in this place (home, school or online): the contact was not handed over.',
  },
  HANDOVER_DISTANCE: {
    status: 422,
    fr: 'Ce professeur habite au-delà de sa distance de déplacement : le contact n’a pas été transmis.',
    en: 'This teacher lives beyond their travel distance: the contact was not handed over.',
  },
  HANDOVER_CAPACITY: {
    status: 422,
    fr: 'Ce professeur n’a plus de place pour un nouvel élève : le contact n’a pas été transmis.',
    en: 'This teacher has no room for a new student: the contact was not handed over.',
  },
  HANDOVER_AVAILABILITY: {
    status: 422,
    fr: 'Ce professeur n’a aucun créneau en commun avec la famille : le contact n’a pas été transmis.',
    en: 'This teacher has no slot in common with the family: the contact was not handed over.',
  },
  HANDOVER_PREVIOUS: {
    status: 422,
    fr: 'Ce professeur a déjà suivi cet élève : le contact n’a pas été transmis.',
    en: 'This teacher already taught this student: the contact was not handed over.',
  },
  NO_ACTIVE_ASSIGNMENT: {
    status: 409,
    fr: 'Aucun professeur n’est actuellement attribué à ce dossier.',
    en: 'No teacher is currently assigned to this file.',
  },
  NOT_A_DUPLICATE: {
    status: 409,
    fr: 'Cette demande n’est pas signalée comme doublon de cette famille : choisissez-la et confirmez pour fusionner.',
    en: 'This request is not flagged as a duplicate of this family: choose it and confirm to merge.',
  },
  ALREADY_IN_FAMILY: {
    status: 409,
    fr: 'Cette demande appartient déjà à cette famille.',
    en: 'This request already belongs to this family.',
  },
  MERGE_MANDATE_CONFLICT: {
    status: 409,
    fr: 'Les deux familles ont un mandat SEPA actif : mettez fin à l’un d’eux avant de fusionner.',
    en: 'Both families have an active SEPA mandate: end one of them before merging.',
  },
  MERGE_CERTIFICATE_CONFLICT: {
    status: 409,
    fr: 'Les deux familles ont une attestation fiscale pour la même année : la comptabilité doit la régler d’abord.',
    en: 'Both families have a tax certificate for the same year: accounts must settle it.',
  },
  MERGE_SCHOOL_SEASON_CONFLICT: {
    status: 409,
    fr: 'Les deux familles ont un mode de paiement ou un tarif solidaire pour la même saison : le secrétariat doit n’en garder qu’un.',
    en: 'Both families have a payment plan or a solidarity rate for the same season: the secretariat must keep only one.',
  },
  LINK_USED: { status: 410, fr: 'Ce lien a déjà été utilisé.', en: 'This link has already been used.' },
});
