import { loadConfig } from './config.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { buildApp } from './app.js';
import { createAuthService } from './modules/auth/auth.service.js';

/**
 * `npm run setup-link`: prints, on this terminal only, the one-time link that creates the first administrator of
 * an empty database (DATABASE_URL). The running server never writes it to its log, which others may read; each run
 * makes a new link and voids the previous one.
 */
const config = loadConfig();
const database = openDatabase(config.databaseUrl);
try {
  await migrateToLatest(database);
  const { app, deps } = await buildApp({ config, database, logger: false });
  const link = await createAuthService(deps).prepareSetupLink();
  await app.close();
  if (link) console.log(`Create the first administrator here (one-time link):\n\n  ${link}\n`);
  else {
    console.error('This database already has accounts: ask an administrator for an invitation, or reset a password.');
    process.exitCode = 1;
  }
} finally {
  await database.destroy();
}
