import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

type Directives = Record<string, string[]>;

/**
 * The web app's policy: scripts from our own origin only, nothing inline for scripts ever. Mantine writes its CSS
 * variables and responsive styles (SimpleGrid columns, AppShell widths) into <style> elements at run time, and
 * react-remove-scroll one more for modals: style-src allows inline <style> elements ('unsafe-inline'), which keeps
 * the HTML entry one static file that browsers may cache and revalidate (ETag, 304) — a per-answer nonce would
 * make every page unique. style="" attributes stay refused (style-src-attr 'none'): React sets styles through the
 * CSSOM, which CSP leaves alone. docs/ARCHITECTURE.md weighs the trade-off.
 */
function appDirectives(https: boolean): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'style-src-attr': ["'none'"],
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
 * Swagger UI (/api/docs) is a third-party page whose bundle may also write style="" attributes, so its policy allows
 * inline styles of both kinds; scripts stay 'self'.
 */
function docsDirectives(https: boolean): Directives {
  const app = appDirectives(https);
  delete app['style-src-attr'];
  return app;
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

/**
 * Security headers on every answer (helmet), the same for the static web app, and no caching of API answers:
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
  app.addHook('onRequest', async (_request, reply) => {
    reply.headers(headers);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) {
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      if (request.url.startsWith('/api/docs')) reply.header('content-security-policy', docsPolicy);
    }
    return payload;
  });
}
