// The shape measures of issue 11, printed as a table: where the statements that start a query live (by layer and
// by area), role lists, error codes without a message of their own, and lines over 120 characters.
// Run: node scripts/shape-counts.mjs  (it re-runs itself under tsx to read the contracts' error messages).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT,
  apiSources,
  areaOf,
  filesUnder,
  isTest,
  layerOf,
  longLines,
  queryStarts,
  roleLists,
  thrownCodes,
} from './code-scan.mjs';

if (!process.env.SHAPE_COUNTS_UNDER_TSX) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, SHAPE_COUNTS_UNDER_TSX: '1' },
  });
  process.exit(run.status ?? 1);
}

const contracts = await import(pathToFileURL(path.join(ROOT, 'packages/contracts/src/index.ts')).href);
const read = (file) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pct = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : '-');

// 1. Statements that start a query, by layer and by area.
const sources = apiSources();
const layers = ['repositories', 'services', 'sweeps', 'routes', 'demo/seed', 'other'];
const byLayer = Object.fromEntries(layers.map((l) => [l, 0]));
const byArea = {};
for (const file of sources) {
  const n = queryStarts(read(file));
  if (!n) continue;
  byLayer[layerOf(file)] += n;
  const area = (byArea[areaOf(file)] ??= Object.fromEntries(layers.map((l) => [l, 0])));
  area[layerOf(file)] += n;
}
const total = Object.values(byLayer).reduce((a, b) => a + b, 0);
console.log('Statements that start a query (apps/api/src without tests, migrations, seed/bulk*)');
console.log(`  pattern: ${'.selectFrom( .insertInto( .updateTable( .deleteFrom( .with( sql`…` (comments stripped)'}`);
console.log(
  `  ${'area'.padEnd(20)}${layers.map((l) => l.padStart(13)).join('')}${'total'.padStart(8)}${'in repos'.padStart(10)}`,
);
for (const [area, counts] of Object.entries(byArea).sort()) {
  const sum = Object.values(counts).reduce((a, b) => a + b, 0);
  console.log(
    `  ${area.padEnd(20)}${layers.map((l) => String(counts[l]).padStart(13)).join('')}${String(sum).padStart(8)}${pct(counts.repositories, sum).padStart(10)}`,
  );
}
console.log(
  `  ${'ALL'.padEnd(20)}${layers.map((l) => String(byLayer[l]).padStart(13)).join('')}${String(total).padStart(8)}${pct(byLayer.repositories, total).padStart(10)}`,
);

// 2. Role lists.
const roles = contracts.ROLES;
let calls = 0;
let has = 0;
let arrays = 0;
const roleFiles = new Set();
for (const file of sources) {
  if (file.endsWith('platform/actor.ts') || file.endsWith('platform/access.ts')) continue;
  const r = roleLists(read(file), roles);
  calls += r.calls;
  has += r.has;
  arrays += r.arrays;
  if (r.calls + r.has + r.arrays) roleFiles.add(file);
}
console.log('\nRole lists in apps/api/src (outside platform/actor.ts and platform/access.ts, which define the checks)');
console.log(
  `  requireRole/hasRole calls: ${calls}; roles.has('x'): ${has}; constant role arrays: ${arrays}; files: ${roleFiles.size}`,
);

// 3. Error codes thrown or declared, without a message of their own.
const messages = contracts.ERROR_MESSAGES;
const generic = { fr: messages.fr.invalid_value, en: messages.en.invalid_value };
const codes = new Map();
const scanned = [...sources, ...filesUnder('packages/contracts/src').filter((f) => !isTest(f))];
for (const file of scanned) for (const { code } of thrownCodes(read(file))) codes.set(code, (codes.get(code) ?? 0) + 1);
const missing = [...codes.keys()].filter(
  (code) =>
    code !== 'invalid_value' &&
    (!messages.en[code] || messages.en[code] === generic.en || !messages.fr[code] || messages.fr[code] === generic.fr),
);
const catalogue = contracts.ERROR_CATALOGUE ?? {};
const outside = [...codes.keys()].filter((code) => !(code in catalogue));
console.log('\nError codes (new DomainError, invalidField, { field, code }, zod message) in the API and contracts');
console.log(
  `  distinct codes: ${codes.size}; without a message of their own (read "invalid value"): ${missing.length}`,
);
console.log(
  `  not in ERROR_CATALOGUE (registerMessages or nothing): ${outside.length}; uses of invalid_value itself: ${codes.get('invalid_value') ?? 0}`,
);
if (process.argv.includes('--list')) console.log(`  without message: ${missing.sort().join(', ')}`);

// 4. Lines over 120 characters in tracked code.
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mjs|js)$/.test(f) && fs.existsSync(path.join(ROOT, f)));
console.log(`\nLines over 120 characters (tracked .ts .tsx .mjs .js): ${longLines(tracked)}`);
