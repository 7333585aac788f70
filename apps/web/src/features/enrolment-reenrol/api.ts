import type { ReenrolmentPack } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type PackAnswer = { answer: 'confirmed' | 'changed' | 'declined'; note?: string | null };

export const reenrolKeys = {
  mine: ['reenrolment', 'packs'] as const,
  link: (token: string) => ['reenrolment', 'link', token] as const,
};

export const myPacks = () => apiGet<ReenrolmentPack[]>('/api/reenrolment/packs');
export const answerPack = (id: string, body: PackAnswer) =>
  apiPost<ReenrolmentPack>(`/api/reenrolment/packs/${id}/answer`, body);
export const packPdfUrl = (id: string) => `/api/reenrolment/packs/${id}/pdf`;

export const linkPack = (token: string) => apiGet<ReenrolmentPack>(`/api/reenrolment-links/${token}`);
export const answerByLink = (token: string, body: PackAnswer) =>
  apiPost<ReenrolmentPack>(`/api/reenrolment-links/${token}/answer`, body);
export const linkPdfUrl = (token: string) => `/api/reenrolment-links/${token}/pdf`;
