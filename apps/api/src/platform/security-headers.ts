import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** What the built index.html carries where the nonce goes (apps/web/vite.config.ts `html.cspNonce`). */
export const CSP_NONCE_PLACEHOLDER = 'HARMONIE_CSP_NONCE';

type Directives = Record<string, string[]>;

/**
 * The web app's policy: scripts and styles from our own origin only, nothing inline for scripts ever. Mantine writes
 * its CSS variables and responsive styles (SimpleGrid columns, AppShell widths) into <style> elements at run time,
 * so style-src also allows the per-answer nonce that Mantine puts on them (App.tsx getStyleNonce) rather than
 * 'unsafe-inline'. style="" attributes are not needed: React sets styles through the CSSOM, which CSP leaves alone.
 */
function appDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * Swagger UI (/api/docs) is a third-party page whose bundle injects a <style> element without a nonce (the browser
 * tests saw it refused), so it gets its own policy with 'unsafe-inline' for styles only; scripts stay 'self'.
 */
function docsDirectives(https: boolean): Directives {
  return { ...appDirectives(https), 'style-src': ["'self'", "'unsafe-inline'"] };
}

/** Headers of every answer that are not helmet's. */
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The headers helmet sets, computed once. @fastify/helmet builds helmet's middleware anew for every request (measured
 * 6–11 µs of CPU each, against 1–2 µs to copy finished headers) although they never change; so helmet answers one
 * request of a private instance at start-up, and every answer gets a copy. The policy variants (the page's nonce,
 * the docs) come from helmet the same way, so every policy is written and checked by helmet.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const res = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const helmets = Object.entries(res.headers).filter(([name]) => !NOT_HELMET.has(name));
  return Object.fromEntries(helmets.map(([name, value]) => [name, String(value)]));
}

async function payloadText(payload: unknown): Promise<string> {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of payload as Readable) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Security headers on every answer (helmet), a fresh style nonce in each HTML page, and no caching of API answers:
 * they are personal (a session's data) or secret (signed links' answers), and none is worth keeping.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Pick<Config, 'publicUrl'>): Promise<void> {
  const https = config.publicUrl.startsWith('https://');
  const others: FastifyHelmetOptions = {
    // Nothing leaves through Referer: signed links carry their token in the path (/l/<token>, ?token=…).
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    // Only when people reach Harmonie over https; not includeSubDomains: the organisation's other hosts are not ours.
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  };
  const withPolicy = (directives: Directives) =>
    helmetHeaders({ ...others, contentSecurityPolicy: { useDefaults: false, directives } });
  const policyOf = async (directives: Directives) => (await withPolicy(directives))['content-security-policy'] ?? '';
  const headers = await withPolicy(appDirectives(https));
  const docsPolicy = await policyOf(docsDirectives(https));
  const pagePolicy = await policyOf({
    ...appDirectives(https),
    'style-src': ["'self'", `'nonce-${CSP_NONCE_PLACEHOLDER}'`],
  });

  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      if (request.url.startsWith('/api/docs')) reply.header('content-security-policy', docsPolicy);
      return payload;
    }
    // The HTML entry of the web app, however it is served (index route, deep link, /index.html).
    const isHtml = String(reply.getHeader('content-type')).startsWith('text/html');
    if (!payload || !isHtml || reply.hasHeader('content-encoding')) return payload;
    const page = await payloadText(payload);
    if (!page.includes(CSP_NONCE_PLACEHOLDER)) return page;
    const nonce = randomBytes(18).toString('base64');
    reply.header('content-security-policy', pagePolicy.replace(CSP_NONCE_PLACEHOLDER, nonce));
    // The body changes per answer: no stale length, and no validator that would pair an old page with a new nonce.
    reply.removeHeader('content-length');
    reply.removeHeader('etag');
    reply.removeHeader('last-modified');
    return page.replaceAll(CSP_NONCE_PLACEHOLDER, nonce);
  });
}
