// temporary profiling script (perf helper) — deleted after use
import { Kysely, SqliteDialect } from 'kysely';
import Database from 'better-sqlite3';
import type { DB } from '../apps/api/src/db/tables.js';
import { createMatchingService } from '../apps/api/src/modules/agency/matching.service.js';
import { systemClock } from '../apps/api/src/platform/clock.js';
const sqlite = new Database('/tmp/medium-pristine.db', { readonly: true });
const stats = new Map<string, { n: number; ms: number }>();
const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => { if (e.level === 'query') { const k = e.query.sql.slice(0, 90); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } } });
const files = sqlite.prepare("select id from lesson_files where stage='matching' and latitude is not null order by id limit 100").all() as { id: string }[];
const svc = createMatchingService({ db, clock: systemClock } as never);
const actor = { kind: 'system' } as never;
for (const f of files) await svc.candidates(actor, f.id, { includePrevious: false, limit: 20, locale: 'fr' });
stats.clear();
const t = performance.now();
for (const f of files) await svc.candidates(actor, f.id, { includePrevious: false, limit: 20, locale: 'fr' });
console.log('total per call ms', ((performance.now() - t) / files.length).toFixed(3));
for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) console.log((s.ms / files.length).toFixed(3), s.n, k);
