import type { Me } from '@contracts';
import { ApiError, api, apiPost, setCsrfToken } from '../../api/client';

export interface TokenInfo {
  purpose: 'reset' | 'invite';
  email: string;
  displayName: string;
}

export interface SetupInput {
  token: string;
  email: string;
  displayName: string;
  password: string;
  organisationName: string;
}

export const ME_KEY = ['me'] as const;

/** The logged-in user, or null when nobody is logged in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

function remember(me: Me): Me {
  setCsrfToken(me.csrfToken);
  return me;
}

export const login = (body: { email: string; password: string }) => apiPost<Me>('/api/auth/login', body).then(remember);
export const logout = () => apiPost<void>('/api/auth/logout');
export const requestPasswordReset = (email: string) => apiPost<void>('/api/auth/password-reset', { email });
export const fetchTokenInfo = (token: string) => api<TokenInfo>(`/api/auth/tokens/${encodeURIComponent(token)}`);
export const setPasswordWithToken = (body: { token: string; password: string }) =>
  apiPost<Me>('/api/auth/password', body).then(remember);
export const changePassword = (body: { currentPassword: string; newPassword: string }) =>
  apiPost<void>('/api/me/password', body);
export const fetchSetupStatus = () => api<{ needsSetup: boolean }>('/api/setup');
export const runSetup = (body: SetupInput) => apiPost<Me>('/api/setup', body).then(remember);
export const updateMe = (body: { locale?: Me['locale']; displayName?: string }) =>
  api<Me>('/api/me', { method: 'PATCH', body }).then(remember);
