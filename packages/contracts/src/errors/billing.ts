import { defineErrors } from './define.js';

/** Codes of the billing module: invoices, payments, SEPA mandates, collection batches, holds, certificates. */
export const BILLING_ERRORS = defineErrors({
  invalid_amount: {
    status: 422,
    fr: 'Montant invalide : un nombre entier de centimes, d’au moins 1 centime.',
    en: 'Invalid amount: a whole number of cents, at least 1 cent.',
  },
  invalid_iban: {
    status: 422,
    fr: 'Cet IBAN n’est pas valide (clé de contrôle ou format).',
    en: 'This IBAN is not valid (check digits or format).',
  },
  iban_not_sepa: {
    status: 422,
    fr: 'Cet IBAN n’appartient pas à la zone SEPA.',
    en: 'This IBAN is outside the SEPA area.',
  },
  invalid_bic: { status: 422, fr: 'Ce BIC n’est pas valide.', en: 'This BIC is not valid.' },
  invalid_rum_length: {
    status: 422,
    fr: 'La référence unique de mandat (RUM) doit comporter de 1 à 35 caractères.',
    en: 'The mandate reference (RUM) must have 1 to 35 characters.',
  },
  invalid_rum_characters: {
    status: 422,
    fr: 'La RUM contient des caractères non autorisés par le SEPA.',
    en: 'The mandate reference contains characters SEPA does not allow.',
  },
  invalid_rum_slashes: {
    status: 422,
    fr: 'La RUM ne peut ni commencer ni finir par « / », ni contenir « // ».',
    en: 'The mandate reference may not start or end with "/" nor contain "//".',
  },
  invalid_ics: {
    status: 422,
    fr: 'Cet identifiant créancier SEPA (ICS) n’est pas valide.',
    en: 'This SEPA creditor identifier is not valid.',
  },
  invalid_reason_code: {
    status: 422,
    fr: 'Code motif ISO invalide (4 caractères, ex. AC04).',
    en: 'Invalid ISO reason code (4 characters, e.g. AC04).',
  },
  unknown_reason_code: {
    status: 422,
    fr: 'Ce code motif n’appartient pas à la liste ISO 20022 des prélèvements SEPA (ZZZZ refusé).',
    en: 'This reason code is not in the ISO 20022 list for SEPA direct debits (ZZZZ refused).',
  },
  reason_not_for_kind: {
    status: 422,
    fr: 'Ce code motif ne va pas avec ce type d’opération (un remboursement est MD06 ou MD01 ; AM04 est un rejet ou un retour).',
    en: 'This reason code does not go with this kind (a refund is MD06 or MD01; AM04 is a reject or a return).',
  },
  return_in_future: {
    status: 422,
    fr: 'La date du retour ne peut pas être dans le futur.',
    en: 'The return date cannot be in the future.',
  },
  return_before_collection: {
    status: 422,
    fr: 'Un retour ou un remboursement ne peut précéder la date de prélèvement.',
    en: 'A return or a refund cannot precede the collection date.',
  },
  return_before_export: {
    status: 422,
    fr: 'Un rejet ne peut précéder l’envoi du fichier à la banque.',
    en: 'A reject cannot precede the sending of the file to the bank.',
  },
  short_notice_min: {
    status: 422,
    fr: 'Le délai de pré-notification ne peut pas être inférieur à 2 jours.',
    en: 'The pre-notification period cannot be shorter than 2 days.',
  },
  cheque_needs_cashing_date: {
    status: 422,
    fr: 'Indiquez la date d’encaissement du chèque.',
    en: 'Give the cheque’s cashing date.',
  },
  consent_required: {
    status: 422,
    fr: 'Cochez la case d’accord pour signer le mandat.',
    en: 'Tick the consent box to sign the mandate.',
  },
  refund_window_closed: {
    status: 422,
    fr: 'Le délai de remboursement est dépassé (8 semaines, ou 13 mois sans mandat valide).',
    en: 'The refund period is over (8 weeks, or 13 months without a valid mandate).',
  },
  refund_before_collection: {
    status: 422,
    fr: 'Un remboursement ne peut précéder la date de prélèvement.',
    en: 'A refund cannot precede the collection date.',
  },
  CREDITOR_NOT_CONFIGURED: {
    status: 409,
    fr: 'Renseignez l’identifiant créancier SEPA (ICS) et le compte de l’organisation dans les réglages.',
    en: 'Set the SEPA creditor identifier and the organisation’s account in the settings.',
  },
  RUM_TAKEN: {
    status: 409,
    fr: 'Cette référence de mandat (RUM) existe déjà pour cet identifiant créancier.',
    en: 'This mandate reference already exists for this creditor identifier.',
  },
  BATCH_EXPORTED: {
    status: 409,
    fr: 'Ce lot a été exporté : il ne peut plus être modifié.',
    en: 'This batch was exported: it can no longer change.',
  },
  BATCH_NOT_EXPORTED: {
    status: 409,
    fr: 'Ce lot n’a pas encore été exporté.',
    en: 'This batch has not been exported yet.',
  },
  BATCH_EMPTY: {
    status: 422,
    fr: 'Aucun prélèvement à inclure dans ce lot.',
    en: 'No debit to include in this batch.',
  },
  COLLECTION_DATE_PAST: {
    status: 422,
    fr: 'La date de prélèvement doit être postérieure à aujourd’hui.',
    en: 'The collection date must be after today.',
  },
  COLLECTION_DATE_NOT_BUSINESS_DAY: {
    status: 422,
    fr: 'La date de prélèvement doit être un jour ouvré TARGET2 (ni samedi, ni dimanche, ni 1er janvier, Vendredi saint, lundi de Pâques, 1er mai, 25 ou 26 décembre).',
    en: 'The collection date must be a TARGET2 business day (not a Saturday, Sunday, 1 January, Good Friday, Easter Monday, 1 May, 25 or 26 December).',
  },
  COLLECTION_DATE_TOO_SOON: {
    status: 422,
    fr: 'La date de prélèvement doit suivre d’au moins un jour ouvré TARGET2 le jour de l’export (le fichier doit parvenir à la banque la veille ouvrée).',
    en: 'The collection date must be at least one TARGET2 business day after the export day (the bank needs the file by the business day before).',
  },
  BATCH_LATE: {
    status: 409,
    fr: 'Trop tard pour la date de prélèvement de ce lot : changez sa date (un jour ouvré TARGET2 au moins un jour ouvré après aujourd’hui), puis exportez-le.',
    en: 'Too late for this batch’s collection date: change its date (a TARGET2 business day at least one business day after today), then export it.',
  },
  invalid_rum_spaces: {
    status: 422,
    fr: 'La RUM ne peut pas contenir d’espace.',
    en: 'The mandate reference may not contain spaces.',
  },
  DEBIT_ALREADY_RETURNED: {
    status: 409,
    fr: 'Ce prélèvement a déjà fait l’objet d’un rejet ou d’un remboursement.',
    en: 'This debit was already rejected or refunded.',
  },
  DEBIT_NOT_EXPORTED: {
    status: 409,
    fr: 'Seul un prélèvement exporté peut être rejeté ou remboursé.',
    en: 'Only an exported debit can be rejected or refunded.',
  },
  MANDATE_NOT_ACTIVE: {
    status: 409,
    fr: 'Ce mandat n’est plus actif (révoqué ou terminé) : sa référence ne change plus.',
    en: 'This mandate is no longer active (revoked or ended): its reference no longer changes.',
  },
  INVOICE_NOT_OPEN: {
    status: 409,
    fr: 'Cette facture n’est pas ouverte : elle est déjà réglée ou annulée.',
    en: 'This invoice is not open: it is already paid or cancelled.',
  },
  AMOUNT_EXCEEDS_BALANCE: {
    status: 422,
    fr: 'Le montant dépasse le solde de la facture.',
    en: 'The amount exceeds the invoice balance.',
  },
  INSTALMENTS_MUST_SUM: {
    status: 422,
    fr: 'La somme des échéances doit être égale au solde restant.',
    en: 'The instalments must add up to the remaining balance.',
  },
  INSTALMENT_ALREADY_DEBITED: {
    status: 422,
    fr: 'Une échéance est déjà dans un lot de prélèvement.',
    en: 'An instalment is already in a collection batch.',
  },
  INVOICE_BEFORE_HANDOVER: {
    status: 422,
    fr: 'Aucun professeur n’a encore été mis en relation avec cette famille : indiquez pourquoi cette facture est émise.',
    en: 'No teacher’s contact has been handed over to this family yet: say why this invoice is issued.',
  },
  HOLD_RELEASED: {
    status: 409,
    fr: 'Cette suspension a déjà été levée.',
    en: 'This hold was already released.',
  },
  PAYER_INCOMPLETE: {
    status: 422,
    fr: 'Facture non émise : le nom complet du payeur ou l’adresse de facturation de la famille manque (voir les champs indiqués).',
    en: 'Invoice not issued: the payer’s full name or the family’s billing address is missing (see the fields shown).',
  },
  payer_name_missing: {
    status: 422,
    fr: 'Indiquez le prénom et le nom du responsable qui paie (le payeur figure sur la facture).',
    en: 'Give the first and last name of the guardian who pays (the payer is printed on the invoice).',
  },
  billing_line1_missing: {
    status: 422,
    fr: 'L’adresse de facturation de la famille n’a pas de rue.',
    en: 'The family’s billing address has no street.',
  },
  billing_postal_code_missing: {
    status: 422,
    fr: 'L’adresse de facturation de la famille n’a pas de code postal.',
    en: 'The family’s billing address has no postal code.',
  },
  billing_city_missing: {
    status: 422,
    fr: 'L’adresse de facturation de la famille n’a pas de ville.',
    en: 'The family’s billing address has no city.',
  },
  invalid_quantity: {
    status: 422,
    fr: 'Quantité invalide : un nombre positif d’au plus deux décimales (cours ou heures), 1000 au plus.',
    en: 'Invalid quantity: a positive number with at most two decimals (lessons or hours), 1000 at most.',
  },
  INVOICE_LINES_MUST_SUM: {
    status: 422,
    fr: 'Le montant de la facture doit être la somme de ses lignes.',
    en: 'The invoice amount must be the sum of its lines.',
  },
  CREDIT_EXCEEDS_INVOICE: {
    status: 422,
    fr: 'L’avoir dépasse ce qui reste à créditer sur cette facture.',
    en: 'The credit note exceeds what is left to credit on this invoice.',
  },
  CERTIFICATE_SIGNATORY_MISSING: {
    status: 409,
    fr: 'Indiquez dans les réglages qui signe les attestations fiscales (nom, qualité) et le lieu de délivrance.',
    en: 'Set in the settings who signs the tax certificates (name, title) and the place of issue.',
  },
  certificate_year_future: {
    status: 422,
    fr: 'Une attestation fiscale ne peut porter sur une année qui n’a pas commencé.',
    en: 'A tax certificate cannot cover a year that has not begun.',
  },
  DEFERRAL_RANGE: {
    status: 422,
    fr: 'La période des échéances reportées est invalide : le début doit précéder la fin, et la nouvelle date suivre le début.',
    en: 'The range of deferred due dates is invalid: its start must precede its end, and the new date follow its start.',
  },
});
