// Reads the source as text to measure its shape (scripts/shape-counts.mjs) and to check the error catalogue
// (apps/api/src/platform/error-catalogue.test.ts). No TypeScript needed: plain patterns over files.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Every file under `dir` (relative to the repository) whose name ends with one of `exts`, sorted. */
export function filesUnder(dir, exts = ['.ts']) {
  const out = [];
  const walk = (abs) => {
    if (!fs.existsSync(abs)) return;
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(abs, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (exts.some((e) => entry.name.endsWith(e))) out.push(path.relative(ROOT, full));
    }
  };
  walk(path.join(ROOT, dir));
  return out.sort();
}

export const isTest = (file) =>
  /\.(test|spec)\.tsx?$/.test(file) || /test-support\.ts$/.test(file) || file.includes('/testing/');

/** The API's own code, as the shape counts see it: no tests, migrations or benchmark bulk seeds. */
export function apiSources() {
  return filesUnder('apps/api/src').filter(
    (f) => !isTest(f) && !f.includes('/db/migrations/') && !/\/seed\/bulk[^/]*\.ts$/.test(f),
  );
}

/** The text without comments (so that a query quoted in a comment does not count). */
export function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** Statements that start a query: Kysely builders, `sql` templates and common table expressions. */
export const QUERY_START =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|with)\(|\bsql(<[^`>]*(<[^`>]*>)?[^`>]*>)?`/g;

export function queryStarts(text) {
  return [...stripComments(text).matchAll(QUERY_START)].length;
}

/** The layer a file belongs to, by its name. */
export function layerOf(file) {
  if (/\.repository\.ts$/.test(file)) return 'repositories';
  if (/\.service\.ts$/.test(file)) return 'services';
  if (/\.sweep\.ts$/.test(file)) return 'sweeps';
  if (/\.routes\.ts$/.test(file)) return 'routes';
  if (/\.demo\.ts$/.test(file) || file.includes('/seed/')) return 'demo/seed';
  return 'other';
}

/** The area a file belongs to: platform, db, seed, app, or modules/<domain>. */
export function areaOf(file) {
  const rel = file.replace(/^apps\/api\/src\//, '');
  const m = rel.match(/^modules\/([^/]+)\//);
  if (m) return `modules/${m[1]}`;
  const top = rel.split('/')[0];
  return top.endsWith('.ts') ? 'app' : top;
}

/**
 * Error codes a file throws or declares for its fields, with their line:
 * `new DomainError('X'`, `invalidField('f', 'x')`, `{ field: …, code: 'x' }`, zod `message: 'x'`.
 */
export function thrownCodes(text) {
  const clean = stripComments(text);
  const found = [];
  const patterns = [
    /new DomainError\(\s*'([A-Za-z_]+)'/g,
    /invalidField\(\s*'[^']*',\s*'([A-Za-z_]+)'/g,
    /\{\s*field:\s*[^,{}]+,\s*code:\s*'([A-Za-z_]+)'/g,
    /\bmessage:\s*'([A-Za-z_]+)'/g,
  ];
  for (const pattern of patterns) {
    for (const match of clean.matchAll(pattern)) {
      const line = clean.slice(0, match.index).split('\n').length;
      found.push({ code: match[1], line });
    }
  }
  return found;
}

/** Role lists: calls of requireRole/hasRole, direct `roles.has('x')` checks, and constant arrays of roles. */
export function roleLists(text, roles) {
  const clean = stripComments(text);
  const roleAlt = roles.join('|');
  const calls = [...clean.matchAll(/\b(requireRole|hasRole)\(\s*[a-zA-Z.]+\s*,/g)].length;
  const has = [...clean.matchAll(new RegExp(`roles\\.has\\('(${roleAlt})'\\)`, 'g'))].length;
  const arrays = [
    ...clean.matchAll(
      new RegExp(`const [A-Z_]+(: [^=]+)? = \\[\\s*(('(${roleAlt})'|\\.\\.\\.[A-Z_]+)\\s*,?\\s*)+\\]`, 'g'),
    ),
  ].length;
  return { calls, has, arrays };
}

/** Lines over `width` characters in the tracked code (ts, tsx, mjs, js). */
export function longLines(files, width = 120) {
  let count = 0;
  for (const file of files) {
    for (const line of fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')) if (line.length > width) count++;
  }
  return count;
}
