#!/usr/bin/env node
// After `npm run build:web` (CI): reads Vite's manifest (dist/web/.vite/manifest.json) and computes, for each group
// of routes, the JavaScript a browser downloads before the page can show: the entry, its static imports, the lazy
// chunks of the audience and page (App.tsx, portals/*), and their static imports, each counted once, gzipped.
// Every public or portal route is measured against the 120 kB target of issue 20, which is NOT met yet (React DOM
// alone is 64 kB gzipped; with the router, TanStack Query, i18next and Mantine's core the shared first chunks weigh
// about 140 kB: README "Speed"); so that the build cannot grow meanwhile, each route also has a ceiling (its size
// when measured, plus 3-4 kB; raised by 1-3 kB when issues 12 and 13 landed together, and by 5-9 kB when
// issue 13's words and forms (field mapping, password field, history labels) and issue 14 landed together, and by
// 1-2 kB when issue 15's enrolment landed (its history and settings labels, error codes and the family portal's four
// new menu entries): to win back under issue 20), and CI fails above it, or on any office code (office pages, @mantine/charts,
// recharts) on a public or portal route. BUNDLE_TARGET_STRICT=1 fails above the target instead. `--json` prints the figures as JSON.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, process.env.WEB_DIST ?? 'dist/web');
const TARGET_KB = 120;
const strict = process.env.BUNDLE_TARGET_STRICT === '1';

/** What each route loads before it shows: the lazily imported modules on its way (source paths, from apps/web). */
const ROUTES = [
  { name: 'login', ceiling: 175, lazy: ['src/portals/public/LoginPage.tsx'] },
  { name: 'public request form', ceiling: 195, lazy: ['src/features/agency/RequestFormPage.tsx'] },
  { name: 'application form', ceiling: 237, lazy: ['src/portals/public/ApplyPage.tsx'] },
  { name: 'signed first-lesson link', ceiling: 174, lazy: ['src/portals/public/LinkPage.tsx'] },
  { name: 'signed meeting answer', ceiling: 170, lazy: ['src/portals/public/MeetingAnswerPage.tsx'] },
  { name: 'invitation / password reset', ceiling: 175, lazy: ['src/portals/public/TokenPasswordPage.tsx'] },
  {
    name: 'family home',
    // +1 kB (issue 13): phone and e-mail links in the person details
    ceiling: 196,
    lazy: ['src/portals/family/FamilyPortal.tsx', 'src/portals/family/FamilyHomePage.tsx'],
  },
  {
    name: 'family lessons',
    // +2 kB (issue 13): the family's request form (change of teacher, a problem), phone and e-mail links
    ceiling: 215,
    lazy: ['src/portals/family/FamilyPortal.tsx', 'src/features/agency/PortalFilesPage.tsx'],
  },
  {
    name: 'family billing',
    ceiling: 205,
    lazy: ['src/portals/family/FamilyPortal.tsx', 'src/portals/family/FamilyBillingPage.tsx'],
  },
  {
    name: 'teacher home',
    // +1 kB (issue 16): the entry's public route of the distance lesson's "ok" link, the account menu's calendar entry
    ceiling: 190,
    lazy: ['src/portals/teacher/TeacherPortal.tsx', 'src/portals/teacher/TeacherHomePage.tsx'],
  },
  {
    name: 'teacher students',
    // +2 kB (issue 13): the same page as the family's lessons (PortalFilesPage), phone and e-mail links; +1 kB (issue
    // 16): the entry's public route of the distance lesson's "ok" link
    ceiling: 211,
    lazy: ['src/portals/teacher/TeacherPortal.tsx', 'src/features/agency/PortalFilesPage.tsx'],
  },
  {
    name: 'teacher lessons',
    ceiling: 215,
    lazy: ['src/portals/teacher/TeacherPortal.tsx', 'src/features/agency/LessonsMonthPage.tsx'],
  },
  {
    name: 'teacher profile',
    ceiling: 262,
    lazy: ['src/portals/teacher/TeacherPortal.tsx', 'src/portals/teacher/MyProfilePage.tsx'],
  },
  // Issue 16 raised every portal route by 1–2 kB: the error catalogue's new messages (shared by every page), the
  // family's three new menu entries and the teacher's two, the public /ack/:token route and the account menu's
  // calendar entry; the ceilings above follow (README "Speed").
  // staff pages on office computers: shown, not budgeted
  { name: 'staff dashboard', lazy: ['src/portals/office/OfficePortal.tsx', 'src/portals/office/DashboardPage.tsx'] },
  { name: 'staff files', lazy: ['src/portals/office/OfficePortal.tsx', 'src/portals/office/PipelinePage.tsx'] },
];
/** Never on a public or portal route's way. */
const OFFICE_ONLY = [/^src\/portals\/office\//, /node_modules\/@mantine\/charts\//, /node_modules\/recharts\//];

const manifestFile = path.join(web, '.vite/manifest.json');
if (!fs.existsSync(manifestFile)) {
  console.error(`${path.relative(root, manifestFile)} is missing: run npm run build:web`);
  process.exit(1);
}
const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);
const [entryKey] = entries[0];

const gzipped = new Map();
function gzipSize(file) {
  if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(path.join(web, file)), { level: 9 }).length);
  return gzipped.get(file);
}

/** The chunk and everything it imports statically (what the browser fetches before running it). */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  const chunk = manifest[key];
  if (!chunk) throw new Error(`${key} is not in the manifest (renamed? update scripts/check-bundle-budget.mjs)`);
  seen.add(key);
  for (const imported of chunk.imports ?? []) closure(imported, seen);
  return seen;
}

/** Which source modules ended up in a chunk is not in the manifest: the chunk's key and its name are. */
const results = [];
let failed = false;
for (const route of ROUTES) {
  const keys = new Set();
  for (const key of [entryKey, ...route.lazy]) {
    if (key !== entryKey && !manifest[key]?.isDynamicEntry)
      throw new Error(`${key} is not a lazy chunk: it would be in the entry`);
    closure(key, keys);
  }
  const files = [...new Set([...keys].map((key) => manifest[key].file))];
  const bytes = files.reduce((sum, file) => sum + gzipSize(file), 0);
  const kb = Math.round(bytes / 102.4) / 10;
  const budgeted = route.ceiling !== undefined;
  const office = budgeted ? [...keys].filter((key) => OFFICE_ONLY.some((pattern) => pattern.test(key))) : [];
  const over = budgeted && kb > (strict ? TARGET_KB : route.ceiling);
  if (over || office.length) failed = true;
  results.push({
    route: route.name,
    gzippedKb: kb,
    targetKb: budgeted ? TARGET_KB : null,
    ceilingKb: route.ceiling ?? null,
    chunks: files.length,
    officeCode: office,
  });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(results, null, 2));
else {
  console.log('JavaScript on first load, gzipped (entry + lazy chunks of the route + their imports):');
  for (const r of results) {
    const target = r.gzippedKb > r.targetKb ? `target ${r.targetKb} kB not met` : `target ${r.targetKb} kB met`;
    const ceiling = r.gzippedKb > r.ceilingKb ? `OVER its ceiling of ${r.ceilingKb} kB` : `ceiling ${r.ceilingKb} kB`;
    const verdict = r.ceilingKb === null ? '(staff page, not budgeted)' : `${ceiling}, ${target}`;
    console.log(
      `  ${r.route.padEnd(30)} ${String(r.gzippedKb).padStart(6)} kB in ${String(r.chunks).padStart(2)} files  ${verdict}${r.officeCode.length ? `  loads office code: ${r.officeCode.join(', ')}` : ''}`,
    );
  }
}
if (failed) {
  console.error(`bundle budget exceeded (see above${strict ? `: the ${TARGET_KB} kB target is enforced` : ''})`);
  process.exitCode = 1;
}
