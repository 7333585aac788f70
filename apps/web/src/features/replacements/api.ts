import type { z } from 'zod';
import type {
  Absence,
  AssignSubstituteBody,
  MyReplacements,
  RecordAbsenceBody,
  ReplacementProposals,
  ReplacementsOverview,
} from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type Overview = z.infer<typeof ReplacementsOverview>;
export type AbsenceView = z.infer<typeof Absence>;
export type Proposals = z.infer<typeof ReplacementProposals>;
export type Mine = z.infer<typeof MyReplacements>;

export const replacementsKeys = {
  overview: ['replacements', 'overview'] as const,
  proposals: (absenceId: string) => ['replacements', 'proposals', absenceId] as const,
  mine: ['replacements', 'mine'] as const,
};

export const overview = () => apiGet<Overview>('/api/replacements');
export const recordAbsence = (body: z.input<typeof RecordAbsenceBody>) =>
  apiPost<AbsenceView>('/api/replacements/absences', body);
export const proposals = (absenceId: string) => apiGet<Proposals>(`/api/replacements/absences/${absenceId}/proposals`);
export const assignSubstitute = (absenceId: string, body: z.input<typeof AssignSubstituteBody>) =>
  apiPost<AbsenceView>(`/api/replacements/absences/${absenceId}/substitutes`, body);
export const myReplacements = () => apiGet<Mine>('/api/replacements/mine');
