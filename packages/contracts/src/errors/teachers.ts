import { defineErrors } from './define.js';

/** Codes of the teachers module: applications, documents, meetings, incidents, suspensions. */
export const TEACHERS_ERRORS = defineErrors({
  // Field problems of the teachers' forms (zod issues).
  level_range: {
    status: 422,
    fr: 'Le niveau maximum doit être supérieur ou égal au niveau minimum.',
    en: 'The highest level must be at least the lowest level.',
  },
  age_range: {
    status: 422,
    fr: 'L’âge maximum doit être supérieur ou égal à l’âge minimum.',
    en: 'The highest age must be at least the lowest age.',
  },
  slot_end_before_start: {
    status: 422,
    fr: 'La fin du créneau doit être après son début.',
    en: 'A slot must end after it starts.',
  },
  duplicate_value: { status: 422, fr: 'Cette valeur apparaît deux fois.', en: 'This value appears twice.' },
  place_or_video: {
    status: 422,
    fr: 'Indiquez un lieu ou un lien de visioconférence.',
    en: 'Give a place or a video link.',
  },
  until_date_or_condition: {
    status: 422,
    fr: 'Indiquez une date de fin ou une condition de levée.',
    en: 'Give an end date or a condition for lifting it.',
  },

  // Uploaded documents (CV, diplomas, ID): checked by content.
  FILE_REQUIRED: { status: 400, fr: 'Joignez un fichier.', en: 'Attach a file.' },
  FILE_EMPTY: { status: 422, fr: 'Le fichier est vide.', en: 'The file is empty.' },
  FILE_TOO_LARGE: {
    status: 413,
    fr: 'Le fichier dépasse la taille autorisée.',
    en: 'The file is larger than allowed.',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    fr: 'Seuls les PDF et les images (JPEG, PNG, WebP) sont acceptés ; le contenu de ce fichier ne correspond pas.',
    en: 'Only PDF files and images (JPEG, PNG, WebP) are accepted; this file’s content is not one of them.',
  },

  // Applications.
  APPLICATION_TRANSITION_INVALID: {
    status: 409,
    fr: 'Cette candidature ne peut pas passer à cette étape depuis son étape actuelle.',
    en: 'This application cannot move to that stage from its current stage.',
  },
  DECLINE_REASON_REQUIRED: {
    status: 422,
    fr: 'Indiquez le motif du refus.',
    en: 'Give the reason for declining.',
  },
  INTERVIEW_INCOMPLETE: {
    status: 422,
    fr: 'Complétez l’entretien (parcours, approche, conditions expliquées) avant d’accepter.',
    en: 'Complete the interview (background, approach, conditions explained) before accepting.',
  },

  // Pedagogical meetings.
  MEETING_IN_PAST: { status: 409, fr: 'Cette rencontre a déjà eu lieu.', en: 'This meeting has already taken place.' },
  MEETING_NOT_STARTED: {
    status: 409,
    fr: 'La présence ne peut être saisie qu’après le début de la rencontre.',
    en: 'Attendance can only be recorded once the meeting has started.',
  },
  MEETING_FULL: { status: 409, fr: 'Cette rencontre est complète.', en: 'This meeting is full.' },
  NOT_INVITED: {
    status: 422,
    fr: 'Ce professeur n’est pas invité à cette rencontre.',
    en: 'This teacher is not invited to this meeting.',
  },
  TEACHER_NOT_ACTIVE: {
    status: 422,
    fr: 'Ce professeur n’est pas en activité.',
    en: 'This teacher is not active.',
  },

  // Suspensions and definitive exclusions.
  SUSPENSION_NOT_PENDING: {
    status: 409,
    fr: 'Cette proposition n’est plus en attente de décision.',
    en: 'This proposal is no longer waiting for a decision.',
  },
  PROPOSER_CANNOT_APPROVE: {
    status: 403,
    fr: 'La personne qui propose une exclusion définitive ne peut pas l’approuver elle-même : il faut l’accord d’autres membres de l’équipe.',
    en: 'Whoever proposes a definitive exclusion cannot approve it: other staff members must agree.',
  },
  SUSPENSION_ALREADY_PROPOSED: {
    status: 409,
    fr: 'Une exclusion définitive est déjà proposée ou effective pour ce professeur.',
    en: 'A definitive exclusion is already proposed or in effect for this teacher.',
  },
  SUSPENSION_NOT_ACTIVE: {
    status: 409,
    fr: 'Cette suspension n’est pas en cours.',
    en: 'This suspension is not in effect.',
  },
  NO_OBJECTION: {
    status: 409,
    fr: 'Vous n’avez pas d’objection en cours sur cette proposition.',
    en: 'You have no standing objection on this proposal.',
  },
  TEACHER_EXCLUDED: {
    status: 409,
    fr: 'Ce professeur est exclu définitivement.',
    en: 'This teacher is definitively excluded.',
  },
});
