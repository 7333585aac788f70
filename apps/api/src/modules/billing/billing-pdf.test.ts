import { describe, expect, it } from 'vitest';
import { certificatePdf, invoicePdf } from './billing-pdf.js';
import type { BillingSettings } from './billing.settings.js';
import { pdfText } from '../../testing/pdf-text.js';

/*
 * Names the built-in Helvetica cannot write (it knows Latin-1 only). The PDF must carry each glyph in an embedded
 * font whose ToUnicode map gives back the very characters: pdfText reads them the way a PDF reader copies text.
 */
const NAMES = ['Lefèvre-Ødegård', 'Œillets', 'Łukasz Żółć', 'Nguyễn', 'Ağaoğlu'];

const settings: BillingSettings = {
  firstDebitWithinDays: 9,
  holdAfterDays: 21,
  noticeDays: 14,
  agreedNoticeDays: 2,
  issueDaysAhead: 20,
  painFormat: 'pain.008.001.08',
  creditor: null,
  legal: {
    address: '12 rue des Œillets, 75011 Paris',
    siret: null,
    vatMention: 'TVA non applicable, art. 293 B du CGI',
    sapNumber: null,
    sapDate: null,
  },
  signatory: null,
  invoicePrefix: 'F',
  returnedAmount: { route: 'new_due_date', days: 15 },
  organisationName: 'École de musique Ağaoğlu',
  timeZone: 'Europe/Paris',
};

const invoice = (billedName: string) =>
  invoicePdf(
    {
      kind: 'invoice',
      number: 'F2026-000001',
      issuedOn: '2026-09-01',
      periodStart: '2026-09-01',
      periodEnd: '2026-09-30',
      billedName,
      billedAddress: { line1: '3 allée des Œillets', line2: null, postalCode: '69003', city: 'Lyon', country: 'FR' },
      description: 'Cours de piano — Łukasz',
      amountCents: 12_000,
      paidCents: 0,
      creditedNumber: null,
      instalments: [{ dueOn: '2026-09-10', amountCents: 12_000, method: 'sepa', status: 'due' }],
      locale: 'fr',
    },
    settings,
  );

describe('billing PDFs', () => {
  it('write every name in an embedded DejaVu font that maps back to the same characters', async () => {
    for (const name of NAMES) {
      const { text, fonts } = pdfText(await invoice(name));
      expect(text).toContain(name);
      expect(text).toContain('12 rue des Œillets, 75011 Paris');
      // Regular and bold, both embedded subsets with a ToUnicode map; no built-in font referenced at all.
      expect(fonts.map((f) => f.baseFont.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
      expect(fonts.every((f) => f.subtype === 'Type0' && f.embedded && f.hasToUnicode)).toBe(true);
    }
  });

  it('write the tax certificate with the same fonts', async () => {
    const pdf = await certificatePdf(
      {
        year: 2026,
        familyName: 'Famille Nguyễn-Żółć',
        address: { line1: '5 rue Ağaoğlu', line2: null, postalCode: '75011', city: 'Paris', country: 'FR' },
        paidCents: 90_000,
        aidCents: 0,
        homeMinutes: 900,
        months: [
          {
            month: '2026-09',
            teacherName: 'Łukasz Lefèvre-Ødegård',
            teacherId: 'T-1',
            lessons: [{ date: '2026-09-03', minutes: 45 }],
          },
        ],
        locale: 'fr',
      },
      settings,
    );
    const { text, fonts } = pdfText(pdf);
    expect(text).toContain('Famille Nguyễn-Żółć');
    expect(text).toContain('Łukasz Lefèvre-Ødegård');
    expect(fonts.every((f) => f.embedded && f.hasToUnicode && f.baseFont.includes('DejaVuSans'))).toBe(true);
  });

  it('spell a character the font has no glyph for in Latin letters rather than drawing an empty box', async () => {
    const { text } = pdfText(await invoice('王芳 Martin'));
    expect(text).toContain('WangFang Martin');
  });
});
