import type { z } from 'zod';
import type { CreateTeacherBody, Person } from '@contracts';
import { apiGet, apiPost, type PageOf } from '../../api/client';

export type CreateTeacherInput = z.input<typeof CreateTeacherBody>;
export type TeacherListItem = Person & { status: string };
export interface TeacherProfile {
  person: Person;
  status: string;
  bio: string | null;
}

export const teacherKey = (id: string) => ['teacher', id] as const;

export const listTeachers = (cursor: string | null) => apiGet<PageOf<TeacherListItem>>('/api/teachers', { cursor });
export const createTeacher = (body: CreateTeacherInput) => apiPost<Person>('/api/teachers', body);
export const getTeacher = (id: string) => apiGet<TeacherProfile>(`/api/teachers/${id}`);
