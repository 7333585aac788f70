import type { z } from 'zod';
import type { Person, UpdatePersonBody } from '@contracts';
import { apiGet, apiPatch } from '../../api/client';

export type UpdatePersonInput = z.input<typeof UpdatePersonBody>;

export const personKey = (id: string) => ['person', id] as const;

export const getPerson = (id: string) => apiGet<Person>(`/api/people/${id}`);
export const updatePerson = (id: string, body: UpdatePersonInput) => apiPatch<Person>(`/api/people/${id}`, body);
