import type {
  AgencyDashboard,
  Candidate,
  FileAssignment,
  FileDetail,
  FileLesson,
  FileSummary,
  LessonListItem,
  LinkView,
  MatchingExclusions,
  PlaceChoice,
  Plan,
  TaskItem,
  TaskList,
  Ticket,
  TicketDetail,
} from '@contracts';
import type { z } from 'zod';
import type { MergePreview, MergeResult } from '@contracts';
import { apiGet, apiPatch, apiPost, type PageOf } from '../../api/client';

// Response types come from the contracts: the API serialises through the same schemas, so a field read here
// and missing there would be stripped at run time — the type checker catches it instead.
export type {
  AgencyDashboard,
  Candidate,
  FileAssignment,
  FileDetail,
  FileLesson,
  FileSummary,
  LessonListItem,
  LinkView,
  Plan,
  TaskItem,
  TaskList,
  Ticket,
  TicketDetail,
};
export type { MergePreview };
export type Slot = FileDetail['slots'][number];

export const fileKey = (id: string) => ['agency-file', id] as const;
export type FileListFilter = {
  stage?: string;
  needsAction?: string;
  open?: 'true';
  q?: string;
  city?: string;
  owner?: string;
  familyId?: string;
  studentId?: string;
  teacherId?: string;
  limit?: number;
  cursor?: string | null;
};
export const listFiles = (query: FileListFilter) =>
  apiGet<PageOf<FileSummary>>('/api/files', { ...query, cursor: query.cursor ?? undefined });
/** The file of a request reference ("R-7K2Q9"); a 404 when none. */
export const lookupReference = (reference: string) => apiGet<{ id: string }>('/api/files/lookup', { reference });
export const tasksKey = ['agency-tasks'] as const;
export const listTasks = (query: { scope: 'mine' | 'all'; when?: 'today' | 'open' }) =>
  apiGet<TaskList>('/api/tasks', query);
export const completeTask = (id: string, body: { version: number; outcome: string; note: string | null }) =>
  apiPost(`/api/tasks/${id}/complete`, body);
export const sendFamilyRequest = (fileId: string, body: { kind: string; message: string }) =>
  apiPost<{ taskId: string }>(`/api/files/${fileId}/family-requests`, body);
export const listLessons = (query: { month: string; cursor?: string | null }) =>
  apiGet<PageOf<LessonListItem>>('/api/lessons', { month: query.month, cursor: query.cursor ?? undefined });
export const getFile = (id: string) => apiGet<FileDetail>(`/api/files/${id}`);
export const listPlans = () => apiGet<Plan[]>('/api/plans');
/** How staff widened the search (sent again with the hand-over, which re-checks under the same search). */
export type SearchWidening = { widenKm: number; asOnline: boolean };
export const getCandidates = (id: string, search: SearchWidening = { widenKm: 0, asOnline: false }) =>
  apiGet<Candidate[]>(`/api/requests/${id}/candidates`, {
    widenKm: search.widenKm,
    asOnline: String(search.asOnline),
  });
export const getExclusions = (id: string, search: SearchWidening) =>
  apiGet<MatchingExclusions>(`/api/requests/${id}/candidates/exclusions`, {
    widenKm: search.widenKm,
    asOnline: String(search.asOnline),
  });
export const subscribe = (id: string, planId: string) => apiPost(`/api/files/${id}/subscription`, { planId });
export const addExternalCandidate = (id: string, body: { name: string; contact: string; notes: string | null }) =>
  apiPost(`/api/files/${id}/external-candidates`, body);
export const handOver = (id: string, teacherId: string, search: SearchWidening = { widenKm: 0, asOnline: false }) =>
  apiPost(`/api/files/${id}/handover`, { teacherId, ...search });
export const endAssignment = (id: string, body: { reason: string; details?: string | null; newSearch: boolean }) =>
  apiPost(`/api/files/${id}/end-assignment`, body);
export const closeFile = (id: string, reason: string) => apiPost(`/api/files/${id}/close`, { reason });
export const logContact = (
  id: string,
  body: { channel: string; direction?: string | null; summary: string; mediation: boolean },
) => apiPost(`/api/files/${id}/contacts`, body);
export const recordLesson = (id: string, body: { date: string; minutes: number; status: string }) =>
  apiPost(`/api/files/${id}/lessons`, body);
export const recordFirstLesson = (id: string, body: { date: string } | { couldNotReach: true }) =>
  apiPost(`/api/files/${id}/first-lesson`, body);
export const respondToLesson = (
  lessonId: string,
  body: { response: 'confirmed' } | { response: 'disputed'; reason: string },
) => apiPost(`/api/lessons/${lessonId}/response`, body);
export const mergePreviewKey = (fileId: string, familyId: string) => {
  return ['agency-merge-preview', fileId, familyId] as const;
};
export const getMergePreview = (fileId: string, familyId: string) =>
  apiGet<MergePreview>(`/api/requests/${fileId}/merge-preview`, { familyId });
export const mergeRequest = (fileId: string, body: { familyId: string; version: number; confirmUnflagged: boolean }) =>
  apiPost<z.infer<typeof MergeResult>>(`/api/requests/${fileId}/merge`, body);
export const keepSeparate = (fileId: string) => apiPost(`/api/requests/${fileId}/keep-separate`);
/** The communes a postal code serves (public: the request form asks which one when there are several). */
export const listPlaces = (postalCode: string) => apiGet<PlaceChoice[]>('/api/public/places', { postalCode });
export const submitRequest = (body: unknown) => apiPost<{ reference: string }>('/api/public/lesson-requests', body);
export const getLink = (token: string) => apiGet<LinkView>(`/api/links/${token}`);
export const answerLink = (token: string, body: { date: string } | { couldNotReach: true }) =>
  apiPost(`/api/links/${token}`, body);

export const ticketKeys = {
  list: (status: string) => ['agency-tickets', status] as const,
  one: (id: string) => ['agency-ticket', id] as const,
};
export const listTickets = (status?: string) => apiGet<Ticket[]>('/api/tickets', { status });
export const getTicket = (id: string) => apiGet<TicketDetail>(`/api/tickets/${id}`);
export const openTicket = (fileId: string, body: { subject: string; message: string }) =>
  apiPost<TicketDetail>(`/api/files/${fileId}/tickets`, body);
export const addTicketMessage = (id: string, body: string) =>
  apiPost<TicketDetail>(`/api/tickets/${id}/messages`, { body });
export const updateTicket = (id: string, body: { version: number; status: string }) =>
  apiPatch<TicketDetail>(`/api/tickets/${id}`, body);
