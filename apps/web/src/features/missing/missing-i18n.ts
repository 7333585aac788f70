import i18next from 'i18next';

/** The words of absence notices, missing students and contacts to correct, under the `missing` namespace. */
const fr = {
  nav: { missing: 'Élèves disparus', contacts: 'Contacts à corriger', notices: 'Avis d’absence' },
  notices: {
    title: 'Avis d’absence',
    intro: 'Comment être prévenu par e-mail quand un enfant est noté absent.',
    preference: 'Être prévenu',
    each: 'À chaque absence',
    weekly: 'Par un récapitulatif chaque semaine',
    never: 'Jamais',
    save: 'Enregistrer',
    saved: 'Préférence enregistrée.',
    required:
      'L’école exige un avis pour les élèves mineurs : même avec « jamais », chaque absence de {{names}} sera signalée.',
  },
  missing: {
    title: 'Élèves absents ou sans présence',
    since: 'Depuis le',
    show: 'Afficher',
    intro: 'Élèves sans aucune présence depuis le {{date}} : absents à chaque cours, ou jamais notés.',
    none: 'Aucun élève disparu depuis cette date.',
    teacher: 'Professeur : {{name}}',
    absent: '{{count}} absence(s)',
    silent: 'jamais noté(e)',
    lastPresent: 'dernière présence le {{date}}',
    neverPresent: 'aucune présence notée',
    noContact: 'Aucun contact',
    lastCall: 'Dernier appel le {{date}} ({{who}}) : {{summary}}',
    call: 'Noter un appel',
    summary: 'Compte rendu de l’appel',
    saveCall: 'Enregistrer l’appel',
    called: 'Appel enregistré.',
  },
  contacts: {
    title: 'Contacts à corriger',
    intro: 'Familles des écoles suivies dont un contact manque ou est faux. Corrigez-le sur la fiche de la famille.',
    none: 'Aucun contact à corriger.',
    issue: {
      'no-email': 'sans e-mail',
      'no-phone': 'sans téléphone',
      bounced: 'e-mail non distribué',
      'flagged-email': 'e-mail signalé faux par un professeur',
      'flagged-phone': 'téléphone signalé faux par un professeur',
    },
    open: 'Ouvrir la fiche de {{name}}',
  },
  flag: {
    title: 'Contact erroné ?',
    student: 'Élève',
    field: 'Contact faux',
    email: 'E-mail de la famille',
    phone: 'Téléphone de la famille',
    note: 'Précision (facultatif)',
    send: 'Signaler au secrétariat',
    sent: 'Signalement envoyé au secrétariat.',
  },
};

const en: typeof fr = {
  nav: { missing: 'Missing students', contacts: 'Contacts to correct', notices: 'Absence notices' },
  notices: {
    title: 'Absence notices',
    intro: 'How to be told by e-mail when a child is marked absent.',
    preference: 'Be told',
    each: 'Of each absence',
    weekly: 'In a weekly digest',
    never: 'Never',
    save: 'Save',
    saved: 'Preference saved.',
    required: 'The school requires notices for minor students: even with "never", each absence of {{names}} is told.',
  },
  missing: {
    title: 'Students absent or silent',
    since: 'Since',
    show: 'Show',
    intro: 'Students with no presence since {{date}}: absent from every lesson, or never marked.',
    none: 'No student missing since that date.',
    teacher: 'Teacher: {{name}}',
    absent: '{{count}} absence(s)',
    silent: 'never marked',
    lastPresent: 'last present on {{date}}',
    neverPresent: 'no presence marked',
    noContact: 'No contact',
    lastCall: 'Last call on {{date}} ({{who}}): {{summary}}',
    call: 'Log a call',
    summary: 'Call summary',
    saveCall: 'Save the call',
    called: 'Call logged.',
  },
  contacts: {
    title: 'Contacts to correct',
    intro: 'Families of the schools you follow with a contact missing or wrong. Correct it on the family’s page.',
    none: 'No contact to correct.',
    issue: {
      'no-email': 'no e-mail',
      'no-phone': 'no phone',
      bounced: 'e-mail not delivered',
      'flagged-email': 'e-mail flagged wrong by a teacher',
      'flagged-phone': 'phone flagged wrong by a teacher',
    },
    open: 'Open the page of {{name}}',
  },
  flag: {
    title: 'Wrong contact?',
    student: 'Student',
    field: 'Wrong contact',
    email: 'Family’s e-mail',
    phone: 'Family’s phone',
    note: 'Detail (optional)',
    send: 'Tell the secretariat',
    sent: 'Flag sent to the secretariat.',
  },
};

export const MISSING_NS = 'missing';

function addBundles(): void {
  i18next.addResourceBundle('fr', MISSING_NS, fr, true, true);
  i18next.addResourceBundle('en', MISSING_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
