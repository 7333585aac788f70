import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type TestContext } from '../testing/harness.js';

/** A built web app as Vite writes it: a static entry page, no inline script. */
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-web-'));
fs.mkdirSync(path.join(webDist, 'assets'));
fs.writeFileSync(
  path.join(webDist, 'index.html'),
  `<!doctype html><html><head>
<script type="module" crossorigin src="/assets/app.js"></script></head>
<body><div id="root"></div></body></html>`,
);
fs.writeFileSync(path.join(webDist, 'assets', 'app.js'), 'console.log("app");');
afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

const policy = (res: Response) => {
  const header = String(res.headers['content-security-policy'] ?? '');
  const directives = header.split(';').map((d) => d.trim().split(/\s+/));
  return new Map(directives.filter((d) => d[0]).map(([name = '', ...values]) => [name, values]));
};

/** Headers every answer carries, whatever it is. */
function expectCommonHeaders(res: Response) {
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(policy(res).get('frame-ancestors')).toEqual(["'none'"]);
}

/**
 * What the app's own pages must never allow: no inline or eval'd script, ever. Inline <style> elements only (Mantine
 * writes them at run time), never style="" attributes.
 */
function expectStrictScripts(res: Response) {
  const csp = policy(res);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('script-src-attr')).toEqual(["'none'"]);
  expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  expect(csp.get('style-src-attr')).toEqual(["'none'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  for (const [name, values] of csp) {
    if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
    expect(values, name).not.toContain("'unsafe-eval'");
  }
}

describe('security headers over http', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { WEB_DIST: webDist } });
  });
  afterAll(async () => ctx.close());

  it('on an anonymous API answer: every header, no HSTS, not stored', async () => {
    const res = await anonymous(ctx).get('/api/health');
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res);
    expectStrictScripts(res);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('on an authenticated API answer and on errors: not stored', async () => {
    const user = await makeUser(ctx.deps, ['admin']);
    const agent = await loginAs(ctx, user.email);
    for (const url of ['/api/me', '/api/users', '/api/families/not-a-family']) {
      const res = await agent.get(url);
      expectCommonHeaders(res);
      expect(res.headers['cache-control'], res.body).toBe('no-store');
    }
  });

  it('on the answers of signed links, which carry secrets, and on refusals: not stored', async () => {
    for (const url of ['/api/auth/tokens/some-token', '/api/links/some-token', '/api/me']) {
      const res = await anonymous(ctx).get(url);
      expectCommonHeaders(res);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('on the HTML entry: one static page, the same policy on every answer, no nonce to go stale', async () => {
    const bodies = new Set<string>();
    const policies = new Set<string>();
    for (const url of ['/', '/office/families/123', '/l/some-token', '/index.html']) {
      const res = await anonymous(ctx).get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expectCommonHeaders(res);
      expectStrictScripts(res);
      expect(res.body).not.toContain('nonce');
      expect(policy(res).has('upgrade-insecure-requests')).toBe(false);
      // a validator is safe now: the page a browser keeps is the page the policy was written for
      expect(res.headers.etag, url).toBeTruthy();
      expect(res.headers['cache-control'], url).toBe('no-cache');
      bodies.add(res.body);
      policies.add(String(res.headers['content-security-policy']));
    }
    expect(bodies.size).toBe(1);
    expect(policies.size).toBe(1);
  });

  it('on a static asset: every header', async () => {
    const res = await anonymous(ctx).get('/assets/app.js');
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res);
    expectStrictScripts(res);
  });

  it('on the API docs: their own policy, still never framed', async () => {
    const res = await anonymous(ctx).get('/api/docs/');
    expect(res.statusCode).toBe(200);
    expectCommonHeaders(res);
    const csp = policy(res);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
});

describe('security headers when PUBLIC_URL is https', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { WEB_DIST: webDist, PUBLIC_URL: 'https://harmonie.example.org' } });
  });
  afterAll(async () => ctx.close());

  it('asks browsers to use https only, on every answer', async () => {
    for (const url of ['/api/health', '/', '/assets/app.js']) {
      const res = await anonymous(ctx).get(url);
      expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000');
      expectCommonHeaders(res);
    }
    expect(policy(await anonymous(ctx).get('/')).has('upgrade-insecure-requests')).toBe(true);
  });
});
