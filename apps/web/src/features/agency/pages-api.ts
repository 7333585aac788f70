import type { OpenRequestsNearTeacher, Plan } from '@contracts';
import { apiGet, apiPatch, apiPost } from '../../api/client';

// The office pages of what was API-only; apart from api.ts so that the public request form does not carry them.
/** Sales on the phone: the same request, and the new file's id to open it. */
export const createSalesRequest = (body: unknown) => apiPost<{ id: string; reference: string }>('/api/requests', body);
export const getOpenRequestsNear = (teacherId: string) =>
  apiGet<OpenRequestsNearTeacher>(`/api/teachers/${teacherId}/open-requests`);
/** Changes the request of a file (same file; a new instrument ends the current teacher and starts a new search). */
export const updateRequest = (
  fileId: string,
  body: {
    version: number;
    instrument?: string;
    level?: number;
    lessonMinutes?: number;
    goals?: string | null;
    teacherWishes?: string | null;
  },
) => apiPatch<{ id: string; newSearch: boolean }>(`/api/files/${fileId}/request`, body);
export const inviteGuardian = (personId: string) =>
  apiPost<{ id: string; email: string }>(`/api/people/${personId}/portal-invitation`);
export const createPlan = (body: Omit<Plan, 'id' | 'version'>) => apiPost<Plan>('/api/plans', body);
export const updatePlan = (id: string, body: Partial<Omit<Plan, 'id'>> & { version: number }) =>
  apiPatch<Plan>(`/api/plans/${id}`, body);
