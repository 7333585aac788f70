import type { z } from 'zod';
import type { AttendanceMark, AttendanceSheet, FamilyAttendance, TeacherSheets, UnfilledSheets } from '@contracts';
import { api, apiGet, apiPost } from '../../api/client';

export type Sheet = z.infer<typeof AttendanceSheet>;
export type MySheets = z.infer<typeof TeacherSheets>;
export type SchoolSheets = z.infer<typeof UnfilledSheets>;
export type FamilyMarks = z.infer<typeof FamilyAttendance>;
export type { AttendanceMark };

const period = (key: string | null) => (key ? { period: key } : {});

export const attendanceKeys = {
  mine: (key: string | null) => ['attendance', 'mine', key] as const,
  sheet: (courseId: string, key: string | null) => ['attendance', 'sheet', courseId, key] as const,
  school: (key: string | null, schoolId: string | null) => ['attendance', 'school', key, schoolId] as const,
  family: (key: string | null) => ['attendance', 'family', key] as const,
};

export const mySheets = (key: string | null) => apiGet<MySheets>('/api/attendance/mine', period(key));
export const sheet = (courseId: string, key: string | null) =>
  apiGet<Sheet>(`/api/attendance/courses/${courseId}`, period(key));
export const markLesson = (courseId: string, date: string, body: { mark: AttendanceMark; studentIds?: string[] }) =>
  api<Sheet>(`/api/attendance/courses/${courseId}/lessons/${date}`, { method: 'PUT', body });
export const schoolSheets = (key: string | null, schoolId: string | null) =>
  apiGet<SchoolSheets>('/api/attendance/sheets', { ...period(key), ...(schoolId ? { schoolId } : {}) });
export const remind = (courseId: string, key: string) =>
  apiPost<{ remindedOn: string }>(`/api/attendance/courses/${courseId}/reminder?period=${key}`);
export const sheetPdfUrl = (courseId: string, key: string) => `/api/attendance/courses/${courseId}/pdf?period=${key}`;
export const familyAttendance = (key: string | null) => apiGet<FamilyMarks>('/api/portal/attendance', period(key));
