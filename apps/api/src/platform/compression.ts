import zlib from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Below this a JSON answer goes as is: the encoding's headers and CPU would cost about what it saves. */
export const COMPRESS_THRESHOLD_BYTES = 1400;

/**
 * JSON answers (lists, pages' data, problem details) compressed when the browser accepts it and they are bigger
 * than one TCP packet: brotli at quality 4 (cheap, per answer, README "Compression") or gzip level 6. The web app's
 * files are compressed once at build time instead (web-app.ts), and downloads (PDF, CSV, XML) are left as they are.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(compress, {
    global: true,
    threshold: COMPRESS_THRESHOLD_BYTES,
    encodings: ['br', 'gzip'],
    customTypes: /^application\/(problem\+)?json\b/,
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
}
