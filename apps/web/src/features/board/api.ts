import type { z } from 'zod';
import type { BoardDecision, BoardDecisionInput, Season, SeasonTariffs } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type DecisionView = z.infer<typeof BoardDecision>;
export type DecisionBody = z.input<typeof BoardDecisionInput>;
export type TariffsView = z.infer<typeof SeasonTariffs>;
export type SeasonView = z.infer<typeof Season>;

export const boardKeys = {
  all: ['board'] as const,
  decisions: ['board', 'decisions'] as const,
  seasons: ['board', 'seasons'] as const,
  tariffs: (seasonId: string) => ['board', 'tariffs', seasonId] as const,
};

export const listDecisions = () => apiGet<DecisionView[]>('/api/board/decisions');
export const recordDecision = (body: DecisionBody) => apiPost<DecisionView>('/api/board/decisions', body);
export const listSeasons = () => apiGet<SeasonView[]>('/api/seasons');
export const seasonTariffs = (seasonId: string) =>
  apiGet<{ tariffs: TariffsView | null }>(`/api/seasons/${seasonId}/tariffs`);
