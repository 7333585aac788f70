// temporary profiling script (perf helper) — deleted after use
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { buildApp } from '../apps/api/src/app.js';
import { SYSTEM } from '../apps/api/src/platform/actor.js';
import { createBillingServices } from '../apps/api/src/modules/billing/billing.service.js';
const url = `sqlite:${process.argv[2] ?? '/tmp/perf/medium2.db'}`;
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', SWEEP_INTERVAL_MINUTES: '0', WEB_DIST: '/nonexistent' });
const { app, deps } = await buildApp({ config, database: openDatabase(url), logger: false });
await app.ready();
const b = createBillingServices(deps);
for (const [name, fn] of [['issue', () => b.invoices.issueDueInvoices(SYSTEM)], ['hold', () => b.holds.holdQuietSubscriptions()], ['prenotify', () => b.batches.preNotifyDue()]] as const) {
  const t = performance.now();
  const r = await fn();
  console.log(name, ((performance.now() - t) / 1000).toFixed(2), 's', JSON.stringify(r));
}
await app.close();
process.exit(0);
