/**
 * The words of the settings page: each organisation setting's label (and its parts' when the value is an object)
 * in French and English. A test fails when a setting the app registers has no entry here, so a new setting is
 * never shown as its bare key. Kept free of runtime dependencies: the web app imports it as is.
 */
export type SettingWords = { fr: string; en: string };
/** How the page edits a part of an object value: a number, a text, or a text left empty as null. */
export type SettingPartKind = 'number' | 'text' | 'optionalText';
export type SettingLabel = SettingWords & {
  /** The parts of an object value, in display order (also when the value is null: the page offers them empty). */
  parts?: Record<string, SettingWords & { kind: SettingPartKind }>;
};

const days = (fr: string, en: string): SettingLabel => ({ fr: `${fr} (jours)`, en: `${en} (days)` });
const n = (fr: string, en: string) => ({ fr, en, kind: 'number' as const });
const text = (fr: string, en: string) => ({ fr, en, kind: 'text' as const });
const optional = (fr: string, en: string) => ({ fr, en, kind: 'optionalText' as const });

/** The sections of the page, by the key's first segment, in display order. */
export const SETTING_SECTIONS: Record<string, SettingWords> = {
  organisation: { fr: 'Organisation', en: 'Organisation' },
  agency: { fr: 'Agence : délais, seuils et pondérations', en: 'Agency: delays, thresholds and weights' },
  teachers: { fr: 'Professeurs', en: 'Teachers' },
  billing: { fr: 'Facturation', en: 'Billing' },
  schools: { fr: 'Écoles : inscriptions', en: 'Schools: enrolment' },
  reenrolment: { fr: 'Réinscriptions', en: 'Re-enrolment' },
};

export const SETTING_LABELS: Record<string, SettingLabel> = {
  'organisation.name': { fr: "Nom de l'organisation", en: 'Name of the organisation' },
  'organisation.timeZone': { fr: 'Fuseau horaire', en: 'Time zone' },
  'organisation.defaultLocale': { fr: 'Langue par défaut (fr ou en)', en: 'Default language (fr or en)' },

  'agency.firstDebitDays': days('Premier prélèvement après la mise en relation', 'First debit after the hand-over'),
  'agency.firstLessonReminderDays': {
    fr: 'Rappels du premier cours, jours après la mise en relation (séparés par des virgules)',
    en: 'First-lesson reminders, days after the hand-over (comma-separated)',
  },
  'agency.firstLessonAlertDaysBeforeDebit': days(
    'Alerte sans premier cours, avant le premier prélèvement',
    'Alert without a first lesson, before the first debit',
  ),
  'agency.stageOverdueDays': {
    fr: 'Délai avant retard, par étape (jours)',
    en: 'Days before a file is overdue, per stage',
    parts: {
      new_request: n('Nouvelle demande', 'New request'),
      subscribed: n('Abonné', 'Subscribed'),
      matching: n('Recherche de professeur', 'Teacher search'),
      contact_handed_over: n('Contact transmis', 'Contact handed over'),
      first_lesson_scheduled: n('Premier cours prévu', 'First lesson scheduled'),
      ongoing: n('En cours', 'Ongoing'),
    },
  },
  'agency.matchingWeights': {
    fr: 'Pondérations du classement des professeurs (points)',
    en: 'Weights of the teacher ranking (points)',
    parts: {
      distance: n('Distance', 'Distance'),
      availability: n('Disponibilités', 'Availability'),
      styles: n('Styles', 'Styles'),
      load: n('Équité (peu de cours)', 'Fairness (few lessons)'),
      outcomes: n('Suivis réussis', 'Outcomes'),
    },
  },
  'agency.longestTravelKm': {
    fr: 'Distance de déplacement la plus longue prise en compte (km)',
    en: 'Longest travel distance considered (km)',
  },
  'agency.defaultMaxTravelKm': {
    fr: 'Distance de déplacement par défaut d’un professeur (km)',
    en: 'Default travel distance of a teacher (km)',
  },
  'agency.newStudentWindowDays': days('Fenêtre des nouveaux élèves', 'New-student window'),
  'agency.busyTeacherLessonsPerMonth': {
    fr: 'Cours par mois au-delà desquels un professeur est très occupé',
    en: 'Lessons a month beyond which a teacher is busy',
  },
  'agency.fewLessonsPerMonth': {
    fr: 'Cours par mois en deçà desquels un professeur en a peu',
    en: 'Lessons a month below which a teacher has few',
  },
  'agency.checkInAfterFirstLessonDays': days(
    'Premier point après le premier cours',
    'First check-in after the first lesson',
  ),
  'agency.checkInEveryDays': days('Point de suivi tous les', 'Check-in every'),
  'agency.linkValidityDays': days('Validité des liens envoyés par e-mail', 'Validity of links sent by e-mail'),
  'agency.publicRequestRateLimit': {
    fr: 'Limite des demandes publiques par adresse',
    en: 'Limit of public requests per address',
    parts: {
      limit: n('Demandes', 'Requests'),
      windowMinutes: n('Par période de (minutes)', 'Per period of (minutes)'),
    },
  },

  'teachers.meetings.missedBeforeSuspension': {
    fr: 'Rencontres manquées avant suspension',
    en: 'Meetings missed before suspension',
  },
  'teachers.meetings.attendanceGraceDays': days('Délai pour noter la présence', 'Grace period to record attendance'),
  'teachers.suspensions.exclusionApprovals': {
    fr: 'Approbations nécessaires à une exclusion définitive',
    en: 'Approvals needed for a definitive exclusion',
  },
  'teachers.incidents.threshold': {
    fr: 'Incidents qui déclenchent un appel des deux parties',
    en: 'Incidents that trigger a call to both sides',
  },
  'teachers.incidents.windowDays': days('Période de comptage des incidents', 'Incident counting window'),
  'teachers.lowActivity.periodDays': days('Période de la faible activité', 'Low-activity period'),
  'teachers.lowActivity.minLessons': {
    fr: 'Cours minimum sur la période (faible activité)',
    en: 'Minimum lessons over the period (low activity)',
  },
  'teachers.documents.maxBytes': {
    fr: 'Taille maximale d’un document (octets)',
    en: 'Largest document size (bytes)',
  },
  'teachers.applications.perIpPerHour': {
    fr: 'Candidatures par adresse et par heure',
    en: 'Applications per address and per hour',
  },

  'billing.holdAfterDaysWithoutLesson': days(
    'Prélèvements suspendus après des jours sans cours',
    'Debits held after days without a lesson',
  ),
  'billing.preNotificationDays': days('Préavis de prélèvement', 'Debit pre-notification'),
  'billing.agreedPreNotificationDays': days(
    'Préavis convenu dans les conditions',
    'Pre-notification agreed in the terms',
  ),
  'billing.issueDaysAhead': days('Émission des factures à l’avance', 'Invoices issued ahead'),
  'billing.painFormat': {
    fr: 'Format SEPA (pain.008.001.08 ou pain.008.001.02)',
    en: 'SEPA format (pain.008.001.08 or pain.008.001.02)',
  },
  'billing.creditor': {
    fr: 'Créancier SEPA',
    en: 'SEPA creditor',
    parts: {
      name: text('Nom', 'Name'),
      identifier: text('Identifiant créancier (ICS)', 'Creditor identifier (ICS)'),
      iban: text('IBAN', 'IBAN'),
      bic: optional('BIC', 'BIC'),
      line1: text('Adresse', 'Address'),
      postalCode: text('Code postal', 'Postal code'),
      city: text('Ville', 'City'),
      country: text('Pays (code à deux lettres)', 'Country (two-letter code)'),
    },
  },
  'billing.legalMentions': {
    fr: 'Mentions légales des factures',
    en: 'Legal mentions of invoices',
    parts: {
      address: text('Adresse', 'Address'),
      siret: optional('SIRET', 'SIRET'),
      vatMention: text('Mention de TVA', 'VAT mention'),
      sapNumber: optional('Numéro SAP', 'SAP number'),
      sapDate: optional('Date SAP (AAAA-MM-JJ)', 'SAP date (YYYY-MM-DD)'),
    },
  },
  'billing.certificateSignatory': {
    fr: 'Signataire des attestations fiscales',
    en: 'Signatory of tax certificates',
    parts: {
      name: text('Nom', 'Name'),
      title: text('Qualité', 'Title'),
      place: text('Fait à', 'Place'),
    },
  },
  'billing.returnedAmountRoute': {
    fr: 'Montant rejeté : new_due_date (nouvelle échéance) ou other_method (autre moyen)',
    en: 'Returned amount: new_due_date or other_method',
  },
  'billing.returnedAmountDays': days('Échéance d’un montant rejeté', 'Due date of a returned amount'),
  'billing.invoicePrefix': { fr: 'Préfixe des numéros de facture', en: 'Invoice number prefix' },
  'schools.admissionRateLimit': {
    fr: 'Limite des inscriptions publiques par adresse',
    en: 'Limit of public enrolments per address',
    parts: {
      limit: n('Inscriptions', 'Enrolments'),
      windowMinutes: n('Par période de (minutes)', 'Per period of (minutes)'),
    },
  },
  'schools.choiceWaveSize': {
    fr: 'Choix des horaires : familles par vague (ordre d’inscription)',
    en: 'Timetable choice: families per wave (order of enrolment)',
  },
  'schools.choiceWaveIntervalHours': {
    fr: 'Choix des horaires : heures entre deux vagues',
    en: 'Timetable choice: hours between two waves',
  },
  'schools.attendancePeriod': {
    fr: 'Feuilles de présence : période (month = mois, week = semaine)',
    en: 'Attendance sheets: period (month or week)',
  },
  'schools.distanceAckDays': days(
    'Cours à distance : délai pour répondre « ok » après le cours',
    'Distance lessons: time to say "ok" after the lesson',
  ),
  'schools.absenceNoticeForMinors': {
    fr: 'Avis d’absence des élèves mineurs (optional = au choix de la famille, required = obligatoire)',
    en: 'Absence notices for minor students (optional = the family chooses, required = always told)',
  },
  'schools.missingAfterDays': days(
    'Élèves absents ou sans présence depuis (rapport des élèves disparus)',
    'Students absent or silent for (missing students report)',
  ),
  'schools.waitingOfferDays': days(
    'Liste d’attente : délai pour accepter une place',
    'Waiting list: time to accept a seat',
  ),
  'reenrolment.priorityDays': days(
    'Fenêtre prioritaire des réinscriptions après l’ouverture de la campagne',
    'Re-enrolment priority window after the campaign opens',
  ),
  'reenrolment.reminderDays': {
    fr: 'Relances avant la date limite de réinscription (jours, ex. 14, 3)',
    en: 'Reminders before the re-enrolment deadline (days, e.g. 14, 3)',
  },
};
