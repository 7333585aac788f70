import type { z } from 'zod';
import type { InviteUserBody, UpdateUserBody, User } from '@contracts';
import { apiGet, apiPatch, apiPost } from '../../api/client';

export type InviteUserInput = z.input<typeof InviteUserBody>;
export type UpdateUserInput = z.input<typeof UpdateUserBody>;

export const USERS_KEY = ['users'] as const;

export const listUsers = () => apiGet<User[]>('/api/users');
export const inviteUser = (body: InviteUserInput) => apiPost<User>('/api/users', body);
export const updateUser = (id: string, body: UpdateUserInput) => apiPatch<User>(`/api/users/${id}`, body);
export const sendResetLink = (id: string) => apiPost<void>(`/api/users/${id}/reset-link`);
