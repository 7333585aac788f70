import i18next from 'i18next';

/** The words of calendar subscriptions, under the `calendarFeeds` namespace (the menu's entry is in the main bundle). */
const fr = {
  title: 'Abonnement au calendrier',
  intro:
    'Ajoutez vos cours à l’agenda de votre téléphone ou de votre ordinateur (Google Agenda, Calendrier Apple, Outlook) : créez un lien privé, puis collez-le dans votre agenda comme abonnement (« ajouter un calendrier par URL »). Il montre la semaine passée et les huit semaines à venir, et se met à jour tout seul.',
  secret: 'Toute personne qui a ce lien voit ces cours : ne le partagez pas. Créer un nouveau lien arrête l’ancien.',
  subjects: {
    teacher: 'Mes cours et réunions',
    family: 'Les cours de mes enfants',
    school: 'Les cours de l’école {{school}}',
  },
  none: 'Aucun lien pour le moment.',
  active: 'Lien actif depuis le {{date}}.',
  lastRead: 'Dernière lecture par votre agenda : {{date}}.',
  neverRead: 'Votre agenda ne l’a pas encore lu.',
  create: 'Créer un lien',
  replace: 'Créer un nouveau lien',
  revoke: 'Arrêter ce lien',
  revoked: 'Le lien ne fonctionne plus.',
  url: 'Lien à coller dans votre agenda (affiché une seule fois)',
  copy: 'Copier',
  copied: 'Copié',
  nothing: 'Votre compte n’a aucun cours à afficher dans un agenda.',
};

const en: typeof fr = {
  title: 'Calendar subscription',
  intro:
    'Add your lessons to your phone’s or computer’s calendar (Google Calendar, Apple Calendar, Outlook): create a private link, then paste it into your calendar as a subscription (“add calendar from URL”). It shows the past week and the next eight weeks, and updates itself.',
  secret: 'Anyone with this link sees these lessons: do not share it. Creating a new link stops the old one.',
  subjects: {
    teacher: 'My lessons and meetings',
    family: 'My children’s lessons',
    school: 'The lessons of {{school}}',
  },
  none: 'No link yet.',
  active: 'Link active since {{date}}.',
  lastRead: 'Last read by your calendar: {{date}}.',
  neverRead: 'Your calendar has not read it yet.',
  create: 'Create a link',
  replace: 'Create a new link',
  revoke: 'Stop this link',
  revoked: 'The link no longer works.',
  url: 'Link to paste into your calendar (shown only once)',
  copy: 'Copy',
  copied: 'Copied',
  nothing: 'Your account has no lessons to show in a calendar.',
};

export const CALENDAR_FEEDS_NS = 'calendarFeeds';

function addBundles(): void {
  i18next.addResourceBundle('fr', CALENDAR_FEEDS_NS, fr, true, true);
  i18next.addResourceBundle('en', CALENDAR_FEEDS_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
