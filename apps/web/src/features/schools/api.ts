import type { z } from 'zod';
import type {
  CalendarEntry,
  CalendarEntryInput,
  Course,
  CourseInput,
  CourseLessons,
  DistancePeriod,
  DistancePeriodInput,
  ImportHolidaysBody,
  ImportHolidaysResult,
  School,
  SchoolCalendar,
  SchoolInput,
  Season,
  SeasonInput,
  SeasonReport,
} from '@contracts';
import { api, apiDelete, apiGet, apiPost } from '../../api/client';

export type SchoolView = School;
export type SeasonView = Season;
export type CourseView = Course;
export type EntryView = CalendarEntry;
export type CalendarView = z.infer<typeof SchoolCalendar>;
export type SchoolBody = z.input<typeof SchoolInput>;
export type SeasonBody = z.input<typeof SeasonInput>;
export type CourseBody = z.input<typeof CourseInput>;

export const schoolsKeys = {
  schools: ['schools'] as const,
  school: (id: string) => ['schools', id] as const,
  seasons: ['seasons'] as const,
  season: (id: string) => ['seasons', id] as const,
  entries: (seasonId: string) => ['seasons', seasonId, 'entries'] as const,
  calendar: (schoolId: string, seasonId: string) => ['schools', schoolId, 'calendar', seasonId] as const,
  courses: (query: Record<string, string | undefined>) => ['courses', query] as const,
  course: (id: string) => ['courses', 'one', id] as const,
  /** Under `courses`: any change of a course refreshes the reports too. */
  report: (seasonId: string) => ['courses', 'report', seasonId] as const,
};

export const getSeasonReport = (seasonId: string) => apiGet<SeasonReport>(`/api/seasons/${seasonId}/reports`);
/** The report's CSV, in the reader's language (a link the browser downloads with the session cookie). */
export const seasonReportCsvUrl = (seasonId: string) => `/api/seasons/${seasonId}/reports.csv`;

export const listSchools = () => apiGet<SchoolView[]>('/api/schools');
export const getSchool = (id: string) => apiGet<SchoolView>(`/api/schools/${id}`);
export const createSchool = (body: SchoolBody) => apiPost<SchoolView>('/api/schools', body);
export const updateSchool = (id: string, body: SchoolBody & { version: number }) =>
  api<SchoolView>(`/api/schools/${id}`, { method: 'PUT', body });
export const setSchoolStaff = (id: string, userIds: string[]) =>
  api<SchoolView>(`/api/schools/${id}/staff`, { method: 'PUT', body: { userIds } });
export const getSchoolCalendar = (schoolId: string, seasonId: string) =>
  apiGet<CalendarView>(`/api/schools/${schoolId}/calendar/${seasonId}`);
/** The public iCal feed a calendar app subscribes to. */
export const calendarFeedPath = (schoolId: string, seasonId: string) => `/api/calendars/${schoolId}/${seasonId}.ics`;

export const listSeasons = () => apiGet<SeasonView[]>('/api/seasons');
export const getSeason = (id: string) => apiGet<SeasonView>(`/api/seasons/${id}`);
export const createSeason = (body: SeasonBody) => apiPost<SeasonView>('/api/seasons', body);
export const listEntries = (seasonId: string) => apiGet<EntryView[]>(`/api/seasons/${seasonId}/calendar-entries`);
export const addEntry = (seasonId: string, body: z.input<typeof CalendarEntryInput>) =>
  apiPost<EntryView>(`/api/seasons/${seasonId}/calendar-entries`, body);
export const removeEntry = (seasonId: string, entryId: string) =>
  apiDelete<null>(`/api/seasons/${seasonId}/calendar-entries/${entryId}`);
export const importHolidays = (seasonId: string, body: z.input<typeof ImportHolidaysBody>) =>
  apiPost<z.infer<typeof ImportHolidaysResult>>(`/api/seasons/${seasonId}/holidays`, body);

export const listCourses = (query: { seasonId: string; schoolId?: string; teacherId?: string; roomId?: string }) =>
  apiGet<CourseView[]>('/api/courses', query);
export const createCourse = (body: CourseBody) => apiPost<CourseView>('/api/courses', body);
export const getCourse = (id: string) => apiGet<CourseView>(`/api/courses/${id}`);
export const updateCourse = (id: string, body: CourseBody & { version: number }) =>
  api<CourseView>(`/api/courses/${id}`, { method: 'PUT', body });
export const getCourseLessons = (id: string) => apiGet<z.infer<typeof CourseLessons>>(`/api/courses/${id}/lessons`);
export const switchToDistance = (id: string, body: z.input<typeof DistancePeriodInput>) =>
  apiPost<DistancePeriod>(`/api/courses/${id}/distance-periods`, body);
export const cancelDistancePeriod = (id: string, periodId: string) =>
  apiDelete<null>(`/api/courses/${id}/distance-periods/${periodId}`);
export const suspendCourse = (id: string, body: { reason: string; version: number }) =>
  apiPost<CourseView>(`/api/courses/${id}/suspend`, body);
export const resumeCourse = (id: string, version: number) =>
  apiPost<CourseView>(`/api/courses/${id}/resume`, { version });

/** The season running today, else the next one, else the latest. */
export function currentSeason(seasons: readonly SeasonView[], today: string): SeasonView | undefined {
  const sorted = [...seasons].sort((a, b) => a.start.localeCompare(b.start));
  return sorted.find((s) => s.start <= today && today <= s.end) ?? sorted.find((s) => s.start > today) ?? sorted.at(-1);
}

export interface TeacherOption {
  id: string;
  firstName: string;
  lastName: string;
  status: string;
}
/** The teachers a course may be given to (the active ones, by name). */
export const listActiveTeachers = async () => {
  const page = await apiGet<{ items: TeacherOption[] }>('/api/teachers', { limit: 200 });
  return page.items.filter((teacher) => teacher.status === 'active');
};
