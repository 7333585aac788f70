import type { z } from 'zod';
import type { HoursReport, TeacherContract, TeacherContractInput } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type Report = z.infer<typeof HoursReport>;
export type HoursRow = Report['rows'][number];
export type { TeacherContract };

const month = (key: string | null) => (key ? { month: key } : {});
const school = (id: string | null) => (id ? { schoolId: id } : {});

export const hoursKeys = {
  report: (key: string | null, schoolId: string | null) => ['teacher-hours', 'report', key, schoolId] as const,
  mine: (key: string | null) => ['teacher-hours', 'mine', key] as const,
  contracts: ['teacher-hours', 'contracts'] as const,
};

export const report = (key: string | null, schoolId: string | null) =>
  apiGet<Report>('/api/teacher-hours', { ...month(key), ...school(schoolId) });
export const myHours = (key: string | null) => apiGet<Report>('/api/teacher-hours/mine', month(key));
export const csvUrl = (key: string, schoolId: string | null) =>
  `/api/teacher-hours.csv?month=${key}${schoolId ? `&schoolId=${schoolId}` : ''}`;
export const contracts = () => apiGet<{ contracts: TeacherContract[] }>('/api/teacher-contracts');
export const createContract = (body: z.input<typeof TeacherContractInput>) =>
  apiPost<TeacherContract>('/api/teacher-contracts', body);
/** A check-in call with a teacher, in the contact log (about the month's hours). */
export const logCall = (teacherId: string, key: string, summary: string) =>
  apiPost('/api/contacts', {
    channel: 'call',
    direction: 'out',
    personId: teacherId,
    subjectType: 'teacher_hours',
    subjectId: key,
    summary,
  });
