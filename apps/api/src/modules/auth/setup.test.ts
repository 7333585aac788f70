import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, type TestContext } from '../../testing/harness.js';
import { createAuthService } from './auth.service.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('first administrator on an empty database', () => {
  it('creates the first admin from the one-time link, then refuses a second setup', async () => {
    expect((await anonymous(ctx).get('/api/setup')).json()).toEqual({ needsSetup: true });
    const link = await createAuthService(ctx.deps).prepareSetupLink();
    const token = new URL(link ?? '').searchParams.get('token') ?? '';
    const wrong = await anonymous(ctx).post('/api/setup', {
      token: 'x'.repeat(40),
      email: 'boss@example.org',
      displayName: 'La Directrice',
      password: 'a long password',
      organisationName: 'Musique en Seine',
    });
    expect(wrong.statusCode).toBe(410);
    const res = await anonymous(ctx).post('/api/setup', {
      token,
      email: 'boss@example.org',
      displayName: 'La Directrice',
      password: 'a long password',
      organisationName: 'Musique en Seine',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual(['admin']);
    expect((await anonymous(ctx).get('/api/setup')).json()).toEqual({ needsSetup: false });
    const again = await anonymous(ctx).post('/api/setup', {
      token,
      email: 'other@example.org',
      displayName: 'Autre',
      password: 'a long password',
      organisationName: 'X',
    });
    expect(again.statusCode).toBe(409);
    expect(await createAuthService(ctx.deps).prepareSetupLink()).toBeNull();
  });
});
