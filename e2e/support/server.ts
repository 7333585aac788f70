import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../apps/api/src/config.js';
import { openDatabase } from '../../apps/api/src/db/database.js';
import { migrateToLatest } from '../../apps/api/src/db/migrate.js';
import { buildApp, type App } from '../../apps/api/src/app.js';
import { loadDemoIfEmpty } from '../../apps/api/src/seed/demo.js';
import { createTestDatabase, migratedSchemaTemplate } from '../../apps/api/src/testing/harness.js';
import type { Clock } from '../../apps/api/src/platform/clock.js';
import { startMailbox, type Mailbox } from '../../apps/api/src/testing/mailbox.js';

/** mailbox: what people receive, through a real SMTP server on loopback (the outbox hides personal links). */
export type E2EServer = App & { url: string; mailbox: Mailbox; close: () => Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * The real app on a fresh database with the demo organisation, serving the built web app, on loopback, its
 * e-mails sent to a mailbox on loopback. demoMode: run as `npm run demo` does (DEMO=1: the outbox shows links).
 */
type ServerOptions = { demo?: boolean; demoMode?: boolean; clock?: Clock };
export async function startServer(options: ServerOptions = {}): Promise<E2EServer> {
  const { url: databaseUrl, drop } = await createTestDatabase({ template: await migratedSchemaTemplate() });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Uploads in a throw-away directory of their own (beside no database file when the engine is PostgreSQL).
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-e2e-files-'));
  const webDist = process.env.E2E_WEB_DIST ?? fileURLToPath(new URL('../../dist/web', import.meta.url));
  const mailbox = await startMailbox();
  const config = loadConfig({
    ...{ DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, LOG_LEVEL: 'warn' },
    ...{ SWEEP_INTERVAL_MINUTES: '0', CHECK_RESPONSES: 'true', WEB_DIST: webDist, STORAGE_DIR: storageDir },
    ...{ SMTP_URL: mailbox.url, DEMO: options.demoMode ? '1' : '' },
  });
  const database = openDatabase(databaseUrl, { poolSize: 5 });
  await migrateToLatest(database);
  const built = await buildApp({ config, database, clock: options.clock, logger: false });
  if (options.demo !== false) await loadDemoIfEmpty(built.deps);
  await built.app.listen({ port, host: '127.0.0.1' });
  return {
    ...built,
    url,
    mailbox,
    close: async () => {
      await built.app.close();
      await database.destroy();
      await mailbox.close();
      await drop();
      fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}
