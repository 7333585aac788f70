import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'light-my-request';
import { anonymous, createTestApp, makeUser, statusTally, TEST_PASSWORD } from '../../testing/harness.js';
import type { TestContext } from '../../testing/harness.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

let nextAddress = 0;
/** A client address no other test of this file uses. */
const newAddress = () => {
  nextAddress += 1;
  return `198.51.${Math.floor(nextAddress / 250)}.${(nextAddress % 250) + 1}`;
};

const loginOn = (app: TestContext, email: string, password: string, remoteAddress: string, locale = 'fr') => {
  const headers = { 'accept-language': locale };
  return anonymous(app).post('/api/auth/login', { email, password }, { remoteAddress, headers });
};
const login = (email: string, password: string, remoteAddress: string, locale = 'fr') =>
  loginOn(ctx, email, password, remoteAddress, locale);
const status = async (answer: Promise<Response>) => (await answer).statusCode;

const retryAfter = (res: Response) => Number(res.headers['retry-after']);

/** Waits (on the test clock) for as long as the answer asks. */
const waitAsAsked = (res: Response) => ctx.clock.set(new Date(ctx.clock.now().getTime() + retryAfter(res) * 1000));

describe('login limits: check and record are one step', () => {
  // Its own server with no delay and small limits: only the hard limits stand between 200 parallel attempts and
  // the password check, and the limits sit below the connection pool's size (5), so a check made apart from the
  // record lets more through.
  let strict: TestContext;
  beforeAll(async () => {
    const env = { LOGIN_DELAY_SECONDS: '0', LOGIN_MAX_FAILURES: '2', LOGIN_MAX_FAILURES_PER_ADDRESS: '3' };
    strict = await createTestApp({ env });
  });
  afterAll(async () => strict.close());

  const failuresRecorded = async (column: 'email' | 'address', value: string) => {
    const rows = await strict.deps.db
      .selectFrom('login_attempts')
      .select('id')
      .where(column, '=', value)
      .where('outcome', '=', 'failed')
      .execute();
    return rows.length;
  };

  it('evaluates at most LOGIN_MAX_FAILURES of 200 wrong passwords sent at once for one account', async () => {
    const user = await makeUser(strict.deps, ['sales']);
    const address = newAddress();
    const attempts = Array.from({ length: 200 }, () => loginOn(strict, user.email, 'wrong password', address));
    const answers = await Promise.all(attempts);
    const max = strict.config.loginMaxFailures;
    expect(statusTally(answers)).toEqual({ 401: max, 429: 200 - max });
    expect(await failuresRecorded('email', user.email)).toBe(max);
  });

  it('evaluates at most LOGIN_MAX_FAILURES_PER_ADDRESS of 200 wrong passwords at once from one address', async () => {
    const address = newAddress();
    const users = await Promise.all(Array.from({ length: 200 }, () => makeUser(strict.deps, ['sales'])));
    const answers = await Promise.all(users.map((u) => loginOn(strict, u.email, 'wrong password', address)));
    const max = strict.config.loginMaxFailuresPerAddress;
    expect(statusTally(answers)).toEqual({ 401: max, 429: 200 - max });
    expect(await failuresRecorded('address', address)).toBe(max);
  });

  it('with the default delay, checks 2 of 200 wrong passwords at once (the second failure asks to wait)', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 200 }, () => login(user.email, 'wrong password', address)));
    expect(statusTally(answers)).toEqual({ 401: 2, 429: 198 });
    expect(ctx.config.loginMaxFailures).toBeGreaterThanOrEqual(2);
  });
});

describe('login limits: an attacker elsewhere never keeps the user out', () => {
  it('lets the user at a clean address in at once after fifty wrong passwords from another one', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const attacker = newAddress();
    const codes = [];
    for (let i = 0; i < 50; i += 1) codes.push(await status(login(user.email, `guess ${i}`, attacker)));
    expect(codes.filter((c) => c === 401).length).toBeLessThanOrEqual(ctx.config.loginMaxFailures);
    expect(codes.slice(-10)).toEqual(Array(10).fill(429));
    expect(await status(login(user.email, TEST_PASSWORD, newAddress()))).toBe(200);
  });

  it('lets the user at a clean address in at once after wrong passwords from fifty addresses', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    for (let i = 0; i < 50; i += 1) expect(await status(login(user.email, `guess ${i}`, newAddress()))).toBe(401);
    expect(await status(login(user.email, TEST_PASSWORD, newAddress()))).toBe(200);
  });

  it('refuses an address that failed LOGIN_MAX_FAILURES times on an account until the window passes', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const attacker = newAddress();
    const firstFailureAt = ctx.clock.now().getTime();
    for (let i = 0; i < ctx.config.loginMaxFailures; i += 1) {
      let res = await login(user.email, `guess ${i}`, attacker);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('LOGIN_DELAYED');
        waitAsAsked(res);
        res = await login(user.email, `guess ${i}`, attacker);
      }
      expect(res.statusCode).toBe(401);
    }
    const refused = await login(user.email, TEST_PASSWORD, attacker, 'en');
    expect(refused.statusCode).toBe(429);
    const title = 'Too many attempts from your address. Try again in a few minutes.';
    expect(refused.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS', title });
    const windowEnds = firstFailureAt + ctx.config.loginWindowMinutes * 60_000;
    expect(retryAfter(refused)).toBe(Math.ceil((windowEnds - ctx.clock.now().getTime()) / 1000));
    const fr = await login(user.email, TEST_PASSWORD, attacker);
    expect(fr.json().title).toBe('Trop de tentatives depuis votre adresse. Réessayez dans quelques minutes.');
    waitAsAsked(refused);
    expect(await status(login(user.email, TEST_PASSWORD, attacker))).toBe(200);
  });

  it('refuses an address after LOGIN_MAX_FAILURES_PER_ADDRESS failures over accounts, and nobody else', async () => {
    const attacker = newAddress();
    for (let i = 0; i < ctx.config.loginMaxFailuresPerAddress; i += 1) {
      expect(await status(login(`someone${i}@example.org`, 'wrong password', attacker))).toBe(401);
    }
    const user = await makeUser(ctx.deps, ['sales']);
    const refused = await login(user.email, TEST_PASSWORD, attacker);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(retryAfter(refused)).toBeGreaterThan(0);
    expect(await status(login(user.email, TEST_PASSWORD, newAddress()))).toBe(200);
  });
});

describe('login limits: IPv6 clients', () => {
  it('counts an IPv6 client by its /64 network, which it could otherwise walk through address by address', async () => {
    for (let i = 0; i < ctx.config.loginMaxFailuresPerAddress; i += 1) {
      const address = `2001:db8:1:2::${(i + 1).toString(16)}`;
      expect(await status(login(`v6-${i}@example.org`, 'wrong password', address))).toBe(401);
    }
    const user = await makeUser(ctx.deps, ['sales']);
    expect(await status(login(user.email, TEST_PASSWORD, '2001:db8:1:2:ffff::9'))).toBe(429);
    expect(await status(login(user.email, TEST_PASSWORD, '2001:db8:1:3::1'))).toBe(200);
  });
});

describe('login limits: the account slows down', () => {
  it('makes an address that failed wait longer as the account collects failures (429, Retry-After)', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const a = newAddress();
    const base = ctx.config.loginDelaySeconds;
    // the account's first failure costs nothing, the second asks for the base delay
    expect(await status(login(user.email, 'guess 1', a))).toBe(401);
    expect(await status(login(user.email, 'guess 2', a))).toBe(401);
    const delayed = await login(user.email, 'guess 3', a, 'en');
    expect(delayed.statusCode).toBe(429);
    const title = 'Several wrong passwords were entered for this account. Wait a moment before trying again.';
    expect(delayed.json()).toMatchObject({ code: 'LOGIN_DELAYED', title });
    expect(retryAfter(delayed)).toBe(base);
    // even the right password waits: the address has failed for this account
    expect(await status(login(user.email, TEST_PASSWORD, a))).toBe(429);
    waitAsAsked(delayed);
    expect(await status(login(user.email, 'guess 3', a))).toBe(401);
    expect(retryAfter(await login(user.email, 'guess 4', a))).toBe(2 * base);
    // failures from elsewhere make this address wait longer too (the delay belongs to the account)
    for (let i = 0; i < 3; i += 1) expect(await status(login(user.email, `other ${i}`, newAddress()))).toBe(401);
    ctx.clock.advanceMinutes(1);
    expect(await status(login(user.email, 'guess 4', a))).toBe(401);
    const longer = await login(user.email, 'guess 5', a);
    expect(retryAfter(longer)).toBe(32 * base);
    // a clean address is not slowed down, and after waiting the right password works
    expect(await status(login(user.email, TEST_PASSWORD, newAddress()))).toBe(200);
    waitAsAsked(longer);
    expect(await status(login(user.email, TEST_PASSWORD, a))).toBe(200);
  });

  it('caps the delay at LOGIN_MAX_DELAY_SECONDS', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const a = newAddress();
    expect(await status(login(user.email, 'guess', a))).toBe(401);
    for (let i = 0; i < 20; i += 1) await login(user.email, `other ${i}`, newAddress());
    ctx.clock.advanceMinutes(10);
    expect(await status(login(user.email, 'guess again', a))).toBe(401);
    expect(retryAfter(await login(user.email, 'and again', a))).toBe(ctx.config.loginMaxDelaySeconds);
  });

  it('forgets an address’s failures for the account once it logs in', async () => {
    const user = await makeUser(ctx.deps, ['sales']);
    const a = newAddress();
    expect(await status(login(user.email, 'typo', a))).toBe(401);
    expect(await status(login(user.email, TEST_PASSWORD, a))).toBe(200);
    // the next typo is the address's first failure since it logged in: no wait before it
    expect(await status(login(user.email, 'typo', a))).toBe(401);
  });
});
