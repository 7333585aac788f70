import type { z } from 'zod';
import type { AbsenceNotices, AbsenceNoticePreference, ContactIssues, ContactEntry, MissingReport } from '@contracts';
import { api, apiGet, apiPost } from '../../api/client';

export type Notices = z.infer<typeof AbsenceNotices>;
export type Missing = z.infer<typeof MissingReport>;
export type Issues = z.infer<typeof ContactIssues>;
export type { AbsenceNoticePreference };

export const missingKeys = {
  notices: (familyId: string | null) => ['absence-notices', familyId ?? 'mine'] as const,
  missing: (since: string | null) => ['missing-students', since] as const,
  issues: ['contact-issues'] as const,
};

/** A family's choice: its own (portal, familyId null) or any family's (office). */
const noticesPath = (familyId: string | null) =>
  familyId ? `/api/families/${familyId}/absence-notices` : '/api/portal/absence-notices';
export const notices = (familyId: string | null) => apiGet<Notices>(noticesPath(familyId));
export const saveNotices = (familyId: string | null, body: { preference: AbsenceNoticePreference; version: number }) =>
  api<Notices>(noticesPath(familyId), { method: 'PUT', body });

export const missingStudents = (since: string | null) =>
  apiGet<Missing>('/api/missing-students', since ? { since } : {});
export const logCall = (studentId: string, summary: string) =>
  apiPost<ContactEntry>(`/api/missing-students/${studentId}/calls`, { summary });
export const contactIssues = () => apiGet<Issues>('/api/contact-issues');
export const flagContact = (studentId: string, body: { field: 'email' | 'phone'; note: string | null }) =>
  apiPost(`/api/attendance/students/${studentId}/contact-flags`, body);
