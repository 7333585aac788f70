import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { loadDemoIfEmpty, DEMO_PASSWORD } from './seed/demo.js';
import { startSweepTimer } from './platform/jobs.js';

const config = loadConfig();
const database = openDatabase(config.databaseUrl);
await migrateToLatest(database);
const { app, deps } = await buildApp({ config, database });

if (config.demo) {
  const logins = await loadDemoIfEmpty(deps);
  if (logins) {
    app.log.info('Demo organisation loaded.');
    console.log(`\nDemo logins (password "${DEMO_PASSWORD}"):\n${logins.map((l) => `  ${l.email.padEnd(36)} ${l.roles.join(', ')}`).join('\n')}\n`);
  } else {
    console.log(`\nDemo database already filled; logins are <role>@demo.example.org with password "${DEMO_PASSWORD}".\n`);
  }
} else {
  const link = await createAuthService(deps).prepareSetupLink();
  if (link) app.log.warn(`No account yet. Create the first administrator here (one-time link): ${link}`);
}

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
