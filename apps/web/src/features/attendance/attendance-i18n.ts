import i18next from 'i18next';

/** The words of attendance sheets, under the `attendance` namespace. */
const fr = {
  nav: { mine: 'Feuilles de présence', office: 'Feuilles de présence' },
  title: 'Feuilles de présence',
  officeTitle: 'Feuilles de présence de la période',
  period: 'Période {{period}}',
  previous: 'Période précédente',
  next: 'Période suivante',
  current: 'Période en cours',
  sheet: 'Feuille',
  none: 'Aucun cours dans cette période.',
  noLesson: 'Aucun cours de ce cours dans la période.',
  pdf: 'Imprimer (PDF)',
  allPresent: 'Tous présents',
  notYet: 'Pas encore eu lieu.',
  nobody: 'Aucun élève inscrit ce jour-là.',
  distance: 'à distance',
  progress: '{{marked}} cours notés sur {{due}}',
  filled: 'Remplie',
  unfilled: 'À remplir',
  unmarked: '— à noter —',
  saved: 'Présences enregistrées.',
  school: 'École',
  allSchools: 'Toutes mes écoles',
  remind: 'Relancer',
  reminded: 'Rappel envoyé au professeur.',
  remindedOn: 'relancé le {{date}}',
  summary: '{{unfilled}} feuille(s) à remplir sur {{total}}.',
  teacher: 'Professeur : {{name}}',
  showFilled: 'Afficher aussi les feuilles remplies',
  replacement: '{{substitute}} remplace {{teacher}} du {{from}} au {{to}} et note les présences de ces jours.',
  marks: {
    present: 'Présent',
    absent: 'Absent',
    excused: 'Excusé',
    late: 'En retard',
    cancelled_by_teacher: 'Cours annulé par le professeur',
    cancelled_by_school: 'Cours annulé par l’école',
  },
};

const en: typeof fr = {
  nav: { mine: 'Attendance sheets', office: 'Attendance sheets' },
  title: 'Attendance sheets',
  officeTitle: 'Attendance sheets of the period',
  period: 'Period {{period}}',
  previous: 'Previous period',
  next: 'Next period',
  current: 'Current period',
  sheet: 'Sheet',
  none: 'No course in this period.',
  noLesson: 'No lesson of this course in the period.',
  pdf: 'Print (PDF)',
  allPresent: 'All present',
  notYet: 'Not held yet.',
  nobody: 'No student enrolled on that day.',
  distance: 'at distance',
  progress: '{{marked}} of {{due}} lessons marked',
  filled: 'Filled',
  unfilled: 'To fill',
  unmarked: '— to mark —',
  saved: 'Attendance saved.',
  school: 'School',
  allSchools: 'All my schools',
  remind: 'Remind',
  reminded: 'Reminder sent to the teacher.',
  remindedOn: 'reminded on {{date}}',
  summary: '{{unfilled}} sheet(s) to fill out of {{total}}.',
  teacher: 'Teacher: {{name}}',
  showFilled: 'Also show filled sheets',
  replacement: '{{substitute}} replaces {{teacher}} from {{from}} to {{to}} and marks attendance on those days.',
  marks: {
    present: 'Present',
    absent: 'Absent',
    excused: 'Excused',
    late: 'Late',
    cancelled_by_teacher: 'Lesson cancelled by the teacher',
    cancelled_by_school: 'Lesson cancelled by the school',
  },
};

export const ATTENDANCE_NS = 'attendance';

function addBundles(): void {
  i18next.addResourceBundle('fr', ATTENDANCE_NS, fr, true, true);
  i18next.addResourceBundle('en', ATTENDANCE_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
