import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../testing/harness.js';
import { makeFamily } from '../testing/factories.js';

/**
 * Bad input on any endpoint gets a 4xx with a problem body, never a 500. The endpoint list comes from the
 * OpenAPI document, so every route any module adds is covered without editing this file.
 */
let ctx: TestContext;
let admin: Agent;
let familyId = '';
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
  familyId = (await makeFamily(ctx.deps)).id;
});
afterAll(async () => ctx.close());

const JUNK_BODIES: unknown[] = [{}, [], 'just a string', 42, { version: 'x', email: 'x'.repeat(20_000), name: '<script>alert(1)</script>', id: null, date: '2026-02-31', amountCents: -1.5, items: [{}] }];

describe('robustness of every endpoint', () => {
  it('answers junk with a problem, never a 500', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const paths = Object.entries(doc.paths);
    expect(paths.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const [path, operations] of paths) {
      for (const method of Object.keys(operations)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        if (path.includes('logout')) continue;
        const variants = [path.replace(/\{[^}]+\}/g, 'not-a-valid-id'), path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'), path.replace(/\{[^}]+\}/g, familyId)];
        for (const url of variants) {
          const bodies = method === 'get' || method === 'delete' ? [undefined] : JUNK_BODIES;
          for (const body of bodies) {
            const res = await ctx.app.inject({
              method: method.toUpperCase() as 'GET',
              url: `${url}${method === 'get' ? '?cursor=%%%&limit=-1&q=' + 'x'.repeat(300) : ''}`,
              headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
              payload: body === undefined ? undefined : JSON.stringify(body),
            });
            if (res.statusCode >= 500) failures.push(`${method.toUpperCase()} ${url} ${JSON.stringify(body)?.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers malformed JSON with a 400 problem', async () => {
    const res = await admin.post('/api/families', undefined, { headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBeLessThan(500);
    const raw = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(raw.statusCode).toBe(400);
    expect(raw.headers['content-type']).toContain('application/problem+json');
  });

  it('serves the OpenAPI document and the interactive docs, and a health check', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json().openapi).toMatch(/^3\./);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' });
  });

  it('answers an unknown API path with a 404 problem', async () => {
    const res = await admin.get('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
