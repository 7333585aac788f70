import Fastify from 'fastify';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { buildApp } from '../apps/api/src/app.js';
import { TWENTY_ITEMS, floorFamilies, floorMatch, floorSearch, loadMatchRequests, openRaw } from './floors.js';

/**
 * The server under load, in its own process so that autocannon (in the parent) does not share its event loop and
 * so that its peak memory is its own. It serves the real app on one port and the bare floor routes on another,
 * both on 127.0.0.1 only, and answers `memory` messages with its peak resident set size.
 */
const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const config = loadConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', SWEEP_INTERVAL_MINUTES: '0', HOST: '127.0.0.1', WEB_DIST: '/nonexistent', LOGIN_MAX_FAILURES: '1000' });
// While a page is captured, the statements the app runs for it are kept, to be replayed raw as its floor.
let capturing: { sql: string; parameters: unknown[] }[] | null = null;
const database = openDatabase(databaseUrl, { onQuery: (sql, parameters) => capturing?.push({ sql, parameters: [...parameters] }) });
const { app } = await buildApp({ config, database, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });

const raw = openRaw(databaseUrl);
const requests = new Map((await loadMatchRequests(raw, 1000)).map((r) => [r.id, r]));
const bare = Fastify({ logger: false });
bare.get('/bare/json', async () => TWENTY_ITEMS);
bare.get('/bare/families', async () => floorFamilies(raw));
bare.get<{ Querystring: { q: string } }>('/bare/search', async (req) => floorSearch(raw, req.query.q));
bare.get<{ Params: { id: string } }>('/bare/match/:id', async (req, reply) => {
  const r = requests.get(req.params.id);
  return r ? floorMatch(raw, r) : reply.status(404).send([]);
});
// An endpoint's own floor: the reads it ran (session included) replayed through the raw driver in a bare route.
const captured = new Map<string, { sql: string; parameters: unknown[] }[]>();
bare.post<{ Body: { path: string; cookie: string } }>('/bare/capture', async (req) => {
  capturing = [];
  const res = await app.inject({ method: 'GET', url: req.body.path, headers: { cookie: req.body.cookie } });
  const reads = capturing.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
  capturing = null;
  const key = String(captured.size + 1);
  captured.set(key, reads);
  return { key, status: res.statusCode, statements: reads.length };
});
bare.get<{ Params: { key: string } }>('/bare/replay/:key', async (req, reply) => {
  const reads = captured.get(req.params.key);
  if (!reads) return reply.status(404).send([]);
  const results = [];
  for (const q of reads) results.push(await raw.all(q.sql, q.parameters));
  return results;
});
await bare.listen({ port: 0, host: '127.0.0.1' });

const port = (server: typeof bare.server) => {
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
};
process.send?.({ type: 'ready', appPort: port(app.server), barePort: port(bare.server) });
process.on('message', (message: { type: string }) => {
  if (message.type === 'memory') process.send?.({ type: 'memory', maxRssBytes: process.resourceUsage().maxRSS * 1024, ...process.memoryUsage() });
  if (message.type === 'stop') {
    void (async () => {
      await app.close();
      await bare.close();
      await raw.close();
      await database.destroy();
      process.exit(0);
    })();
  }
});
