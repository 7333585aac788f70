import type { Locale } from '../common.js';
import type { ErrorEntry } from './define.js';
import { PLATFORM_ERRORS } from './platform.js';
import { PEOPLE_ERRORS } from './people.js';
import { TEACHERS_ERRORS } from './teachers.js';
import { AGENCY_ERRORS } from './agency.js';
import { BILLING_ERRORS } from './billing.js';
import { SCHOOLS_ERRORS } from './schools.js';
import { BOARD_ERRORS } from './board.js';
import { ADMISSION_ERRORS } from './admission.js';
import { FEES_ERRORS } from './fees.js';
import { CHOICE_ERRORS } from './choice.js';
import { REENROLMENT_ERRORS } from './reenrolment.js';
import { ATTENDANCE_ERRORS } from './attendance.js';
import { DISTANCE_ERRORS } from './distance.js';
import { REPLACEMENTS_ERRORS } from './replacements.js';
import { TEACHER_HOURS_ERRORS } from './teacher-hours.js';

export { defineErrors, type ErrorEntry } from './define.js';

/** Every error code of the app, each declared once in its module's table. */
export const ERROR_CATALOGUE: Readonly<Record<string, ErrorEntry>> = {
  ...PLATFORM_ERRORS,
  ...PEOPLE_ERRORS,
  ...TEACHERS_ERRORS,
  ...AGENCY_ERRORS,
  ...BILLING_ERRORS,
  ...SCHOOLS_ERRORS,
  ...BOARD_ERRORS,
  ...ADMISSION_ERRORS,
  ...FEES_ERRORS,
  ...CHOICE_ERRORS,
  ...REENROLMENT_ERRORS,
  ...ATTENDANCE_ERRORS,
  ...DISTANCE_ERRORS,
  ...REPLACEMENTS_ERRORS,
  ...TEACHER_HOURS_ERRORS,
};

/** The HTTP status of a code; a code nobody declared is a broken rule (422). */
export function statusOf(code: string): number {
  return ERROR_CATALOGUE[code]?.status ?? 422;
}

/** The messages by language, as the web app reads them. */
export function messagesIn(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(ERROR_CATALOGUE).map(([code, entry]) => [code, entry[locale]]));
}
