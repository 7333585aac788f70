import { defineErrors } from './define.js';

/** Codes of replacements (a teacher's absence, the substitutes of their courses). */
export const REPLACEMENTS_ERRORS = defineErrors({
  ABSENCE_DATES_REVERSED: {
    status: 422,
    fr: 'La fin de l’absence doit être le jour de son début ou après.',
    en: 'The absence must end on or after the day it starts.',
  },
  TEACHER_NOT_IN_SCHOOL: {
    status: 422,
    fr: 'Ce professeur n’a pas de cours dans cette école.',
    en: 'This teacher has no course in this school.',
  },
  ABSENCE_OVERLAP: {
    status: 409,
    fr: 'Une absence de ce professeur couvre déjà une partie de ces jours dans cette école.',
    en: 'An absence of this teacher already covers some of these days in this school.',
  },
  COURSE_NOT_AFFECTED: {
    status: 422,
    fr: 'Ce cours n’est pas un cours du professeur absent dans cette école.',
    en: 'This course is not one of the absent teacher’s courses in this school.',
  },
  REPLACEMENT_OUTSIDE_ABSENCE: {
    status: 422,
    fr: 'Le remplacement doit tenir dans les dates de l’absence, fin après début.',
    en: 'The replacement must fit within the absence’s dates, ending after it starts.',
  },
  REPLACEMENT_OVERLAP: {
    status: 409,
    fr: 'Ce cours a déjà un remplaçant sur une partie de ces jours.',
    en: 'This course already has a substitute for some of these days.',
  },
  SUBSTITUTE_NOT_QUALIFIED: {
    status: 422,
    fr: 'Ce professeur n’enseigne pas cette discipline : il ne peut pas remplacer ce cours.',
    en: 'This teacher does not teach this discipline: they cannot take this course.',
  },
  SUBSTITUTE_SUSPENDED: {
    status: 422,
    fr: 'Ce professeur est suspendu ou inactif : il ne peut pas remplacer.',
    en: 'This teacher is suspended or inactive: they cannot substitute.',
  },
  SUBSTITUTE_ABSENT: {
    status: 422,
    fr: 'Ce professeur est lui-même absent sur ces jours.',
    en: 'This teacher is away themselves on these days.',
  },
  SUBSTITUTE_BUSY: {
    status: 422,
    fr: 'Ce professeur a déjà un cours à cette heure-là ce jour de la semaine.',
    en: 'This teacher already teaches at that time on that weekday.',
  },
  LESSON_HELD_BY_SUBSTITUTE: {
    status: 403,
    fr: 'Un remplaçant tient ce cours ce jour-là : c’est lui qui note les présences.',
    en: 'A substitute holds this lesson on that day: they mark its attendance.',
  },
  NOT_YOUR_REPLACEMENT_DAY: {
    status: 403,
    fr: 'Vous ne remplacez pas ce cours ce jour-là.',
    en: 'You do not substitute for this course on that day.',
  },
});
