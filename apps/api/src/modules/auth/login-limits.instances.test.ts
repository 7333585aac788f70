import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../../../scripts/build-server.mjs';
import { openDatabase, type Database } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { systemClock } from '../../platform/clock.js';
import { createTestDatabase, freePort, makeUser, statusTally } from '../../testing/harness.js';

/**
 * Two instances of the built server, each its own process with its own connections, on one database (a SQLite
 * file or a PostgreSQL database): the login limits must hold across them, with no state in either process.
 */
// Large enough that the 200 requests are still arriving while the first ones are checked.
const MAX_FAILURES = 20;

describe('login limits across two app instances', () => {
  fs.mkdirSync('dist', { recursive: true });
  const dir = fs.mkdtempSync(path.resolve('dist/test-instances-'));
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const created = await createTestDatabase();
    drop = created.drop;
    database = openDatabase(created.url, { poolSize: 2 });
    await migrateToLatest(database);
    const entry = await buildServer('apps/api/src/main.ts', path.join(dir, 'server/main.mjs'));
    for (let i = 0; i < 2; i += 1) {
      const port = await freePort();
      const env = {
        ...process.env,
        DATABASE_URL: created.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        DEMO: '',
        SWEEP_INTERVAL_MINUTES: '0',
        STORAGE_DIR: path.join(os.tmpdir(), 'harmonie-instances-files'),
        WEB_DIST: '/nonexistent',
        // no delay, small limits: only the hard limits stand between the attempts and the password check
        LOGIN_DELAY_SECONDS: '0',
        LOGIN_MAX_FAILURES: String(MAX_FAILURES),
        LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
      };
      children.push(spawn(process.execPath, [entry], { env, stdio: 'ignore' }));
      urls.push(`http://127.0.0.1:${port}`);
    }
    for (const url of urls) {
      let up = false;
      // Up to a minute: on a loaded machine (parallel suites, two cores) a cold start took over 20 s.
      for (let attempt = 0; attempt < 300 && !up; attempt += 1) {
        up = await fetch(`${url}/api/health`).then(
          (r) => r.ok,
          () => false,
        );
        if (!up) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(up, `${url} started`).toBe(true);
    }
  }, 120_000);

  afterAll(async () => {
    for (const child of children) child.kill('SIGTERM');
    const exited = (child: ChildProcess) =>
      new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
    await Promise.all(children.map(exited));
    await database?.destroy();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('evaluates at most LOGIN_MAX_FAILURES of 200 wrong passwords sent at once to both instances', async () => {
    const user = await makeUser({ db: database.db, clock: systemClock }, ['sales']);
    const body = JSON.stringify({ email: user.email, password: 'wrong password' });
    const headers = { 'content-type': 'application/json' };
    const send = (url: string | undefined) => fetch(`${url}/api/auth/login`, { method: 'POST', headers, body });
    const attempts = Array.from({ length: 200 }, (_, i) => send(urls[i % 2]));
    const answers = (await Promise.all(attempts)).map((r) => ({ statusCode: r.status }));
    expect(statusTally(answers)).toEqual({ 401: MAX_FAILURES, 429: 200 - MAX_FAILURES });
  });
});
