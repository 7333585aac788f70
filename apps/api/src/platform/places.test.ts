import { describe, expect, it } from 'vitest';
import { distanceKm, resolvePlace } from './places.js';

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
});
