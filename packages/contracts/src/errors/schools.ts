import { defineErrors } from './define.js';

/** Codes of the school network: schools and rooms, seasons and terms, the calendar, timetables. */
export const SCHOOLS_ERRORS = defineErrors({
  invalid_time: {
    status: 400,
    fr: 'Heure invalide (format HH:MM).',
    en: 'Invalid time (HH:MM).',
  },
  invalid_season_name: {
    status: 400,
    fr: 'Nom de saison attendu sous la forme 2026-2027.',
    en: 'Season name expected as 2026-2027.',
  },
  CLOSES_BEFORE_OPENING: {
    status: 422,
    fr: 'L’heure de fermeture doit suivre l’heure d’ouverture.',
    en: 'Closing time must come after opening time.',
  },
  ROOM_NAME_TAKEN: {
    status: 422,
    fr: 'Deux salles de l’école portent ce nom.',
    en: 'Two rooms of the school have this name.',
  },
  SCHOOL_NAME_TAKEN: {
    status: 409,
    fr: 'Une école porte déjà ce nom.',
    en: 'A school already has this name.',
  },
  ROOM_IN_USE: {
    status: 409,
    fr: 'Cette salle accueille encore des cours : déplacez-les avant de la retirer.',
    en: 'Courses still use this room: move them before removing it.',
  },
  NOT_SECRETARIAT: {
    status: 422,
    fr: 'Seuls les comptes du secrétariat sont rattachés à une école.',
    en: 'Only secretariat accounts are assigned to a school.',
  },
  SCHOOL_OUT_OF_SCOPE: {
    status: 403,
    fr: 'Vous travaillez pour d’autres écoles : celle-ci ne relève pas de vous.',
    en: 'You work for other schools: this one is not yours to change.',
  },
  SEASON_NAME_TAKEN: {
    status: 409,
    fr: 'Cette saison existe déjà.',
    en: 'This season already exists.',
  },
  SEASON_ENDS_BEFORE_START: {
    status: 422,
    fr: 'La saison doit finir après son début.',
    en: 'The season must end after it starts.',
  },
  TERM_ENDS_BEFORE_START: {
    status: 422,
    fr: 'Le trimestre finit avant de commencer.',
    en: 'The term ends before it starts.',
  },
  TERMS_OVERLAP: {
    status: 422,
    fr: 'Ce trimestre chevauche le précédent.',
    en: 'This term overlaps another one.',
  },
  TERM_OUTSIDE_SEASON: {
    status: 422,
    fr: 'Le trimestre dépasse les dates de la saison.',
    en: 'The term goes beyond the season’s dates.',
  },
  ENTRY_ENDS_BEFORE_START: {
    status: 422,
    fr: 'La fin doit suivre le début.',
    en: 'The end must come after the start.',
  },
  ENTRY_OUTSIDE_SEASON: {
    status: 422,
    fr: 'Cette date est en dehors de la saison.',
    en: 'This date is outside the season.',
  },
  OPEN_DAY_SINGLE_DATE: {
    status: 422,
    fr: 'Une journée d’ouverture exceptionnelle tient en un seul jour.',
    en: 'An exceptional open day is a single day.',
  },
  HOLIDAY_FILE_UNREADABLE: {
    status: 422,
    fr: 'Ce fichier n’est pas un calendrier scolaire lisible (CSV du ministère ou ICS).',
    en: 'This file is not a readable school calendar (the ministry’s CSV, or ICS).',
  },
  HOLIDAY_FILE_NO_PERIOD: {
    status: 422,
    fr: 'Le fichier ne contient aucune période de vacances de cette zone pendant la saison.',
    en: 'The file holds no holiday period of this zone during the season.',
  },

  invalid_url: {
    status: 400,
    fr: 'Adresse web invalide (https://…).',
    en: 'Invalid web address (https://…).',
  },
  AGES_REVERSED: {
    status: 422,
    fr: 'L’âge maximum doit être au moins l’âge minimum.',
    en: 'The maximum age must be at least the minimum age.',
  },
  DISTANCE_NEEDS_LINK: {
    status: 422,
    fr: 'Un cours à distance a besoin d’un lien de visioconférence.',
    en: 'A distance course needs a video link.',
  },
  NOT_A_TEACHER: {
    status: 422,
    fr: 'Cette personne n’est pas un professeur actif.',
    en: 'This person is not an active teacher.',
  },
  ROOM_NOT_IN_SCHOOL: {
    status: 422,
    fr: 'Cette salle n’appartient pas à l’école choisie.',
    en: 'This room does not belong to the chosen school.',
  },
  INDIVIDUAL_COURSE_ONE_PLACE: {
    status: 422,
    fr: 'Un cours individuel accueille un seul élève.',
    en: 'An individual lesson takes one student.',
  },
  TEACHER_DOUBLE_BOOKED: {
    status: 409,
    fr: 'Ce professeur donne déjà un cours à cette heure-là.',
    en: 'This teacher already teaches at that time.',
  },
  ROOM_DOUBLE_BOOKED: {
    status: 409,
    fr: 'Cette salle est déjà occupée à cette heure-là.',
    en: 'This room is already taken at that time.',
  },
  ROOM_TOO_SMALL: {
    status: 422,
    fr: 'La salle est trop petite pour le nombre de places du cours.',
    en: 'The room is too small for the course’s places.',
  },
  ROOM_OF_ANOTHER_SCHOOL: {
    status: 422,
    fr: 'Cette salle appartient à une autre école.',
    en: 'This room belongs to another school.',
  },
  OUTSIDE_OPENING_HOURS: {
    status: 422,
    fr: 'Ce créneau sort des heures d’ouverture de l’école.',
    en: 'This slot is outside the school’s opening hours.',
  },
  TEACHER_TRAVEL_TOO_SHORT: {
    status: 409,
    fr: 'Le professeur n’a pas le temps de venir de son cours dans une autre école.',
    en: 'The teacher has no time to come from a course at another school.',
  },
  DISTANCE_ENDS_BEFORE_START: {
    status: 422,
    fr: 'La fin de la période à distance doit suivre son début.',
    en: 'The distance period must end after it starts.',
  },
  DISTANCE_OUTSIDE_SEASON: {
    status: 422,
    fr: 'La période à distance doit être comprise dans la saison du cours.',
    en: 'The distance period must lie within the course’s season.',
  },
  DISTANCE_PERIOD_ENDED: {
    status: 422,
    fr: 'Cette période à distance est terminée : elle ne peut plus être annulée.',
    en: 'This distance period has ended: it can no longer be cancelled.',
  },
  COURSE_ALREADY_SUSPENDED: {
    status: 409,
    fr: 'Ce cours est déjà suspendu.',
    en: 'This course is already suspended.',
  },
  COURSE_NOT_SUSPENDED: {
    status: 409,
    fr: 'Ce cours n’est pas suspendu.',
    en: 'This course is not suspended.',
  },
});
