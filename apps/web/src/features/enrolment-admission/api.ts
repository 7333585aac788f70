import type { AdmissionForm, AdmissionReceipt, MyEnrolments, SchoolRegistrations } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export const admissionKeys = {
  form: (schoolId: string) => ['admission', 'form', schoolId] as const,
  list: (schoolId: string) => ['admission', 'list', schoolId] as const,
  mine: ['admission', 'mine'] as const,
};

export const getAdmissionForm = (schoolId: string) => apiGet<AdmissionForm>(`/api/public/admissions/${schoolId}`);
export const submitAdmission = (schoolId: string, body: unknown) =>
  apiPost<AdmissionReceipt>(`/api/public/admissions/${schoolId}`, body);
export const listRegistrations = (schoolId: string) =>
  apiGet<SchoolRegistrations>(`/api/schools/${schoolId}/registrations`);
export const getMyEnrolments = () => apiGet<MyEnrolments>('/api/enrolments/my');
