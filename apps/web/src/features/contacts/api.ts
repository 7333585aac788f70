import type { z } from 'zod';
import type { ContactEntry, CreateContactBody } from '@contracts';
import { apiGet, apiPost } from '../../api/client';

export type CreateContactInput = z.input<typeof CreateContactBody>;
export type ContactSubject = { familyId: string } | { personId: string };

export const contactsKey = (subject: ContactSubject) => ['contacts', subject] as const;

export const listContacts = (subject: ContactSubject) => apiGet<ContactEntry[]>('/api/contacts', { ...subject });
export const createContact = (body: CreateContactInput) => apiPost<ContactEntry>('/api/contacts', body);
