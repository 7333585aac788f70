import type { z } from 'zod';
import type { DistanceItem, DistanceLesson, FamilyDistance } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type DistanceLessonView = z.infer<typeof DistanceLesson>;
export type DistanceItemView = z.infer<typeof DistanceItem>;
export type FamilyDistanceView = z.infer<typeof FamilyDistance>;
export type MaterialBody = { text?: string | null; link?: string | null; studentId?: string | null };

export const distanceKeys = {
  lesson: (courseId: string, date: string) => ['distance', 'lesson', courseId, date] as const,
  link: (token: string) => ['distance', 'link', token] as const,
  family: () => ['distance', 'family'] as const,
};

const lessonPath = (courseId: string, date: string) => `/api/attendance/courses/${courseId}/lessons/${date}`;

export const distanceLesson = (courseId: string, date: string) =>
  apiGet<DistanceLessonView>(`${lessonPath(courseId, date)}/distance`);
export const postMaterial = (courseId: string, date: string, body: MaterialBody) =>
  apiPost<DistanceLessonView>(`${lessonPath(courseId, date)}/materials`, body);
export const linkView = (token: string) => apiGet<DistanceItemView>(`/api/distance-links/${token}`);
export const linkAck = (token: string) => apiPost<DistanceItemView>(`/api/distance-links/${token}/ok`);
export const familyDistance = () => apiGet<FamilyDistanceView>('/api/portal/distance');
export const familyAck = (id: string) => apiPost<DistanceItemView>(`/api/portal/distance/${id}/ok`);
