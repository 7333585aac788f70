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
});
