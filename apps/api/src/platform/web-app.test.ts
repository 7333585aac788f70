import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext } from '../testing/harness.js';

/**
 * A built web app as `npm run build:web` writes it: a static entry page and content-hashed assets, each text file
 * with its brotli and gzip variants beside it (apps/web/precompress.ts), and Vite's manifest.
 */
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-web-cache-'));
const INDEX = `<!doctype html><html lang="fr"><head><title>Harmonie</title>
<script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
<link rel="stylesheet" crossorigin href="/assets/index-Ef56Gh78.css"></head>
<body><div id="root"></div></body></html>${' '.repeat(600)}`;
const SCRIPT = `export const page = ${JSON.stringify('Harmonie '.repeat(400))};\n`;
function writeWithVariants(relative: string, text: string) {
  const file = path.join(webDist, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(text));
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(text));
}
writeWithVariants('index.html', INDEX);
writeWithVariants('assets/index-Ab12Cd34.js', SCRIPT);
writeWithVariants('assets/index-Ef56Gh78.css', `body { color: black; }\n${'.x { margin: 0 }\n'.repeat(100)}`);
fs.mkdirSync(path.join(webDist, '.vite'));
fs.writeFileSync(path.join(webDist, '.vite', 'manifest.json'), '{}');
afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

const rawBody = (res: Response) => res.rawPayload;
const decoded = (res: Response) => {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(rawBody(res)).toString('utf8');
  if (encoding === 'gzip') return zlib.gunzipSync(rawBody(res)).toString('utf8');
  return rawBody(res).toString('utf8');
};
const varies = (res: Response) =>
  String(res.headers.vary ?? '')
    .toLowerCase()
    .split(/\s*,\s*/);

describe('the built web app: compression and caching', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { WEB_DIST: webDist } });
  });
  afterAll(async () => ctx.close());
  const get = (url: string, headers: Record<string, string> = {}) => anonymous(ctx).get(url, { headers });

  it('sends the encoding the browser accepts, written at build time, and says the answer varies on it', async () => {
    const cases: [string, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['br', 'br'],
      ['gzip, deflate', 'gzip'],
      ['identity', undefined],
      ['', undefined],
    ];
    for (const url of [
      '/assets/index-Ab12Cd34.js',
      '/assets/index-Ef56Gh78.css',
      '/index.html',
      '/',
      '/family/lessons',
    ]) {
      const plain = url.endsWith('.css')
        ? fs.readFileSync(path.join(webDist, 'assets/index-Ef56Gh78.css'), 'utf8')
        : url.endsWith('.js')
          ? SCRIPT
          : INDEX;
      for (const [accept, expected] of cases) {
        const res = await get(url, { 'accept-encoding': accept });
        expect(res.statusCode, `${url} ${accept}`).toBe(200);
        expect(res.headers['content-encoding'], `${url} ${accept}`).toBe(expected);
        expect(varies(res), `${url} ${accept}`).toContain('accept-encoding');
        expect(decoded(res), `${url} ${accept}`).toBe(plain);
        if (expected) expect(rawBody(res).length).toBeLessThan(Buffer.byteLength(plain));
      }
    }
    const script = await get('/assets/index-Ab12Cd34.js', { 'accept-encoding': 'br' });
    expect(script.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    const style = await get('/assets/index-Ef56Gh78.css', { 'accept-encoding': 'gzip' });
    expect(style.headers['content-type']).toMatch(/^text\/css/);
  });

  it('caches content-hashed assets for a year, immutable', async () => {
    for (const accept of ['br', 'gzip', '']) {
      for (const url of ['/assets/index-Ab12Cd34.js', '/assets/index-Ef56Gh78.css']) {
        const res = await get(url, { 'accept-encoding': accept });
        expect(res.headers['cache-control'], `${url} ${accept}`).toBe('public, max-age=31536000, immutable');
      }
    }
  });

  it('revalidates the HTML entry on every use: no-cache, an ETag per encoding, 304 while unchanged', async () => {
    for (const url of ['/', '/index.html', '/l/some-token', '/office/families/123']) {
      const etags = new Set<string>();
      for (const accept of ['br', 'gzip', '']) {
        const first = await get(url, { 'accept-encoding': accept });
        expect(first.statusCode).toBe(200);
        expect(first.headers['cache-control'], url).toBe('no-cache');
        const etag = String(first.headers.etag ?? '');
        expect(etag, url).not.toBe('');
        etags.add(etag);
        const again = await get(url, { 'accept-encoding': accept, 'if-none-match': etag });
        expect(again.statusCode, `${url} ${accept}`).toBe(304);
        expect(again.rawPayload.length).toBe(0);
        expect(again.headers['cache-control']).toBe('no-cache');
        // the security headers come with the 304 too
        expect(again.headers['x-content-type-options']).toBe('nosniff');
        expect(String(again.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
        const changed = await get(url, { 'accept-encoding': accept, 'if-none-match': '"an-older-release"' });
        expect(changed.statusCode).toBe(200);
      }
      // one validator per representation, so that no cache pairs a gzip body with a brotli ETag
      expect(etags.size, url).toBe(3);
    }
  });

  it('does not serve the build manifest', async () => {
    const res = await get('/.vite/manifest.json');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).not.toBe('{}');
  });

  it('leaves API answers uncached', async () => {
    const res = await get('/api/health', { 'accept-encoding': 'br' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
