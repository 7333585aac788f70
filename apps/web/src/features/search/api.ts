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

/** A request reference as the family was given it ("R-7K2Q9"), typed in the search box. */
export const REFERENCE = /^r-[a-z0-9]{3,12}$/i;
/** The file of a request reference (a 404 when none). */
export const lookupReference = (reference: string) =>
  apiGet<{ id: string }>('/api/files/lookup', { reference: reference.toUpperCase() });
