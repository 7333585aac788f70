import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { loadDemoIfEmpty, DEMO_PASSWORD } from './seed/demo.js';
import { startSweepTimer } from './platform/jobs.js';
import { runStorageSweep } from './modules/teachers/documents.sweep.js';

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
await migrateToLatest(database);
const { app, deps } = await buildApp({ config, database });

if (config.demo) {
  const logins = await loadDemoIfEmpty(deps);
  if (logins) {
    app.log.info('Demo organisation loaded.');
    console.log(
      `\nDemo logins (password "${DEMO_PASSWORD}"):\n${logins.map((l) => `  ${l.email.padEnd(36)} ${l.roles.join(', ')}`).join('\n')}\n`,
    );
  } else {
    console.log(
      `\nDemo database already filled; logins are <role>@demo.example.org with password "${DEMO_PASSWORD}".\n`,
    );
  }
} else {
  // The link itself is a secret: printed by `npm run setup-link` on the operator's terminal, never in this log.
  if (await createAuthService(deps).needsSetup()) {
    app.log.warn('No account yet: `npm run setup-link` (same DATABASE_URL) prints the link to create the first admin.');
  }
  if (!config.smtpUrl) {
    app.log.warn(
      'SMTP_URL is not set: e-mails stay in the outbox, where personal links (invitations, password resets, ' +
        'first-lesson and meeting answers) are hidden, so nobody receives them. Set SMTP_URL, or DEMO=1 for a demo.',
    );
  }
}

// What uploads cut short by a crash left behind (temporary files, bytes without their row): cleaned before serving.
await runStorageSweep(deps).catch((error: unknown) => app.log.error({ err: error }, 'storage sweep failed'));
const stopSweeps = startSweepTimer(deps, config.sweepIntervalMinutes, app.log);
const shutdown = async () => {
  stopSweeps();
  await app.close();
  await database.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

await app.listen({ port: config.port, host: config.host });
console.log(`Harmonie is running on ${config.publicUrl} (database: ${database.engine})`);
