import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type TestContext } from '../testing/harness.js';
import { COMPRESS_THRESHOLD_BYTES } from './compression.js';

describe('JSON answers compressed above a threshold', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp();
  });
  afterAll(async () => ctx.close());

  it('a big answer: brotli or gzip as accepted, with Vary; as is when nothing is accepted', async () => {
    const plain = await anonymous(ctx).get('/api/openapi.json');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    for (const [accept, encoding, decode] of [
      ['gzip, deflate, br', 'br', zlib.brotliDecompressSync],
      ['gzip', 'gzip', zlib.gunzipSync],
    ] as const) {
      const res = await anonymous(ctx).get('/api/openapi.json', { headers: { 'accept-encoding': accept } });
      expect(res.headers['content-encoding'], accept).toBe(encoding);
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(JSON.parse(plain.body));
      // still an API answer: never stored
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('a small answer, under the threshold, goes as is', async () => {
    const res = await anonymous(ctx).get('/api/health', { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  it('a logged-in list answer is compressed too, and its session still works', async () => {
    const user = await makeUser(ctx.deps, ['admin']);
    const agent = await loginAs(ctx, user.email);
    const res = await agent.get('/api/openapi.json', { headers: { 'accept-encoding': 'br' } });
    expect(res.headers['content-encoding']).toBe('br');
    const me = await agent.get('/api/me', { headers: { 'accept-encoding': 'br' } });
    expect(me.statusCode).toBe(200);
  });
});
