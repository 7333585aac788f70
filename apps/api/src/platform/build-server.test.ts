import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../../scripts/build-server.mjs';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('the built server (npm start)', () => {
  // Inside the project (dist/ is ignored by git): the bundle leaves packages to node_modules, found from there up.
  fs.mkdirSync('dist', { recursive: true });
  const dir = fs.mkdtempSync(path.resolve('dist/test-build-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs with node alone: applies every migration from beside the bundle and answers /api/health', async () => {
    const entry = await buildServer('apps/api/src/main.ts', path.join(dir, 'server/main.mjs'));
    const port = await freePort();
    const databaseFile = path.join(dir, 'built.db');
    // What a crash during an upload leaves: the start-up sweep removes it before the server answers.
    const leftover = path.join(dir, 'files', 'teachers', '00000000-0000-4000-8000-000000000000.0123456789abcdef.tmp');
    fs.mkdirSync(path.dirname(leftover), { recursive: true });
    fs.writeFileSync(leftover, '%PDF');
    fs.utimesSync(leftover, new Date(Date.now() - 7_200_000), new Date(Date.now() - 7_200_000));
    const child = spawn(process.execPath, ['--enable-source-maps', entry], {
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${databaseFile}`,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        STORAGE_DIR: path.join(dir, 'files'),
        SWEEP_INTERVAL_MINUTES: '0',
        DEMO: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      let health: { status: string; database: string } | null = null;
      for (let attempt = 0; attempt < 100 && !health && child.exitCode === null; attempt += 1) {
        health = await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => (r.ok ? (r.json() as Promise<{ status: string; database: string }>) : null))
          .catch(() => null);
        if (!health) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(health, output).toEqual({ status: 'ok', database: 'sqlite' });
      expect(fs.existsSync(leftover)).toBe(false);
      const sources = fs.readdirSync(path.resolve('apps/api/src/db/migrations')).filter((f) => f.endsWith('.ts'));
      const db = new Database(databaseFile, { readonly: true });
      const applied = db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[];
      db.close();
      expect(applied.map((m) => m.name)).toEqual(sources.map((f) => f.replace(/\.ts$/, '')).sort());
    } finally {
      child.kill('SIGTERM');
    }
  });
});
