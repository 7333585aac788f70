import type { z } from 'zod';
import type { CancellationBody, FamilyFees, FeePlanBody, FeePolicy, SpecialRule, SpecialRuleBody } from '@contracts';
import { api, apiGet, apiPost } from '../../api/client';

export type FeesView = z.infer<typeof FamilyFees>;
export type RuleView = z.infer<typeof SpecialRule>;
export type PolicyView = z.infer<typeof FeePolicy>;

export const feesKeys = {
  all: ['fees'] as const,
  mine: ['fees', 'mine'] as const,
  family: (familyId: string, seasonId: string) => ['fees', 'family', familyId, seasonId] as const,
  rules: (schoolId: string, seasonId: string) => ['fees', 'rules', schoolId, seasonId] as const,
  policy: (schoolId: string) => ['fees', 'policy', schoolId] as const,
};

/** null: the family has no place in a school. */
export const myFees = () => apiGet<FeesView | null>('/api/fees/mine');
export const choosePlan = (body: z.infer<typeof FeePlanBody>) => apiPost<FeesView>('/api/fees/mine/plan', body);
export const cancelPlace = (body: z.infer<typeof CancellationBody>) =>
  apiPost<FeesView>('/api/fees/mine/cancellations', body);
export const familyFees = (familyId: string, seasonId: string) =>
  apiGet<FeesView>(`/api/fees/families/${familyId}/seasons/${seasonId}`);
export const issueFees = (familyId: string, seasonId: string) =>
  apiPost<FeesView>(`/api/fees/families/${familyId}/seasons/${seasonId}/issue`);
export const setSolidarity = (familyId: string, seasonId: string, criterion: string | null) =>
  api<FeesView>(`/api/fees/families/${familyId}/seasons/${seasonId}/solidarity`, {
    method: 'PUT',
    body: { criterion },
  });
export const specialRules = (schoolId: string, seasonId: string) =>
  apiGet<RuleView[]>(`/api/fees/schools/${schoolId}/special-rules`, { seasonId });
export const createRule = (body: z.infer<typeof SpecialRuleBody>) => apiPost<RuleView>('/api/fees/special-rules', body);
export const policy = (schoolId: string) => apiGet<PolicyView>(`/api/fees/schools/${schoolId}/policy`);
export const setPolicy = (schoolId: string, body: Omit<PolicyView, 'schoolId'>) =>
  api<PolicyView>(`/api/fees/schools/${schoolId}/policy`, { method: 'PUT', body });
