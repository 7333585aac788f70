import type { ChoiceOpening, ChoiceView, WaitingList } from '@contracts';
import { api, apiGet, apiPost } from '../../api/client';

export type { ChoiceView };
export const choiceKeys = {
  view: ['choice', 'view'] as const,
  /** Under the course's key (schoolsKeys.course): a change of the course refreshes its list. */
  waitingList: (courseId: string) => ['courses', 'one', courseId, 'waiting-list'] as const,
  opening: (seasonId: string) => ['seasons', seasonId, 'choice-opening'] as const,
};

export const choiceView = () => apiGet<ChoiceView>('/api/portal/choice');
export const choose = (body: { courseId: string; studentId: string; joinWaitingList?: boolean }) =>
  apiPost<{ id: string; status: string }>('/api/portal/choice', body);
export const answerOffer = (id: string, answer: 'accept' | 'decline') =>
  apiPost<{ id: string; status: string }>(`/api/portal/choice/offers/${id}`, { answer });

/** The secretariat's side: a course's waiting list, and the date a season opens to new students. */
export const waitingList = (courseId: string) => apiGet<WaitingList>(`/api/courses/${courseId}/waiting-list`);
export const choiceOpening = (seasonId: string) => apiGet<ChoiceOpening>(`/api/seasons/${seasonId}/choice-opening`);
export const setChoiceOpening = (seasonId: string, opensAt: string) =>
  api<{ seasonId: string; opensAt: string }>(`/api/seasons/${seasonId}/choice-opening`, {
    method: 'PUT',
    body: { opensAt },
  });
