import i18next from 'i18next';

/** The words of distance lessons, under the `distance` namespace. */
const fr = {
  nav: { family: 'Cours à distance' },
  post: 'Envoyer un support',
  postTitle: 'Support du cours à distance',
  text: 'Consignes',
  link: 'Lien (vidéo, partition…)',
  linkHint: 'Une adresse commençant par https://',
  to: 'Destinataires',
  everyone: 'Toute la classe',
  send: 'Envoyer',
  cancel: 'Fermer',
  sent: 'Support envoyé : chaque élève a reçu son lien « ok ».',
  materials: 'Supports envoyés',
  none: 'Aucun support envoyé pour ce cours.',
  forOne: 'pour {{name}}',
  forAll: 'pour toute la classe',
  until: 'réponse attendue jusqu’au {{date}}',
  acks: '{{ok}} « ok » sur {{total}}',
  states: { open: 'en attente', acknowledged: '« ok » reçu', expired: 'sans réponse' },
  okOn: '« ok » le {{date}}',
  linkTitle: 'Cours à distance',
  lesson: '{{course}}, cours du {{date}} avec {{teacher}}',
  student: 'Élève : {{name}}',
  lessonLink: 'Ouvrir le lien du cours',
  ok: 'Ok, c’est fait',
  thanks: 'Merci ! La présence est notée.',
  done: 'Vous avez déjà répondu « ok » à ce cours.',
  late: 'Le délai pour répondre est passé : voyez avec le professeur.',
  familyTitle: 'Cours à distance',
  familyNone: 'Aucun cours à distance pour vos enfants.',
};

const en: typeof fr = {
  nav: { family: 'Distance lessons' },
  post: 'Post material',
  postTitle: 'Distance lesson material',
  text: 'Instructions',
  link: 'Link (video, score…)',
  linkHint: 'An address starting with https://',
  to: 'Recipients',
  everyone: 'The whole class',
  send: 'Send',
  cancel: 'Close',
  sent: 'Material sent: each student received their "ok" link.',
  materials: 'Material sent',
  none: 'No material sent for this lesson.',
  forOne: 'for {{name}}',
  forAll: 'for the whole class',
  until: 'answer expected until {{date}}',
  acks: '{{ok}} "ok" of {{total}}',
  states: { open: 'waiting', acknowledged: '"ok" received', expired: 'no answer' },
  okOn: '"ok" on {{date}}',
  linkTitle: 'Distance lesson',
  lesson: '{{course}}, lesson of {{date}} with {{teacher}}',
  student: 'Student: {{name}}',
  lessonLink: 'Open the lesson link',
  ok: 'Ok, done',
  thanks: 'Thank you! Attendance is recorded.',
  done: 'You have already said "ok" to this lesson.',
  late: 'The time to answer has passed: see the teacher.',
  familyTitle: 'Distance lessons',
  familyNone: 'No distance lesson for your children.',
};

export const DISTANCE_NS = 'distance';

function addBundles(): void {
  i18next.addResourceBundle('fr', DISTANCE_NS, fr, true, true);
  i18next.addResourceBundle('en', DISTANCE_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
