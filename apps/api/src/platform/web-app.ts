import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** Content-hashed files (Vite writes them under assets/ with a hash in the name): a new build gives new names. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else, above all the HTML entry: kept, but revalidated on every use (ETag, 304 when unchanged). */
export const REVALIDATE = 'no-cache';

/**
 * The built web app (dist/web). Every text file has brotli and gzip variants written at build time
 * (apps/web/precompress.ts): the one the browser accepts is sent as is, with `Vary: Accept-Encoding`, so no
 * request spends CPU compressing. Hashed assets are cached for a year without revalidation; the entry page has an
 * ETag and is revalidated each time, so a new release is seen at once. The entry is static (no per-answer nonce,
 * see security-headers.ts), which is what lets it be revalidated.
 */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    preCompressed: true,
    // the Vite manifest (build metadata for the bundle budget) is not for browsers
    allowedPath: (pathname) => !pathname.startsWith('/.vite/'),
    cacheControl: false,
    etag: true,
    lastModified: false,
    setHeaders: (reply, filePath) => {
      const relative = filePath.slice(root.length).replaceAll('\\', '/');
      reply.header('cache-control', relative.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    },
  });
}
