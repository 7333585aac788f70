import i18next from 'i18next';
import { AGENCY_NS } from './agency-i18n';

/**
 * The office pages of what was API-only (plans, a request taken on the phone, a request's change, the requests
 * near a teacher, a guardian's portal invitation), merged into the agency namespace under `pages`.
 */
const fr = {
  pages: {
    plans: {
      title: 'Formules',
      intro: 'Les formules auxquelles les familles s’abonnent. La direction les crée et les modifie.',
      name: 'Nom',
      lessonMinutes: 'Durée d’un cours (minutes)',
      frequency: 'Fréquence',
      lessonsPerSeason: 'Cours par saison',
      price: 'Prix (euros)',
      billingPeriod: 'Facturation',
      active: 'Active',
      yes: 'Oui',
      no: 'Non',
      actions: 'Actions',
      create: 'Nouvelle formule',
      createSubmit: 'Créer la formule',
      created: 'Formule créée.',
      activate: 'Activer {{name}}',
      deactivate: 'Désactiver {{name}}',
      updated: 'Formule modifiée.',
      none: 'Aucune formule.',
      frequencies: { weekly: 'Hebdomadaire', fortnightly: 'Tous les quinze jours' },
      periods: { monthly: 'Mensuelle', termly: 'Trimestrielle', yearly: 'Annuelle' },
    },
    phone: {
      nav: 'Demande par téléphone',
      title: 'Nouvelle demande par téléphone',
      intro: 'Saisissez la demande d’une famille qui appelle ; le dossier s’ouvre ensuite.',
      created: 'Demande {{reference}} enregistrée.',
      open: 'Saisir une demande par téléphone',
    },
    edit: {
      title: 'Modifier la demande',
      open: 'Modifier la demande',
      intro:
        'Le même dossier garde son historique. Changer d’instrument met fin au professeur actuel et relance la recherche.',
      instrument: 'Instrument',
      level: 'Niveau',
      lessonMinutes: 'Durée d’un cours (minutes)',
      goals: 'Projet pédagogique',
      teacherWishes: 'Souhaits sur le professeur',
      save: 'Enregistrer la demande',
      cancel: 'Annuler',
      saved: 'Demande modifiée.',
      newSearch: 'Demande modifiée : nouvelle recherche de professeur.',
    },
    nearby: {
      title: 'Demandes ouvertes près de {{name}}',
      nav: 'Demandes ouvertes à proximité',
      intro:
        'Les dossiers en attente d’un professeur pour un instrument qu’il enseigne, dans sa distance de déplacement ou en ligne.',
      reference: 'Référence',
      student: 'Élève',
      instrument: 'Instrument',
      place: 'Lieu',
      distance: 'Distance',
      stage: 'Étape',
      online: 'En ligne',
      none: 'Aucune demande ouverte à proximité.',
      open: 'Ouvrir le dossier {{reference}}',
      km: '{{km}} km',
    },
    invite: {
      button: 'Inviter {{name}} à l’espace famille',
      sent: 'Invitation envoyée à {{email}}.',
      hasAccount: 'A un accès à l’espace famille',
      noEmail: 'Sans e-mail, pas d’invitation possible',
    },
  },
};
const en: typeof fr = {
  pages: {
    plans: {
      title: 'Plans',
      intro: 'The plans families subscribe to. The director creates and changes them.',
      name: 'Name',
      lessonMinutes: 'Lesson length (minutes)',
      frequency: 'Frequency',
      lessonsPerSeason: 'Lessons per season',
      price: 'Price (euros)',
      billingPeriod: 'Billing',
      active: 'Active',
      yes: 'Yes',
      no: 'No',
      actions: 'Actions',
      create: 'New plan',
      createSubmit: 'Create the plan',
      created: 'Plan created.',
      activate: 'Activate {{name}}',
      deactivate: 'Deactivate {{name}}',
      updated: 'Plan changed.',
      none: 'No plan.',
      frequencies: { weekly: 'Weekly', fortnightly: 'Fortnightly' },
      periods: { monthly: 'Monthly', termly: 'Termly', yearly: 'Yearly' },
    },
    phone: {
      nav: 'Phone request',
      title: 'New request taken on the phone',
      intro: 'Enter the request of a family on the phone; its file opens next.',
      created: 'Request {{reference}} saved.',
      open: 'Take a request on the phone',
    },
    edit: {
      title: 'Change the request',
      open: 'Change the request',
      intro:
        'The same file keeps its history. Changing the instrument ends the current teacher and starts a new search.',
      instrument: 'Instrument',
      level: 'Level',
      lessonMinutes: 'Lesson length (minutes)',
      goals: 'Learning goals',
      teacherWishes: 'Wishes about the teacher',
      save: 'Save the request',
      cancel: 'Cancel',
      saved: 'Request changed.',
      newSearch: 'Request changed: new teacher search.',
    },
    nearby: {
      title: 'Open requests near {{name}}',
      nav: 'Open requests nearby',
      intro:
        'Files waiting for a teacher of an instrument this teacher teaches, within their travel distance or online.',
      reference: 'Reference',
      student: 'Student',
      instrument: 'Instrument',
      place: 'Place',
      distance: 'Distance',
      stage: 'Stage',
      online: 'Online',
      none: 'No open request nearby.',
      open: 'Open file {{reference}}',
      km: '{{km}} km',
    },
    invite: {
      button: 'Invite {{name}} to the family portal',
      sent: 'Invitation sent to {{email}}.',
      hasAccount: 'Has access to the family portal',
      noEmail: 'No e-mail, no invitation',
    },
  },
};

function addBundles(): void {
  i18next.addResourceBundle('fr', AGENCY_NS, fr, true, true);
  i18next.addResourceBundle('en', AGENCY_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
