import type { z } from 'zod';
import type {
  Meeting,
  MeetingDetail,
  LowActivityReport,
  TeacherApplication,
  TeacherApplicationBody,
  TeacherApplicationSummary,
  TeacherDocument,
  TeacherIncident,
  TeacherMeetingInvitation,
  TeacherProfile,
  TeacherProfileBody,
  TeacherSuspension,
  CreateMeetingBody,
  CreateSuspensionBody,
  ReportIncidentBody,
} from '@contracts';
import { api, apiDelete, apiGet, apiPost, apiUpload } from '../../api/client';

/** The teachers' lifecycle API: profile, applications, documents, meetings, incidents, suspensions. */
export const profileKey = (id: string) => ['teacher-profile', id] as const;
export const documentsKey = (id: string) => ['teacher-documents', id] as const;
export const invitationsKey = (id: string) => ['teacher-meeting-invitations', id] as const;

export const getProfile = (id: string) => apiGet<TeacherProfile>(`/api/teachers/${id}/profile`);
export const saveProfile = (id: string, body: TeacherProfileBody) =>
  api<TeacherProfile>(`/api/teachers/${id}/profile`, { method: 'PUT', body });

export const listDocuments = (id: string) => apiGet<TeacherDocument[]>(`/api/teachers/${id}/documents`);
export const documentUrl = (docId: string) => `/api/teacher-documents/${docId}/content`;
export const removeDocument = (docId: string) => apiDelete<void>(`/api/teacher-documents/${docId}`);
export function uploadDocument(teacherId: string, category: string, file: File) {
  const form = new FormData();
  form.append('category', category);
  form.append('file', file);
  return apiUpload<TeacherDocument>(`/api/teachers/${teacherId}/documents`, form);
}

export function submitApplication(data: z.input<typeof TeacherApplicationBody>, cv: File) {
  const form = new FormData();
  form.append('data', JSON.stringify(data));
  form.append('cv', cv);
  return apiUpload<{ received: true }>('/api/public/teacher-applications', form);
}
export const listApplications = () => apiGet<TeacherApplicationSummary[]>('/api/teacher-applications');
export const getApplication = (id: string) => apiGet<TeacherApplication>(`/api/teacher-applications/${id}`);
export const saveInterview = (
  id: string,
  body: {
    version: number;
    background: string | null;
    approach: string | null;
    conditionsExplained: boolean;
    notes: string | null;
  },
) => api<TeacherApplication>(`/api/teacher-applications/${id}/interview`, { method: 'PUT', body });
export const transitionApplication = (id: string, body: { version: number; to: string; reason?: string | null }) =>
  apiPost<TeacherApplication>(`/api/teacher-applications/${id}/transition`, body);
export const acceptApplication = (id: string, version: number) =>
  apiPost<TeacherApplication>(`/api/teacher-applications/${id}/accept`, { version });

export const listMeetings = () => apiGet<Meeting[]>('/api/meetings');
export const getMeeting = (id: string) => apiGet<MeetingDetail>(`/api/meetings/${id}`);
export const createMeeting = (body: z.input<typeof CreateMeetingBody>) => apiPost<MeetingDetail>('/api/meetings', body);
export const inviteTeachers = (
  id: string,
  body: { mode: 'never-attended' } | { mode: 'chosen'; teacherIds: string[] },
) => apiPost<MeetingDetail>(`/api/meetings/${id}/invitations`, body);
export const recordAttendance = (id: string, attendance: { teacherId: string; attended: boolean }[]) =>
  api<MeetingDetail>(`/api/meetings/${id}/attendance`, { method: 'PUT', body: { attendance } });
export const teacherInvitations = (teacherId: string) =>
  apiGet<TeacherMeetingInvitation[]>(`/api/teachers/${teacherId}/meeting-invitations`);
export const answerInvitation = (invitationId: string, answer: 'yes' | 'no') =>
  apiPost<TeacherMeetingInvitation>(`/api/meeting-invitations/${invitationId}/answer`, { answer });
export const linkInvitation = (token: string) =>
  apiGet<TeacherMeetingInvitation>(`/api/links/meeting-invitations/${token}`);
export const answerByLink = (token: string, answer: 'yes' | 'no') =>
  apiPost<TeacherMeetingInvitation>(`/api/links/meeting-invitations/${token}`, { answer });

export const listIncidents = (teacherId: string) => apiGet<TeacherIncident[]>(`/api/teachers/${teacherId}/incidents`);
export const reportIncident = (teacherId: string, body: z.input<typeof ReportIncidentBody>) =>
  apiPost<TeacherIncident>(`/api/teachers/${teacherId}/incidents`, body);

export const lowActivity = (cursor: string | null) =>
  apiGet<LowActivityReport>('/api/teachers/low-activity', { cursor: cursor ?? undefined });
export const logLowActivityCall = (teacherId: string, body: { summary: string; outcome: string | null }) =>
  apiPost<unknown>(`/api/teachers/${teacherId}/low-activity-call`, body);

export const listSuspensions = (teacherId: string) =>
  apiGet<TeacherSuspension[]>(`/api/teachers/${teacherId}/suspensions`);
export const createSuspension = (teacherId: string, body: z.input<typeof CreateSuspensionBody>) =>
  apiPost<TeacherSuspension>(`/api/teachers/${teacherId}/suspensions`, body);
export const voteSuspension = (
  id: string,
  action: 'approve' | 'object' | 'withdraw-objection',
  comment?: string | null,
) =>
  apiPost<TeacherSuspension>(
    `/api/teacher-suspensions/${id}/${action}`,
    action === 'withdraw-objection' ? {} : { comment: comment ?? null },
  );
export const liftSuspension = (id: string, version: number, reason: string) =>
  apiPost<TeacherSuspension>(`/api/teacher-suspensions/${id}/lift`, { version, reason });
export const withdrawSuspension = (id: string, version: number, reason: string) =>
  apiPost<TeacherSuspension>(`/api/teacher-suspensions/${id}/withdraw`, { version, reason });
export const sendLoginLink = (userId: string) => apiPost<void>(`/api/users/${userId}/reset-link`);
