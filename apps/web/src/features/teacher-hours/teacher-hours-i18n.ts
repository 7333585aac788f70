import i18next from 'i18next';

/** The words of teachers' hours, under the `hours` namespace. */
const fr = {
  nav: { office: 'Heures des professeurs', mine: 'Mes heures' },
  title: 'Heures des professeurs',
  myTitle: 'Mes heures',
  period: 'Mois {{period}}',
  previous: 'Mois précédent',
  next: 'Mois suivant',
  current: 'Mois en cours',
  school: 'École',
  allSchools: 'Toutes mes écoles',
  csv: 'Télécharger le CSV (paie)',
  help:
    'Heures du contrat : heures par semaine × semaines scolaires du mois (une semaine compte pour le mois de son jeudi, ' +
    'hors vacances scolaires). Non travaillées : cours annulés par l’école, jours de fermeture et cours suspendus — ' +
    'le chiffre déclaré en activité partielle. Les annulations du professeur sont montrées à part.',
  none: 'Aucune heure ce mois-ci.',
  caption: 'Heures du mois {{month}} par professeur et par école',
  totals: 'Totaux par école',
  totalsCaption: 'Heures du mois {{month}} par école',
  hours: '{{h}} h {{m}}',
  columns: {
    teacher: 'Professeur',
    school: 'École',
    weekly: 'Contrat par semaine',
    contract: 'Heures du contrat',
    taught: 'Heures données',
    given: 'Remplacé (cédées)',
    received: 'Remplaçant (reçues)',
    bySchool: 'Annulées par l’école',
    closures: 'Fermetures',
    suspended: 'Cours suspendus',
    unworked: 'Non travaillées',
    byTeacher: 'Annulées par le professeur',
    lastCall: 'Dernier appel',
    actions: 'Actions',
  },
  logCall: 'Noter un appel',
  logCallTitle: 'Appel de suivi avec {{name}}',
  callSummary: 'Ce qui a été dit',
  saveCall: 'Enregistrer l’appel',
  callSaved: 'Appel noté dans le journal des contacts.',
  contracts: 'Contrats',
  contractsCaption: 'Contrats des professeurs',
  noContract: 'Aucun contrat saisi.',
  validFrom: 'Début',
  validTo: 'Fin',
  openEnded: 'sans fin',
  newContract: 'Nouveau contrat',
  teacher: 'Professeur',
  weeklyHours: 'Heures par semaine',
  saveContract: 'Enregistrer le contrat',
  contractSaved: 'Contrat enregistré.',
};

const en: typeof fr = {
  nav: { office: 'Teachers’ hours', mine: 'My hours' },
  title: 'Teachers’ hours',
  myTitle: 'My hours',
  period: 'Month {{period}}',
  previous: 'Previous month',
  next: 'Next month',
  current: 'Current month',
  school: 'School',
  allSchools: 'All my schools',
  csv: 'Download the CSV (payroll)',
  help:
    'Contract hours: hours a week × the school weeks of the month (a week counts for the month of its Thursday, ' +
    'school holidays aside). Unworked: lessons cancelled by the school, closure days and suspended courses — the ' +
    'figure declared for partial activity. The teacher’s own cancellations are shown apart.',
  none: 'No hours this month.',
  caption: 'Hours of {{month}} per teacher and school',
  totals: 'Totals per school',
  totalsCaption: 'Hours of {{month}} per school',
  hours: '{{h}} h {{m}}',
  columns: {
    teacher: 'Teacher',
    school: 'School',
    weekly: 'Contract a week',
    contract: 'Contract hours',
    taught: 'Hours taught',
    given: 'Replaced (given)',
    received: 'Substitute (received)',
    bySchool: 'Cancelled by the school',
    closures: 'Closures',
    suspended: 'Suspended courses',
    unworked: 'Unworked',
    byTeacher: 'Cancelled by the teacher',
    lastCall: 'Last call',
    actions: 'Actions',
  },
  logCall: 'Log a call',
  logCallTitle: 'Check-in call with {{name}}',
  callSummary: 'What was said',
  saveCall: 'Save the call',
  callSaved: 'Call logged in the contact log.',
  contracts: 'Contracts',
  contractsCaption: 'Teachers’ contracts',
  noContract: 'No contract entered.',
  validFrom: 'From',
  validTo: 'To',
  openEnded: 'open-ended',
  newContract: 'New contract',
  teacher: 'Teacher',
  weeklyHours: 'Hours a week',
  saveContract: 'Save the contract',
  contractSaved: 'Contract saved.',
};

export const HOURS_NS = 'hours';

function addBundles(): void {
  i18next.addResourceBundle('fr', HOURS_NS, fr, true, true);
  i18next.addResourceBundle('en', HOURS_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
