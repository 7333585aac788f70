import type { SearchHit } from '@contracts';
import { apiGet } from '../../api/client';

export const searchPeople = (q: string, signal?: AbortSignal) =>
  apiGet<SearchHit[]>('/api/search', { q, limit: 10 }, signal);

/** The record a hit opens: the family of a guardian or student, a teacher's page, else the person. */
export function hitPath(hit: SearchHit): string {
  if ((hit.kind === 'guardian' || hit.kind === 'student') && hit.familyId) return `/office/families/${hit.familyId}`;
  if (hit.kind === 'teacher') return `/office/teachers/${hit.id}`;
  return `/office/people/${hit.id}`;
}
