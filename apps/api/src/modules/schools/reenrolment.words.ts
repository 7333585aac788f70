import type { PackCourse } from '@contracts';

/** How a pack names a course and an amount, in the family's language (e-mail, PDF). */
const WEEKDAYS = {
  fr: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
} as const;

export function describeCourse(course: PackCourse, locale: 'fr' | 'en'): string {
  const day = WEEKDAYS[locale][course.weekday - 1] ?? '';
  const at = locale === 'fr' ? `${day} ${course.start.replace(':', ' h ')}` : `${day} ${course.start}`;
  return `${course.discipline} (${course.level}, ${course.durationMinutes} min) — ${at} — ${course.teacherName}`;
}

export function euros(cents: number, locale: 'fr' | 'en'): string {
  const amount = (cents / 100).toFixed(2);
  return locale === 'fr' ? `${amount.replace('.', ',')} €` : `€${amount}`;
}
