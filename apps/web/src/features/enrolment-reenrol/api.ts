import type { z } from 'zod';
import type { CampaignProgress, OpenCampaignBody, ReenrolmentCampaign, ReenrolmentPack } from '@contracts';
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

/** The secretariat's side: campaigns, opening one, and a campaign's progress per school. */
export type OpenCampaign = z.infer<typeof OpenCampaignBody>;
export const officeKeys = {
  campaigns: ['reenrolment', 'campaigns'] as const,
  progress: (id: string, schoolId: string) => ['reenrolment', 'campaigns', id, schoolId] as const,
};
export const listCampaigns = () => apiGet<ReenrolmentCampaign[]>('/api/reenrolment/campaigns');
export const openCampaign = (body: OpenCampaign) => apiPost<ReenrolmentCampaign>('/api/reenrolment/campaigns', body);
export const campaignProgress = (id: string, schoolId: string) =>
  apiGet<CampaignProgress>(`/api/reenrolment/campaigns/${id}/progress`, { schoolId: schoolId || undefined });
