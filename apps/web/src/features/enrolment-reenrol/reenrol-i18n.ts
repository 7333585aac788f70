import i18next from 'i18next';

/** Re-enrolment's texts (family portal page and the e-mail's link page), under the `reenrol` namespace. */
const fr = {
  nav: 'Réinscriptions',
  title: 'Réinscriptions',
  linkTitle: 'Réinscription',
  none: 'Aucun dossier de réinscription pour le moment.',
  packTitle: '{{student}} — saison {{season}}',
  school: 'École : {{school}}',
  deadline: 'Place gardée jusqu’au {{date}} inclus.',
  lastSeason: 'Saison {{season}}',
  proposal: 'Proposition pour la saison {{season}}',
  noContinuing: 'aucun cours équivalent n’ouvre : le secrétariat vous proposera un autre cours',
  seatHeld: 'place gardée',
  seatNotHeld: 'pas de place gardée',
  fees: 'Tarifs',
  feesToBeVoted: 'Tarifs à voter par le conseil d’administration.',
  membership: 'Adhésion : {{amount}}',
  courseFee: '{{course}} : {{amount}}',
  feeUnknown: 'tarif à préciser',
  answer: 'Votre réponse',
  confirmed: 'Confirmer la réinscription',
  changed: 'Demander un changement',
  declined: 'Ne pas se réinscrire',
  note: 'Ce que vous souhaitez changer',
  send: 'Envoyer ma réponse',
  pdf: 'Dossier imprimable (PDF)',
  answered: {
    confirmed: 'Réinscription confirmée.',
    changed: 'Demande de changement envoyée au secrétariat.',
    declined: 'Vous avez décliné la réinscription.',
  },
  closed: 'La date limite est passée : contactez le secrétariat.',
  thanks: 'Merci, votre réponse est enregistrée.',
  course: '{{discipline}} ({{level}}, {{minutes}} min) — jour {{weekday}} à {{start}} — {{teacher}}',
};
const en: typeof fr = {
  nav: 'Re-enrolment',
  title: 'Re-enrolment',
  linkTitle: 'Re-enrolment',
  none: 'No re-enrolment pack for now.',
  packTitle: '{{student}} — {{season}} season',
  school: 'School: {{school}}',
  deadline: 'Seat held until {{date}} included.',
  lastSeason: '{{season}} season',
  proposal: 'Proposal for the {{season}} season',
  noContinuing: 'no equivalent course opens: the secretariat will offer another one',
  seatHeld: 'seat held',
  seatNotHeld: 'no seat held',
  fees: 'Fees',
  feesToBeVoted: 'Fees to be voted by the board.',
  membership: 'Membership: {{amount}}',
  courseFee: '{{course}}: {{amount}}',
  feeUnknown: 'fee to be set',
  answer: 'Your answer',
  confirmed: 'Confirm the re-enrolment',
  changed: 'Ask for a change',
  declined: 'Do not re-enrol',
  note: 'What you would like to change',
  send: 'Send my answer',
  pdf: 'Printable pack (PDF)',
  answered: {
    confirmed: 'Re-enrolment confirmed.',
    changed: 'Change request sent to the secretariat.',
    declined: 'You declined the re-enrolment.',
  },
  closed: 'The deadline has passed: contact the secretariat.',
  thanks: 'Thank you, your answer is recorded.',
  course: '{{discipline}} ({{level}}, {{minutes}} min) — day {{weekday}} at {{start}} — {{teacher}}',
};

export const REENROL_NS = 'reenrol';
export const REENROL_RESOURCES = { fr, en };

function addBundles(): void {
  i18next.addResourceBundle('fr', REENROL_NS, fr, true, true);
  i18next.addResourceBundle('en', REENROL_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
