// temporary profiling script (perf helper) — deleted after use
import fs from 'node:fs';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { buildApp } from '../apps/api/src/app.js';
import { registeredSweeps } from '../apps/api/src/platform/jobs.js';
const file = process.argv[2] ?? '/tmp/perf/medium.db';
if (process.argv[3] === 'fresh') { for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true }); fs.copyFileSync('/tmp/medium-pristine.db', file); }
const url = `sqlite:${file}`;
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', SWEEP_INTERVAL_MINUTES: '0', WEB_DIST: '/nonexistent' });
const { app, deps } = await buildApp({ config, database: openDatabase(url), logger: false });
await app.ready();
for (const round of [1, 2]) for (const s of registeredSweeps()) {
  const t = performance.now();
  const r = await s.run(deps);
  console.log(round, s.name, ((performance.now() - t) / 1000).toFixed(2), 's', JSON.stringify(r));
}
await deps.mailer.flush();
await app.close();
process.exit(0);
