import i18next from 'i18next';
import { AGENCY_NS } from './agency-i18n';

/**
 * The office's part of the agency namespace (tasks, the links of a file, the board), merged into it by the office
 * pages that use it, so that the family's and the teacher's portals do not download it.
 */
const fr = {
  tasks: {
    title: 'Mes tâches du jour',
    overdue: 'En retard',
    today: 'Aujourd’hui',
    later: 'Plus tard',
    none: 'Aucune tâche pour aujourd’hui.',
    scope: 'Tâches affichées',
    mine: 'Mon service',
    all: 'Tous les services',
    due: 'Échéance : {{date}}',
    file: 'Ouvrir le dossier',
    complete: 'Terminer',
    completeTitle: 'Terminer la tâche « {{title}} »',
    outcome: 'Résultat',
    note: 'Note (facultative)',
    save: 'Enregistrer le résultat',
    cancel: 'Annuler',
    completed: 'Tâche terminée.',
    subject: { student: 'Élève', teacher: 'Professeur', family: 'Famille' },
    status: { open: 'À faire', done: 'Faite', cancelled: 'Annulée' },
    outcomes: { done: 'Fait', not_needed: 'Plus nécessaire', unreachable: 'Injoignable' },
    services: {
      sales: 'Ventes',
      recruitment: 'Recrutement',
      followup: 'Suivi pédagogique',
      accounts: 'Relations clients',
      secretariat: 'Secrétariat',
    },
    kinds: {
      'first-lesson-reminder': 'Rappeler la date du premier cours',
      'first-lesson-alert': 'Pas de date de premier cours avant le premier prélèvement',
      'no-lesson-while-billable': 'Facturé sans cours : voir avec la famille et le professeur',
      'check-in': 'Prendre des nouvelles de la famille et du professeur',
      ticket: 'Ticket à traiter',
      'family-change-teacher': 'La famille demande un changement de professeur',
      'family-problem': 'La famille signale un problème',
    },
  },
  links: {
    title: 'Liens',
    family: 'Famille {{name}}',
    student: 'Élève : {{name}}',
    guardian: 'Responsable : {{name}}',
    teacher: 'Professeur : {{name}}',
    invoices: 'Factures de la famille',
    tickets: 'Tickets du dossier ({{count}})',
    files: 'Dossiers',
    noFiles: 'Aucun dossier.',
    reference: 'Demande {{reference}}',
    openReference: 'Ouvrir la demande {{reference}}',
    referenceNotFound: 'Aucune demande {{reference}}.',
  },
  board: {
    search: 'Nom ou référence',
    city: 'Ville',
    owner: 'Service',
    anyOwner: 'Tous les services',
    column: '{{stage}} : {{count}} dossiers affichés',
    more: 'Voir plus',
  },
};

const en: typeof fr = {
  tasks: {
    title: 'My tasks today',
    overdue: 'Overdue',
    today: 'Today',
    later: 'Later',
    none: 'No task for today.',
    scope: 'Tasks shown',
    mine: 'My service',
    all: 'All services',
    due: 'Due: {{date}}',
    file: 'Open the file',
    complete: 'Complete',
    completeTitle: 'Complete the task “{{title}}”',
    outcome: 'Outcome',
    note: 'Note (optional)',
    save: 'Save the outcome',
    cancel: 'Cancel',
    completed: 'Task completed.',
    subject: { student: 'Student', teacher: 'Teacher', family: 'Family' },
    status: { open: 'To do', done: 'Done', cancelled: 'Cancelled' },
    outcomes: { done: 'Done', not_needed: 'No longer needed', unreachable: 'Could not be reached' },
    services: {
      sales: 'Sales',
      recruitment: 'Recruitment',
      followup: 'Teaching follow-up',
      accounts: 'Customer accounts',
      secretariat: 'Secretariat',
    },
    kinds: {
      'first-lesson-reminder': 'Remind both sides of the first lesson date',
      'first-lesson-alert': 'No first lesson date before the first debit',
      'no-lesson-while-billable': 'Charged with no lesson: check with the family and the teacher',
      'check-in': 'Check in with the family and the teacher',
      ticket: 'Ticket to handle',
      'family-change-teacher': 'The family asks for a change of teacher',
      'family-problem': 'The family reports a problem',
    },
  },
  links: {
    title: 'Links',
    family: '{{name}} family',
    student: 'Student: {{name}}',
    guardian: 'Guardian: {{name}}',
    teacher: 'Teacher: {{name}}',
    invoices: 'The family’s invoices',
    tickets: 'Tickets of the file ({{count}})',
    files: 'Files',
    noFiles: 'No file.',
    reference: 'Request {{reference}}',
    openReference: 'Open request {{reference}}',
    referenceNotFound: 'No request {{reference}}.',
  },
  board: {
    search: 'Name or reference',
    city: 'Town',
    owner: 'Service',
    anyOwner: 'All services',
    column: '{{stage}}: {{count}} files shown',
    more: 'Show more',
  },
};

function addBundles(): void {
  i18next.addResourceBundle('fr', AGENCY_NS, fr, true, true);
  i18next.addResourceBundle('en', AGENCY_NS, en, true, true);
}
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);
