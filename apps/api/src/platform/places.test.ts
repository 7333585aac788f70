import { describe, expect, it } from 'vitest';
import { distanceKm, lookUpPlace, placesOfPostalCode, resolvePlace } from './places.js';

describe('places', () => {
  it('resolves a Paris postal code to its arrondissement with coordinates', () => {
    const place = resolvePlace({ postalCode: '75011' });
    expect(place).toMatchObject({
      inseeCode: '75111',
      commune: 'Paris 11e Arrondissement',
      postalCode: '75011',
      department: '75',
    });
    expect(place?.latitude).toBeCloseTo(48.858, 2);
    expect(place?.longitude).toBeCloseTo(2.38, 2);
  });

  it('resolves every postal code of a commune with several codes to the same commune', () => {
    const a = resolvePlace({ postalCode: '31000' });
    const b = resolvePlace({ postalCode: '31500' });
    expect(a?.inseeCode).toBe('31555');
    expect(b?.inseeCode).toBe('31555');
    expect(a?.latitude).toBe(b?.latitude);
  });

  it('picks the named commune when several share a postal code, ignoring accents and case', () => {
    expect(resolvePlace({ postalCode: '01000', city: 'saint denis les bourg' })?.inseeCode).toBe('01344');
    expect(resolvePlace({ postalCode: '01000' })?.inseeCode).toBe('01053');
  });

  it('keeps Corsican département codes', () => {
    expect(resolvePlace({ postalCode: '20000' })?.department).toBe('2A');
  });

  it('returns null for an unknown or malformed postal code', () => {
    expect(resolvePlace({ postalCode: '99999' })).toBeNull();
    expect(resolvePlace({ postalCode: 'abc' })).toBeNull();
  });

  it('measures great-circle distances in kilometres', () => {
    expect(distanceKm({ latitude: 48.8566, longitude: 2.3522 }, { latitude: 45.764, longitude: 4.8357 })).toBeCloseTo(
      392,
      -1,
    );
    expect(distanceKm({ latitude: 1, longitude: 1 }, { latitude: 1, longitude: 1 })).toBe(0);
  });

  // Tricky cases, each checked against the INSEE register (Code officiel géographique) and a map.
  const TRICKY: [postalCode: string, city: string, expected: string | string[] | 'unknown' | 'unknown-cedex'][] = [
    ['75016', 'Paris', '75116'], // not Boulogne-Billancourt, whose mail also reads "PARIS" under 75016
    ['75016', 'PARIS 16', '75116'],
    ['75016', 'Boulogne-Billancourt', '92012'],
    ['75016', '', ['75116', '92012']], // shared and unnamed: the form asks
    ['75116', 'Paris', '75116'],
    ['75001', 'Paris', '75101'],
    ['75020', 'Paris', '75120'],
    ['69001', 'Lyon', '69381'],
    ['69009', 'Lyon', '69389'],
    ['13001', 'Marseille', '13201'],
    ['13016', 'Marseille', ['13215', '13216']], // two arrondissements share 13016
    ['13016', 'Marseille 16e arrondissement', '13216'],
    ['01000', 'Saint-Denis-lès-Bourg', '01344'],
    ['01000', '', ['01053', '01344']],
    ['01000', 'Lyon', ['01053', '01344']], // a city the code does not serve: ask, never guess
    ['75007', 'Paris Cedex 07', '75107'], // "Cedex" in the city is ignored
    ['75700', 'Paris Cedex 07', 'unknown-cedex'], // a CEDEX code names a sorting office, not a place
    ['99999', '', 'unknown'],
    ['20000', 'Ajaccio', '2A004'],
    ['20200', 'Bastia', '2B033'],
    ['20000', '', ['2A004', '2A139']],
    ['97100', 'Basse-Terre', '97105'],
    ['97200', 'Fort-de-France', '97209'],
    ['97300', 'Cayenne', '97302'],
    ['97400', 'Saint-Denis', '97411'],
    ['97600', 'Mamoudzou', '97611'],
  ];
  it.each(TRICKY)('resolves %s %s', (postalCode, city, expected) => {
    const found = lookUpPlace({ postalCode, city });
    if (expected === 'unknown' || expected === 'unknown-cedex')
      expect(found).toEqual({ kind: 'unknown', cedex: expected === 'unknown-cedex' });
    else if (Array.isArray(expected)) {
      expect(found.kind).toBe('ambiguous');
      if (found.kind === 'ambiguous') expect(found.choices.map((p) => p.inseeCode)).toEqual(expected);
    } else {
      expect(found.kind).toBe('found');
      if (found.kind === 'found') {
        expect(found.place.inseeCode).toBe(expected);
        expect(found.place.latitude).not.toBeNull();
      }
    }
  });

  it('places each of the 45 arrondissements of Paris, Lyon and Marseille at its own point', () => {
    const codes = [
      ...Array.from({ length: 20 }, (_, i) => `750${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 9 }, (_, i) => `6900${i + 1}`),
      ...Array.from({ length: 16 }, (_, i) => `130${String(i + 1).padStart(2, '0')}`),
    ];
    const points = new Map<string, string>();
    for (const code of codes)
      for (const p of placesOfPostalCode(code))
        if (/^(751|6938|132)/.test(p.inseeCode)) points.set(p.inseeCode, `${p.latitude},${p.longitude}`);
    expect(points.size).toBe(45);
    expect(new Set(points.values()).size).toBe(45);
    // The 16th is in the west of Paris (Passy), 4 to 5 km from the Louvre: not at the city's centre.
    const passy = placesOfPostalCode('75116')[0];
    const louvre = placesOfPostalCode('75001')[0];
    expect(distanceKm(passy as never, louvre as never)).toBeGreaterThan(4);
  });

  it('gives an overseas commune its département and coordinates', () => {
    const place = resolvePlace({ postalCode: '97400', city: 'Saint-Denis' });
    expect(place?.department).toBe('974');
    expect(place?.latitude).toBeLessThan(-20);
  });
});
