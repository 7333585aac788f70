import i18next from 'i18next';

/** The words of replacements, under the `replacements` namespace. */
const fr = {
  nav: { office: 'Remplacements' },
  title: 'Remplacements',
  record: 'Enregistrer une absence',
  school: 'École',
  teacher: 'Professeur absent',
  chooseTeacher: 'Choisir un professeur',
  reason: 'Motif',
  startsOn: 'Premier jour',
  endsOn: 'Dernier jour',
  note: 'Note',
  save: 'Enregistrer l’absence',
  saved: 'Absence enregistrée.',
  reasons: { sick: 'Maladie', leave: 'Congé', childcare: 'Garde d’enfant', training: 'Formation' },
  absences: 'Absences en cours et à venir',
  none: 'Aucune absence en cours ou à venir.',
  absence: '{{teacher}} — {{reason}}, du {{from}} au {{to}}',
  noCourse: 'Aucun cours de ce professeur dans cette école sur ces jours.',
  lessons: '{{count}} cours pendant l’absence : {{dates}}',
  noLesson: 'Aucun cours pendant l’absence (calendrier de la saison).',
  replacedBy: 'Remplacé par {{name}} du {{from}} au {{to}}',
  propose: 'Voir les remplaçants proposés',
  proposed: 'Remplaçants proposés — {{course}}',
  nobody: 'Aucun collègue libre et qualifié pour ce cours.',
  score: '{{score}} sur 100',
  points: '{{points}} points sur {{weight}}',
  assign: 'Confirmer {{name}} comme remplaçant',
  assigned: 'Remplaçant désigné : les familles et le remplaçant sont prévenus.',
  rule: 'Seuls sont proposés les collègues qui enseignent la discipline, ne sont ni suspendus ni absents, et n’ont pas de cours à la même heure ce jour-là.',
  weekdays: ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  slot: 'le {{weekday}} à {{time}}',
  mine: 'Mes remplacements',
  mineIntro:
    'Les cours que vous assurez pour un collègue absent ; notez-en les présences dans vos feuilles de présence.',
  mineLine: '{{course}} ({{school}}), {{slot}}, pour {{teacher}}, du {{from}} au {{to}}',
};

const en: typeof fr = {
  nav: { office: 'Replacements' },
  title: 'Replacements',
  record: 'Record an absence',
  school: 'School',
  teacher: 'Absent teacher',
  chooseTeacher: 'Choose a teacher',
  reason: 'Reason',
  startsOn: 'First day',
  endsOn: 'Last day',
  note: 'Note',
  save: 'Record the absence',
  saved: 'Absence recorded.',
  reasons: { sick: 'Sick', leave: 'Leave', childcare: 'Childcare', training: 'Training' },
  absences: 'Current and coming absences',
  none: 'No current or coming absence.',
  absence: '{{teacher}} — {{reason}}, from {{from}} to {{to}}',
  noCourse: 'No course of this teacher in this school on these days.',
  lessons: '{{count}} lesson(s) during the absence: {{dates}}',
  noLesson: 'No lesson during the absence (season calendar).',
  replacedBy: 'Replaced by {{name}} from {{from}} to {{to}}',
  propose: 'See the proposed substitutes',
  proposed: 'Proposed substitutes — {{course}}',
  nobody: 'No free and qualified colleague for this course.',
  score: '{{score}} out of 100',
  points: '{{points}} points out of {{weight}}',
  assign: 'Confirm {{name}} as substitute',
  assigned: 'Substitute assigned: the families and the substitute are told.',
  rule: 'Only colleagues who teach the discipline, are neither suspended nor away, and have no lesson at the same time that day are proposed.',
  weekdays: ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  slot: 'on {{weekday}} at {{time}}',
  mine: 'My replacements',
  mineIntro: 'The courses you hold for an absent colleague; mark their attendance in your attendance sheets.',
  mineLine: '{{course}} ({{school}}), {{slot}}, for {{teacher}}, from {{from}} to {{to}}',
};

export const REPLACEMENTS_NS = 'replacements';

function addBundles(): void {
  i18next.addResourceBundle('fr', REPLACEMENTS_NS, fr, true, true);
  i18next.addResourceBundle('en', REPLACEMENTS_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
