import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { anonymous, createTestApp, makeUser, TEST_PASSWORD, type TestContext } from '../testing/harness.js';
import { relaxRateLimit, requestBody } from '../modules/agency/agency.test-support.js';
import { writeSetting } from './settings.js';

/** The address a login was made from, as the server saw it (request.ip is stored with the session). */
async function sessionAddress(ctx: TestContext, headers: Record<string, string>, remoteAddress?: string) {
  const user = await makeUser(ctx.deps, ['sales']);
  const body = { email: user.email, password: TEST_PASSWORD };
  expect((await anonymous(ctx).post('/api/auth/login', body, { headers, remoteAddress })).statusCode).toBe(200);
  const sessions = ctx.deps.db.selectFrom('sessions').select('ip');
  return (await sessions.where('user_id', '=', user.id).executeTakeFirst())?.ip;
}

const forged = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i % 250}` });

/** The public request form's answers, one request after the other. */
type From = { headers?: Record<string, string>; remoteAddress?: string };
async function publicRequests(ctx: TestContext, requests: From[]) {
  const codes = [];
  for (const from of requests) {
    codes.push((await anonymous(ctx).post('/api/public/lesson-requests', requestBody(), from)).statusCode);
  }
  return codes;
}

async function limitPublicForm(ctx: TestContext, limit: number) {
  const now = ctx.clock.now().toISOString();
  await writeSetting(ctx.deps.db, 'agency.publicRequestRateLimit', { limit, windowMinutes: 60 }, now);
}

describe('TRUST_PROXY in the configuration', () => {
  const base = { DATABASE_URL: 'sqlite::memory:' };
  it('is off by default and takes a list of addresses and CIDRs', () => {
    expect(loadConfig(base).trustProxy).toEqual([]);
    const list = loadConfig({ ...base, TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1 ,::1,fd00::/8' }).trustProxy;
    expect(list).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8']);
  });

  it('refuses at start-up what is not an address or a CIDR, naming the variable', () => {
    for (const bad of ['true', '1', '*', 'proxy.example.org', '10.0.0.0/33', '::1/129', '300.1.1.1', '10.0.0.1,']) {
      expect(() => loadConfig({ ...base, TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY: .*address/);
    }
  });
});

describe('with TRUST_PROXY unset', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { LOGIN_MAX_FAILURES_PER_ADDRESS: '8' } });
  });
  afterAll(async () => ctx.close());

  it('ignores X-Forwarded-For: the client address is the peer’s', async () => {
    expect(await sessionAddress(ctx, { 'x-forwarded-for': '203.0.113.7' })).toBe('127.0.0.1');
    expect(await sessionAddress(ctx, { 'x-forwarded-for': '203.0.113.7' }, '192.0.2.44')).toBe('192.0.2.44');
  });

  it('keeps the public request form’s per-address limit whatever the header says', async () => {
    await limitPublicForm(ctx, 2);
    try {
      const requests = [0, 1, 2].map((i) => ({ headers: forged(i), remoteAddress: '192.0.2.10' }));
      expect(await publicRequests(ctx, requests)).toEqual([201, 201, 429]);
    } finally {
      await relaxRateLimit(ctx.deps);
    }
  });

  it('counts an IPv6 client by its /64 network for the public request form', async () => {
    await limitPublicForm(ctx, 2);
    try {
      const sameNetwork = ['2001:db8:77:1::1', '2001:db8:77:1:a:b:c:d', '2001:db8:77:1:ffff:ffff:ffff:fffe'];
      const codes = await publicRequests(
        ctx,
        sameNetwork.map((remoteAddress) => ({ remoteAddress })),
      );
      expect(codes).toEqual([201, 201, 429]);
      expect(await publicRequests(ctx, [{ remoteAddress: '2001:db8:77:2::1' }])).toEqual([201]);
    } finally {
      await relaxRateLimit(ctx.deps);
    }
  });

  it('keeps the password reset’s per-address limit whatever the header says', async () => {
    const codes = [];
    for (let i = 0; i < 11; i += 1) {
      const from = { headers: forged(i), remoteAddress: '192.0.2.11' };
      const res = await anonymous(ctx).post('/api/auth/password-reset', { email: `nobody${i}@example.org` }, from);
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 204)).toBe(true);
    expect(codes[10]).toBe(429);
  });

  it('keeps the login’s per-address limit whatever the header says', async () => {
    const codes = [];
    for (let i = 0; i < 9; i += 1) {
      const body = { email: `guess${i}@example.org`, password: 'wrong password' };
      const from = { headers: forged(i), remoteAddress: '192.0.2.12' };
      codes.push((await anonymous(ctx).post('/api/auth/login', body, from)).statusCode);
    }
    expect(codes.slice(0, 8).every((c) => c === 401)).toBe(true);
    expect(codes[8]).toBe(429);
  });
});

describe('with TRUST_PROXY naming the proxy', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp({ env: { TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(async () => ctx.close());

  it('takes the client address from X-Forwarded-For sent by the proxy, and only from it', async () => {
    expect(await sessionAddress(ctx, { 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7');
    // what the client wrote itself before the proxy's own entry is not believed
    expect(await sessionAddress(ctx, { 'x-forwarded-for': '198.51.100.66, 203.0.113.8' })).toBe('203.0.113.8');
    // a sender that is not the proxy is its own client address
    expect(await sessionAddress(ctx, { 'x-forwarded-for': '203.0.113.9' }, '192.0.2.50')).toBe('192.0.2.50');
  });

  it('counts the public form’s limit per forwarded client address', async () => {
    await limitPublicForm(ctx, 1);
    const client = (address: string) => ({ headers: { 'x-forwarded-for': address } });
    const codes = await publicRequests(ctx, [client('203.0.113.20'), client('203.0.113.20'), client('203.0.113.21')]);
    expect(codes).toEqual([201, 429, 201]);
  });
});
