import type { z } from 'zod';
import type {
  CreateFamilyBody,
  Family,
  FamilySummary,
  NewGuardian,
  NewStudent,
  Person,
  UpdateFamilyBody,
} from '@contracts';
import { apiGet, apiPatch, apiPost, type PageOf } from '../../api/client';

export type CreateFamilyInput = z.input<typeof CreateFamilyBody>;
export type UpdateFamilyInput = z.input<typeof UpdateFamilyBody>;
export type NewGuardianInput = z.input<typeof NewGuardian>;
export type NewStudentInput = z.input<typeof NewStudent>;

export const familyKey = (id: string) => ['family', id] as const;

export const listFamilies = (cursor: string | null, q: string) =>
  apiGet<PageOf<FamilySummary>>('/api/families', { cursor, q });
export const createFamily = (body: CreateFamilyInput) => apiPost<Family>('/api/families', body);
export const getFamily = (id: string) => apiGet<Family>(`/api/families/${id}`);
export const updateFamily = (id: string, body: UpdateFamilyInput) => apiPatch<Family>(`/api/families/${id}`, body);
export const addGuardian = (familyId: string, body: NewGuardianInput) =>
  apiPost<Person>(`/api/families/${familyId}/guardians`, body);
export const addStudent = (familyId: string, body: NewStudentInput) =>
  apiPost<Person>(`/api/families/${familyId}/students`, body);
