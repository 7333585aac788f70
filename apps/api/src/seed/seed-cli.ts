import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { seedBulk, BENCH_LOGINS, BENCH_PASSWORD } from './bulk-seed.js';

/**
 * `npm run seed -- --teachers N --families M [--lessons L] [--mandates K] [--requests R] [--seed S] [--today D]`
 * fills the database at DATABASE_URL with a large generated organisation (see bulk-seed.ts). About 3.1 people per
 * family plus the teachers: `--families 290000 --teachers 100000` gives a million people.
 */
const { values } = parseArgs({
  options: {
    teachers: { type: 'string', default: '1000' },
    families: { type: 'string', default: '3000' },
    lessons: { type: 'string', default: '0' },
    mandates: { type: 'string', default: '0' },
    requests: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    today: { type: 'string' },
    quiet: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});

function count(name: string, raw: string | undefined): number {
  const n = Number((raw ?? '').replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number, got "${raw ?? ''}"`);
    process.exit(2);
  }
  return n;
}

const today = values.today ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
  console.error(`--today must be YYYY-MM-DD, got "${today}"`);
  process.exit(2);
}
const config = loadConfig();
const tty = process.stderr.isTTY;
const result = await seedBulk(
  config.databaseUrl,
  {
    teachers: count('teachers', values.teachers),
    families: count('families', values.families),
    lessons: count('lessons', values.lessons),
    mandates: count('mandates', values.mandates),
    requests: count('requests', values.requests),
    seed: count('seed', values.seed),
    today,
  },
  (line, done) => {
    if (values.quiet) return;
    // One updating line on a terminal; plain lines in CI logs.
    if (tty) process.stderr.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
    else process.stderr.write(`${line}\n`);
  },
);
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(
    `Seeded ${config.databaseUrl.replace(/\/\/[^@]*@/, '//')}: ${result.people} people (${result.teachers} teachers, ${result.families} families), ${result.assignments} assignments, ${result.lessons} lessons, ${result.requests} open requests in ${result.seconds.total.toFixed(1)} s (indexes ${result.seconds.indexes.toFixed(1)} s).`,
  );
  console.log(`Logins (password "${BENCH_PASSWORD}"): ${Object.values(BENCH_LOGINS).join(', ')}`);
  for (const gap of result.gaps) console.log(`Gap: ${gap}`);
}
