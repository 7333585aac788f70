import i18next from 'i18next';
import { BILLING_NS } from './billing-i18n';

/**
 * The office's own billing texts (exclusion sentences, instalment plans, voted deferrals, the return and re-date
 * dialogs, the held periods' choice), merged deeply into the `billing` namespace by the office pages that use them,
 * so that the family portal does not download them.
 */
const fr = {
  returns: {
    open: 'Enregistrer un retour',
    line: 'Prélèvement concerné',
    amount: 'Montant',
    cancel: 'Annuler',
  },
  holds: {
    heldPeriods: 'Périodes commencées pendant la suspension',
    heldPeriodsHint: 'Aucune période n’est facturée tant que l’abonnement est suspendu.',
    invoiceThem: 'Les facturer',
    waiveThem: 'Y renoncer (jamais facturées)',
  },
  batches: {
    redate: 'Changer la date',
    redateHint:
      'Un lot en retard pour sa date doit être redaté : les familles reçoivent une nouvelle pré-notification avec la nouvelle date.',
    newDate: 'Nouvelle date de prélèvement',
    redateSubmit: 'Redater le lot',
    redated: 'Lot redaté ; les familles sont prévenues de la nouvelle date.',
  },
  exclusion: {
    noLessonSinceHandover: 'Aucun cours depuis la mise en relation du {{date}}',
    noLessonSince: 'Aucun cours depuis le {{date}}',
    review: ' (à revoir le {{date}})',
    noticeNotSent: 'Pré-notification pas encore envoyée pour cette date',
    lateNotice: 'Pré-notification envoyée le {{sent}} : prélèvement possible au plus tôt le {{earliest}}',
    lateNoticeNoDate: 'Pré-notification envoyée le {{sent}}, trop tard pour cette date',
    dispute_one: 'Cours du {{dates}} contesté par la famille',
    dispute_other: 'Cours contestés par la famille : {{dates}}',
    sequenceWithDate: '{{reason}} (mandat {{rum}}, prélèvement du {{date}})',
    withMandate: '{{reason}} (mandat {{rum}})',
    paidOtherwise: '{{reason}} : facture {{number}}, reste dû {{left}} €',
  },
  plans: {
    title: 'Échéanciers',
    create: 'Établir un échéancier',
    list: 'Factures payées en plusieurs fois',
    none: 'Aucun échéancier.',
    instalment: 'Échéance {{n}}',
    dueOn: 'Échéance le',
    add: 'Ajouter une échéance',
    remove: 'Retirer',
    removeNamed: 'Retirer l’échéance {{n}}',
    submit: 'Enregistrer l’échéancier',
    saved: 'Échéancier de la facture {{number}} enregistré.',
    next: 'Prochaine échéance',
    detailTitle: 'Échéancier de la facture {{number}}',
    instalments: 'Échéances',
    seq: 'N°',
    notified: 'Pré-notifiée le',
    back: 'Tous les échéanciers',
    methods: { sepa: 'Prélèvement SEPA', cheque: 'Chèque', transfer: 'Virement', card: 'Carte' },
    status: { due: 'À venir', debited: 'Prélevée', paid: 'Payée', returned: 'Rejetée', cancelled: 'Remplacée' },
  },
  deferrals: {
    title: 'Reports de paiement votés',
    create: 'Enregistrer un report voté',
    list: 'Reports enregistrés',
    none: 'Aucun report.',
    decisionRef: 'Délibération',
    decidedOn: 'Votée le',
    reason: 'Motif',
    fromDueOn: 'Échéances du',
    toDueOn: 'au',
    newDueOn: 'Nouvelle échéance',
    plan: 'Formule concernée',
    allPlans: 'Toutes les formules',
    onePlan: 'Une formule',
    submit: 'Enregistrer le report',
    saved: 'Report enregistré : {{count}} échéance(s) déplacée(s).',
    range: 'Échéances concernées',
    rangeValue: 'du {{from}} au {{to}}',
    affected: 'Échéances déplacées',
    recordedAt: 'Enregistré le',
    detailTitle: 'Report {{ref}}',
    decision: 'Décision',
    back: 'Tous les reports',
  },
};
const en: typeof fr = {
  returns: {
    open: 'Record a return',
    line: 'Debit concerned',
    amount: 'Amount',
    cancel: 'Cancel',
  },
  holds: {
    heldPeriods: 'Periods begun during the hold',
    heldPeriodsHint: 'No period is invoiced while the subscription is held.',
    invoiceThem: 'Invoice them',
    waiveThem: 'Waive them (never invoiced)',
  },
  batches: {
    redate: 'Change the date',
    redateHint:
      'A batch too late for its date must be re-dated: families get a new pre-notification with the new date.',
    newDate: 'New collection date',
    redateSubmit: 'Re-date the batch',
    redated: 'Batch re-dated; families are told the new date.',
  },
  exclusion: {
    noLessonSinceHandover: 'No lesson since the hand-over of {{date}}',
    noLessonSince: 'No lesson since {{date}}',
    review: ' (to review on {{date}})',
    noticeNotSent: 'No pre-notification sent yet for this date',
    lateNotice: 'Pre-notification sent on {{sent}}: the earliest collection is {{earliest}}',
    lateNoticeNoDate: 'Pre-notification sent on {{sent}}, too late for this date',
    dispute_one: 'Lesson of {{dates}} disputed by the family',
    dispute_other: 'Lessons disputed by the family: {{dates}}',
    sequenceWithDate: '{{reason}} (mandate {{rum}}, debit of {{date}})',
    withMandate: '{{reason}} (mandate {{rum}})',
    paidOtherwise: '{{reason}}: invoice {{number}}, {{left}} € still due',
  },
  plans: {
    title: 'Instalment plans',
    create: 'Set up an instalment plan',
    list: 'Invoices paid in instalments',
    none: 'No instalment plan.',
    instalment: 'Instalment {{n}}',
    dueOn: 'Due on',
    add: 'Add an instalment',
    remove: 'Remove',
    removeNamed: 'Remove instalment {{n}}',
    submit: 'Save the plan',
    saved: 'Instalment plan of invoice {{number}} saved.',
    next: 'Next instalment',
    detailTitle: 'Instalment plan of invoice {{number}}',
    instalments: 'Instalments',
    seq: 'No.',
    notified: 'Pre-notified on',
    back: 'All instalment plans',
    methods: { sepa: 'SEPA direct debit', cheque: 'Cheque', transfer: 'Transfer', card: 'Card' },
    status: { due: 'Upcoming', debited: 'Debited', paid: 'Paid', returned: 'Returned', cancelled: 'Replaced' },
  },
  deferrals: {
    title: 'Voted payment deferrals',
    create: 'Record a voted deferral',
    list: 'Recorded deferrals',
    none: 'No deferral.',
    decisionRef: 'Board decision',
    decidedOn: 'Voted on',
    reason: 'Reason',
    fromDueOn: 'Due dates from',
    toDueOn: 'to',
    newDueOn: 'New due date',
    plan: 'Plan concerned',
    allPlans: 'All plans',
    onePlan: 'One plan',
    submit: 'Record the deferral',
    saved: 'Deferral recorded: {{count}} instalment(s) moved.',
    range: 'Due dates concerned',
    rangeValue: 'from {{from}} to {{to}}',
    affected: 'Instalments moved',
    recordedAt: 'Recorded on',
    detailTitle: 'Deferral {{ref}}',
    decision: 'Decision',
    back: 'All deferrals',
  },
};

/** The office billing texts per language (tests read them without the app's i18next). */
export const BILLING_OFFICE_RESOURCES = { fr, en };

function addBundles(): void {
  i18next.addResourceBundle('fr', BILLING_NS, fr, true, true);
  i18next.addResourceBundle('en', BILLING_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
