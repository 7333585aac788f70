import type { ChoiceView } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type { ChoiceView };
export const choiceKeys = { view: ['choice', 'view'] as const };

export const choiceView = () => apiGet<ChoiceView>('/api/portal/choice');
export const choose = (body: { courseId: string; studentId: string; joinWaitingList?: boolean }) =>
  apiPost<{ id: string; status: string }>('/api/portal/choice', body);
export const answerOffer = (id: string, answer: 'accept' | 'decline') =>
  apiPost<{ id: string; status: string }>(`/api/portal/choice/offers/${id}`, { answer });
