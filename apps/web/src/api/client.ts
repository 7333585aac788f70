import type { Problem } from '@contracts';
import { currentLanguage } from '../i18n/i18n';

/** An RFC 9457 problem answered by the API (or made up here for network failures). */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;

/** Set from GET /api/me (and from every answer that returns Me). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'STALE_RECORD',
  410: 'TOKEN_INVALID',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'string';
}

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isProblem(body)) {
    return new ApiError({ ...body, status: typeof body.status === 'number' ? body.status : response.status });
  }
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: CODE_BY_STATUS[response.status] ?? 'INTERNAL',
  });
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const url = path.startsWith('/') ? path : `/api/${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

async function send(path: string, options: RequestOptions): Promise<Response> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    'Accept-Language': currentLanguage(),
  };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    return await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' });
  }
}

async function refreshCsrfToken(): Promise<boolean> {
  const response = await send('/api/me', {});
  if (!response.ok) return false;
  const me = (await response.json()) as { csrfToken?: unknown };
  if (typeof me.csrfToken !== 'string') return false;
  setCsrfToken(me.csrfToken);
  return true;
}

/**
 * Calls the JSON API under /api. Resolves with the parsed body (undefined for 204), rejects with an
 * ApiError carrying the problem body for any non-2xx answer. A stale CSRF token is refreshed once.
 */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(path, options);
  if (response.status === 403 && (options.method ?? 'GET') !== 'GET') {
    const error = await toApiError(response.clone());
    if (error.code !== 'CSRF_FAILED' || !(await refreshCsrfToken())) throw error;
    response = await send(path, options);
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Sends a multipart form (file uploads); same errors, CSRF token and language as api(). */
export async function apiUpload<T>(path: string, form: FormData): Promise<T> {
  const post = () =>
    fetch(buildUrl(path), {
      method: 'POST',
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': currentLanguage(),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      credentials: 'same-origin',
      body: form,
    }).catch(() => {
      throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'NETWORK' });
    });
  let response = await post();
  if (
    response.status === 403 &&
    (await toApiError(response.clone())).code === 'CSRF_FAILED' &&
    (await refreshCsrfToken())
  )
    response = await post();
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

export const apiGet = <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
  api<T>(path, { query, signal });
export const apiPost = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const apiPatch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const apiDelete = <T>(path: string) => api<T>(path, { method: 'DELETE' });

/** A page of a keyset-paginated list. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}
