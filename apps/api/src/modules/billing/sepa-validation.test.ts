import { describe, expect, it } from 'vitest';
import { bicProblem, ibanProblem, icsCheckDigits, icsProblem, normaliseIban, rumProblem } from './sepa-validation.js';

describe('IBAN validation (ibantools, mod-97)', () => {
  it('accepts real IBANs, written with spaces or not', () => {
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890 189')).toBeNull();
    expect(ibanProblem('DE89370400440532013000')).toBeNull();
    expect(ibanProblem('fr14 2004 1010 0505 0001 3M02 606')).toBeNull();
    expect(normaliseIban('fr76 3000 6000 0112 3456 7890 189')).toBe('FR7630006000011234567890189');
  });
  it('refuses a wrong check digit, a wrong length and a country outside SEPA', () => {
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890 188')).toBe('invalid_iban');
    expect(ibanProblem('FR77 3000 6000 0112 3456 7890 189')).toBe('invalid_iban');
    expect(ibanProblem('FR76 3000 6000 0112 3456 7890')).toBe('invalid_iban');
    expect(ibanProblem('BR1800360305000010009795493C1')).toBe('iban_not_sepa');
  });
});

describe('BIC validation', () => {
  it('accepts 8 and 11 character BICs and refuses malformed ones', () => {
    expect(bicProblem('BNPAFRPP')).toBeNull();
    expect(bicProblem('BNPAFRPPXXX')).toBeNull();
    expect(bicProblem('BNPA FR PP')).toBeNull();
    expect(bicProblem('BNPAF1PP')).toBe('invalid_bic');
    expect(bicProblem('BNPAFRP')).toBe('invalid_bic');
  });
});

describe('RUM (unique mandate reference)', () => {
  it('accepts up to 35 SEPA characters', () => {
    expect(rumProblem('HRM-20261123-ABC123')).toBeNull();
    expect(rumProblem('A'.repeat(35))).toBeNull();
    expect(rumProblem("R/2026(1).x+y:z?'")).toBeNull();
  });
  it('refuses more than 35 characters, characters outside the SEPA set, and slashes at the edges or doubled', () => {
    expect(rumProblem('A'.repeat(36))).toBe('invalid_rum_length');
    expect(rumProblem('')).toBe('invalid_rum_length');
    expect(rumProblem('RUM_2026')).toBe('invalid_rum_characters');
    expect(rumProblem('RUMé2026')).toBe('invalid_rum_characters');
    expect(rumProblem('//RUM2026')).toBe('invalid_rum_slashes');
    expect(rumProblem('/RUM2026')).toBe('invalid_rum_slashes');
    expect(rumProblem('RUM//2026')).toBe('invalid_rum_slashes');
    expect(rumProblem('RUM2026/')).toBe('invalid_rum_slashes');
  });
});

describe('creditor identifier (ICS)', () => {
  // Check digits computed by hand: national id 123456 + "FR00" → 123456152700 mod 97 = 26 → 98 - 26 = 72.
  it('computes the check digits over the national identifier, country and 00', () => {
    expect(icsCheckDigits('FR', '123456')).toBe('72');
    // The Bundesbank's published example, DE98ZZZ09999999999.
    expect(icsCheckDigits('DE', '09999999999')).toBe('98');
  });
  it('accepts a valid French ICS whatever the business code, and refuses a wrong key or shape', () => {
    expect(icsProblem('FR72ZZZ123456')).toBeNull();
    expect(icsProblem('FR72AB1123456')).toBeNull();
    expect(icsProblem('fr72 zzz 123456')).toBeNull();
    expect(icsProblem('FR73ZZZ123456')).toBe('invalid_ics');
    expect(icsProblem('FR72ZZZ12345')).toBe('invalid_ics');
    expect(icsProblem('FRXXZZZ123456')).toBe('invalid_ics');
  });
  it('accepts the German example creditor identifier DE98ZZZ09999999999', () => {
    expect(icsProblem('DE98ZZZ09999999999')).toBeNull();
  });
});
