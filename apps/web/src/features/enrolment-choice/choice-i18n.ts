import i18next from 'i18next';

/** The timetable choice's words, under the `choice` namespace. */
const fr = {
  nav: 'Choix des horaires',
  title: 'Choix des horaires',
  intro:
    'Choisissez un cours pour chacun de vos enfants. Les places s’ouvrent par vagues, dans l’ordre des inscriptions.',
  none: 'Aucune inscription administrative terminée : le choix des horaires s’ouvrira une fois l’inscription faite.',
  school: '{{school}} — saison {{season}}',
  wave: 'Rang {{rank}}, vague {{wave}}.',
  waveOpen: 'Votre vague est ouverte.',
  waveOpens: 'Votre vague ouvre le {{date}}.',
  waveUnknown: 'La date d’ouverture n’est pas encore fixée.',
  student: 'Élève',
  course: 'Cours',
  seats: '{{count}} place(s)',
  full: 'complet, liste d’attente',
  choose: 'Choisir ce cours',
  join: 'Rejoindre la liste d’attente',
  chosen: 'Place confirmée.',
  joined: 'Inscription sur la liste d’attente enregistrée.',
  places: 'Nos places et listes d’attente',
  noPlaces: 'Aucune place pour le moment.',
  position: 'position {{position}} sur la liste',
  offerUntil: 'place proposée jusqu’au {{date}}',
  accept: 'Accepter la place',
  decline: 'Refuser',
  accepted: 'Place acceptée.',
  declined: 'Place refusée : elle est proposée à la famille suivante.',
  weekday: { 1: 'lundi', 2: 'mardi', 3: 'mercredi', 4: 'jeudi', 5: 'vendredi', 6: 'samedi', 7: 'dimanche' },
  status: {
    held: 'place réservée',
    offered: 'place proposée',
    confirmed: 'place confirmée',
    waiting: 'en liste d’attente',
    declined: 'refusée',
    released: 'libérée',
    expired: 'proposition expirée',
    cancelled: 'annulée',
  },
};

const en: typeof fr = {
  nav: 'Timetable choice',
  title: 'Timetable choice',
  intro: 'Choose a course for each of your children. Seats open in waves, in the order of enrolment.',
  none: 'No completed administrative enrolment: the timetable choice opens once the enrolment is done.',
  school: '{{school}} — season {{season}}',
  wave: 'Rank {{rank}}, wave {{wave}}.',
  waveOpen: 'Your wave is open.',
  waveOpens: 'Your wave opens on {{date}}.',
  waveUnknown: 'The opening date is not set yet.',
  student: 'Student',
  course: 'Course',
  seats: '{{count}} seat(s)',
  full: 'full, waiting list',
  choose: 'Choose this course',
  join: 'Join the waiting list',
  chosen: 'Place confirmed.',
  joined: 'Added to the waiting list.',
  places: 'Our places and waiting lists',
  noPlaces: 'No place yet.',
  position: 'position {{position}} on the list',
  offerUntil: 'seat offered until {{date}}',
  accept: 'Accept the seat',
  decline: 'Decline',
  accepted: 'Seat accepted.',
  declined: 'Seat declined: it goes to the next family.',
  weekday: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
  status: {
    held: 'seat held',
    offered: 'seat offered',
    confirmed: 'place confirmed',
    waiting: 'on the waiting list',
    declined: 'declined',
    released: 'released',
    expired: 'offer expired',
    cancelled: 'cancelled',
  },
};

export const CHOICE_NS = 'choice';
export const CHOICE_RESOURCES = { fr, en };

function addBundles(): void {
  i18next.addResourceBundle('fr', CHOICE_NS, fr, true, true);
  i18next.addResourceBundle('en', CHOICE_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
