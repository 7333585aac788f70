import { describe, expect, it } from 'vitest';
import { csvDocument } from './csv.js';

describe('csvDocument', () => {
  it('quotes what needs it, neutralises formulas and marks the file as UTF-8 for spreadsheets', () => {
    const csv = csvDocument(
      [
        ['École', 'Heures'],
        ['=HYPERLINK("x")', '1,5'],
        ['Saint-Louis; Nord', null],
        ['-2', -2],
      ],
      ';',
    );
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFÉcole;Heures',
      `"'=HYPERLINK(""x"")";1,5`,
      '"Saint-Louis; Nord";',
      "'-2;-2",
      '',
    ]);
    expect(csvDocument([['1,5', 'a"b\nc']], ',')).toBe('\uFEFF"1,5","a""b\nc"\r\n');
  });
});
