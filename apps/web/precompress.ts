import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
/** Below this size the headers of an encoded answer outweigh what it saves. */
const MIN_BYTES = 512;

/**
 * Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) beside every text asset of the build, once,
 * so that the server sends them by content negotiation (@fastify/static `preCompressed`) without compressing per
 * request. A variant is kept only when it is smaller than the file.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'harmonie-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = fs
        .readdirSync(outDir, { recursive: true, encoding: 'utf8' })
        .filter((f) => COMPRESSIBLE.test(f) && !f.startsWith('.vite'));
      await Promise.all(
        files.map(async (file) => {
          const full = path.join(outDir, file);
          const source = fs.readFileSync(full);
          if (source.length < MIN_BYTES) return;
          const brotli = zlib.brotliCompressSync(source, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: source.length,
            },
          });
          const gzip = zlib.gzipSync(source, { level: 9 });
          if (brotli.length < source.length) fs.writeFileSync(`${full}.br`, brotli);
          if (gzip.length < source.length) fs.writeFileSync(`${full}.gz`, gzip);
        }),
      );
    },
  };
}
