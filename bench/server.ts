import { AsyncLocalStorage } from 'node:async_hooks';
import Fastify from 'fastify';
import { loadConfig } from '../apps/api/src/config.js';
import { openDatabase } from '../apps/api/src/db/database.js';
import { buildApp } from '../apps/api/src/app.js';
import { TWENTY_ITEMS, floorFamilies, floorMatch, floorSearch, loadMatchRequests, openRaw } from './floors.js';

/**
 * The servers under load, each in its own process so that autocannon (in the parent) does not share their event
 * loop and so that the app's peak memory is its own: BENCH_ROLE=app serves the real app, BENCH_ROLE=floor the bare
 * floor routes, both on 127.0.0.1 only. They answer IPC messages: `memory` (peak resident set size), `capture`
 * (app: the reads a page runs) and `register` (floor: a replay route for captured reads), and `stop`.
 */
type Read = { sql: string; parameters: unknown[] };
const databaseUrl = process.env.BENCH_DATABASE_URL ?? '';
const role = process.env.BENCH_ROLE === 'floor' ? 'floor' : 'app';
const handlers: Record<string, (message: Record<string, unknown>) => Promise<Record<string, unknown>>> = {
  memory: async () => ({ maxRssBytes: process.resourceUsage().maxRSS * 1024, ...process.memoryUsage() }),
};
let close: () => Promise<void>;
let port: number;

if (role === 'app') {
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MINUTES: '0',
    HOST: '127.0.0.1',
    WEB_DIST: '/nonexistent',
    LOGIN_MAX_FAILURES: '1000',
  });
  // While a page is captured, the statements the app runs for that request (its async context, not the requests
  // of the load test still finishing on PostgreSQL) are kept, to be replayed raw as its floor.
  const capturing = new AsyncLocalStorage<Read[]>();
  const database = openDatabase(databaseUrl, {
    onQuery: (sql, parameters) => capturing.getStore()?.push({ sql, parameters: [...parameters] }),
  });
  const { app } = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
  handlers.capture = async (message) => {
    const statements: Read[] = [];
    const res = await capturing.run(statements, () =>
      app.inject({ method: 'GET', url: String(message.path), headers: { cookie: String(message.cookie) } }),
    );
    const reads = statements.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
    return { status: res.statusCode, reads };
  };
  close = async () => {
    await app.close();
    await database.destroy();
  };
} else {
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
  const registered = new Map<string, Read[]>();
  handlers.register = async (message) => {
    const key = String(registered.size + 1);
    registered.set(key, message.reads as Read[]);
    return { key };
  };
  bare.get<{ Params: { key: string } }>('/bare/replay/:key', async (req, reply) => {
    const reads = registered.get(req.params.key);
    if (!reads) return reply.status(404).send([]);
    const results = [];
    for (const q of reads) results.push(await raw.all(q.sql, q.parameters));
    return results;
  });
  await bare.listen({ port: 0, host: '127.0.0.1' });
  port = (bare.server.address() as { port: number }).port;
  close = async () => {
    await bare.close();
    await raw.close();
  };
}

process.send?.({ type: 'ready', port });
process.on('message', (message: Record<string, unknown>) => {
  if (message.type === 'stop') {
    void close().then(() => process.exit(0));
    return;
  }
  const handler = handlers[String(message.type)];
  void (handler ? handler(message) : Promise.resolve({ error: `unknown message ${String(message.type)}` })).then(
    (reply) => process.send?.({ type: String(message.type), ...reply }),
  );
});
