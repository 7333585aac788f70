import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { LOCALES, messageFor, type Locale } from '@contracts';
import { ANONYMOUS, type Actor, type UserActor } from './actor.js';
import { DomainError } from './errors.js';

export const SESSION_COOKIE = 'harmonie_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    csrfToken: string | null;
    locale: Locale;
  }
}

function localeFromHeader(header: string | undefined): Locale {
  const first = (header ?? '').split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return (LOCALES as readonly string[]).includes(first ?? '') ? (first as Locale) : 'fr';
}

/**
 * Paths of the platform that answer without a session: health and docs. The modules' manifests add theirs (login
 * and links, public forms, signed e-mail links); everything else under /api refuses an anonymous caller before even
 * reading the body (services check permissions).
 */
export const PLATFORM_PUBLIC_PREFIXES: readonly string[] = ['/api/health', '/api/openapi.json', '/api/docs'];

/** What the hooks need of sessions: the caller behind a session cookie (the auth module provides it). */
export interface SessionReader {
  actorForSession(secret: string): Promise<{ actor: UserActor; csrfToken: string } | null>;
}

/**
 * Attaches the actor (from the session cookie) and the locale to each request, and checks CSRF. `publicPrefixes`
 * are the paths answered to anonymous callers (the platform's and the manifests').
 */
export function registerAuthHooks(
  app: FastifyInstance,
  sessions: SessionReader,
  publicPrefixes: readonly string[],
): void {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('locale', 'fr');
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.locale = localeFromHeader(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const isPublic = publicPrefixes.some((p) => request.url.startsWith(p));
    const secret = request.cookies[SESSION_COOKIE];
    const session = secret ? await sessions.actorForSession(secret) : null;
    if (!session) {
      if (!isPublic) throw new DomainError('UNAUTHENTICATED');
      return;
    }
    request.actor = session.actor;
    request.csrfToken = session.csrfToken;
    if (!request.headers['accept-language']) request.locale = session.actor.locale;
    // State changes by a logged-in browser must carry the token it read from /api/me (SameSite is a second wall).
    if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new DomainError('CSRF_FAILED');
    }
  });
}

const ZOD_CODE_TO_MESSAGE: Record<string, string> = {
  too_big: 'too_long',
  too_small: 'too_short',
  invalid_format: 'invalid_value',
};

type ValidationIssue = { keyword?: string; instancePath?: string; message?: string; params?: { origin?: string } };

/** A size limit names what it limits: a list has too few or too many items, a number is out of range, a text is long. */
function sizeCode(keyword: string | undefined, origin: string | undefined): string | undefined {
  if (keyword !== 'too_small' && keyword !== 'too_big') return undefined;
  if (origin === 'array' || origin === 'set') return keyword === 'too_small' ? 'too_few_items' : 'too_many_items';
  if (origin === 'number' || origin === 'int' || origin === 'bigint' || origin === 'date') return 'out_of_range';
  return undefined;
}

/** Our schemas put a message code (e.g. "invalid_email") in each issue; zod's own issues get a generic one. */
function issueToField(issue: ValidationIssue, locale: Locale) {
  const field = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  let code = issue.message ?? 'invalid_value';
  if (!/^[a-z_]+$/.test(code) || messageFor(locale, code) === messageFor(locale, 'invalid_value')) {
    if (issue.keyword === 'invalid_type' && /received undefined/.test(issue.message ?? '')) code = 'required';
    else
      code =
        sizeCode(issue.keyword, issue.params?.origin) ?? ZOD_CODE_TO_MESSAGE[issue.keyword ?? ''] ?? 'invalid_value';
  }
  return { field, code, message: messageFor(locale, code) };
}

export function problem(
  reply: FastifyReply,
  request: FastifyRequest,
  status: number,
  code: string,
  errors?: { field: string; code: string; message: string }[],
) {
  return reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: `https://harmonie.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: messageFor(request.locale, code),
      status,
      code,
      ...(errors && errors.length ? { errors } : {}),
    });
}

/**
 * Errors Fastify answers before any route or hook runs (a malformed URL, a path parameter over its length limit):
 * problem details like every other error instead of Fastify's own JSON (found by the fuzz test).
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  request.locale = localeFromHeader(request.headers['accept-language']);
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return problem(reply, request, 414, 'URI_TOO_LONG');
  const invalid = { field: '', code: 'invalid_value', message: messageFor(request.locale, 'invalid_value') };
  return problem(reply, request, 400, 'VALIDATION_FAILED', [invalid]);
}

/** One error shape for the whole API: RFC 9457 problem details with a localised per-field list. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      const errors = error.fields.map((f) => ({
        field: f.field,
        code: f.code,
        message: messageFor(request.locale, f.code),
      }));
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      return problem(reply, request, error.status, error.code, errors);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = (error.validation as ValidationIssue[]).map((i) => issueToField(i, request.locale));
      return problem(reply, request, 400, 'VALIDATION_FAILED', errors);
    }
    const err = error as { code?: string; statusCode?: number; message?: string };
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return problem(reply, request, 500, 'INTERNAL');
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413)
      return problem(reply, request, 413, 'PAYLOAD_TOO_LARGE');
    if (err.statusCode === 429) return problem(reply, request, 429, 'RATE_LIMITED');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return problem(reply, request, err.statusCode, err.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', [
        { field: '', code: 'invalid_value', message: err.message ?? messageFor(request.locale, 'invalid_value') },
      ]);
    }
    request.log.error({ err: error }, 'unexpected error');
    return problem(reply, request, 500, 'INTERNAL');
  });
}
