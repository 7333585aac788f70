import { describe, expect, it } from 'vitest';
import { CATALOGUE_INSTRUMENTS, COLLECTIVE_DISCIPLINES, Discipline, DISCIPLINES, INSTRUMENTS } from '@contracts';
import { AGENCY_RESOURCES } from './agency-i18n';
import { SCHOOLS_RESOURCES } from '../schools/schools-i18n';

describe('the one catalogue of disciplines shared by the agency and the schools', () => {
  it('keeps every instrument code the agency stored before, with its meaning (same codes first)', () => {
    expect(CATALOGUE_INSTRUMENTS.slice(0, INSTRUMENTS.length)).toEqual([...INSTRUMENTS]);
    for (const code of INSTRUMENTS) expect(Discipline.safeParse(code).success, code).toBe(true);
  });

  it('is what the agency’s forms offer: the catalogue’s instruments, beyond the first ten', () => {
    expect(CATALOGUE_INSTRUMENTS).toEqual(expect.arrayContaining(['viola', 'double_bass', 'harp', 'accordion']));
    expect(DISCIPLINES).toEqual([...CATALOGUE_INSTRUMENTS, ...COLLECTIVE_DISCIPLINES]);
  });

  it('labels every instrument in French and English, the same in the agency’s forms and the schools’ pages', () => {
    for (const locale of ['fr', 'en'] as const) {
      const agency = AGENCY_RESOURCES[locale].instrument as Record<string, string>;
      const schools = SCHOOLS_RESOURCES[locale].discipline as Record<string, string>;
      for (const code of CATALOGUE_INSTRUMENTS) {
        expect(agency[code], `${locale} ${code}`).toBeTruthy();
        expect(agency[code], `${locale} ${code}`).toBe(schools[code]);
      }
      for (const code of DISCIPLINES) expect(schools[code], `${locale} ${code}`).toBeTruthy();
    }
  });
});
