import { describe, expect, it } from 'vitest';
import { amount, builder, sepaText, writePain008, type PainDebit, type PainFormat } from './pain008.js';

/**
 * The transactions are written element by element (for speed); the reference is the whole document built from plain
 * objects by XMLBuilder (pain008.ts's `builder`), as pain008.ts did before: the bytes must be the same, escaping and element order included.
 */
const creditor = {
  name: 'École & Musique <Paris>',
  identifier: 'FR12ZZZ123456',
  iban: 'FR7630006000011234567890189',
  bic: null,
  line1: '1 rue de l’Opéra',
  postalCode: '75001',
  city: 'Paris',
  country: 'FR',
};

const debits: PainDebit[] = [
  ['Famille Dupont', '12 rue de la Paix', 'BNPAFRPP', null, null],
  ["O'Brien & Fils <x>", '3 chemin "des" Prés', null, 'OLD&RUM', null],
  ['Hélène  Œuvre ', '  ', 'AGRIFRPP', null, 'FR00ZZZ<99'],
  ['Łódź 漢字 Ærø ß', 'a'.repeat(90), null, "RUM'2", 'FR11ZZZ000'],
].map(([name, street, bic, originalRum, originalCreditorId], i) => ({
  endToEndId: `E${i}&<id>`,
  amountCents: 5_000 + i * 37,
  rum: `RUM-${i}'"`,
  signedOn: '2025-01-0' + (i + 1),
  debtorName: name as string,
  iban: 'FR7630006000011234567890189',
  bic,
  street: street as string,
  postalCode: i === 2 ? '' : '75002',
  town: i === 3 ? 'Saint-Étienne' : 'Paris',
  country: 'FR',
  remittance: `F2026-00${i} & co`,
  originalRum,
  originalCreditorId,
}));

/** The object form of a debit's transaction, as XMLBuilder took it. */
function transactionObject(d: PainDebit, v08: boolean) {
  const address = v08
    ? {
        StrtNm: sepaText(d.street, 70),
        PstCd: sepaText(d.postalCode, 16),
        TwnNm: sepaText(d.town, 35),
        Ctry: d.country,
      }
    : { Ctry: d.country, AdrLine: [sepaText(d.street, 70), sepaText(`${d.postalCode} ${d.town}`, 70)] };
  const amendment =
    d.originalRum || d.originalCreditorId
      ? {
          AmdmntInd: 'true',
          AmdmntInfDtls: {
            ...(d.originalRum ? { OrgnlMndtId: d.originalRum } : {}),
            ...(d.originalCreditorId
              ? {
                  OrgnlCdtrSchmeId: {
                    Nm: sepaText(creditor.name, 70),
                    Id: { PrvtId: { Othr: { Id: d.originalCreditorId, SchmeNm: { Prtry: 'SEPA' } } } },
                  },
                }
              : {}),
          },
        }
      : {};
  return {
    PmtId: { EndToEndId: d.endToEndId },
    InstdAmt: { '@_Ccy': 'EUR', '#text': amount(d.amountCents) },
    DrctDbtTx: { MndtRltdInf: { MndtId: d.rum, DtOfSgntr: d.signedOn, ...amendment } },
    DbtrAgt: { FinInstnId: d.bic ? { [v08 ? 'BICFI' : 'BIC']: d.bic } : { Othr: { Id: 'NOTPROVIDED' } } },
    Dbtr: { Nm: sepaText(d.debtorName, 70), PstlAdr: address },
    DbtrAcct: { Id: { IBAN: d.iban } },
    RmtInf: { Ustrd: sepaText(d.remittance, 140) },
  };
}

describe('pain.008 transactions', () => {
  for (const format of ['pain.008.001.08', 'pain.008.001.02'] as PainFormat[]) {
    it(`writes the same bytes as XMLBuilder for tricky debits (${format})`, async () => {
      const chunks: string[] = [];
      await writePain008(
        {
          format,
          messageId: 'HRM-20261020-TEST',
          createdAt: '2026-10-01T08:00:00.000Z',
          collectionDate: '2026-10-20',
          creditor,
          count: debits.length,
          totalCents: 1,
          groups: [{ sequenceType: 'FRST', count: debits.length, totalCents: 1 }],
          debitsOf: async function* () {
            yield debits.slice(0, 2);
            yield debits.slice(2);
          },
        },
        (chunk) => void chunks.push(chunk),
      );
      const written = chunks.join('');
      const v08 = format === 'pain.008.001.08';
      const start = written.indexOf('<DrctDbtTxInf>');
      const end = written.lastIndexOf('</DrctDbtTxInf>') + '</DrctDbtTxInf>'.length;
      const reference = builder.build({ DrctDbtTxInf: debits.map((d) => transactionObject(d, v08)) }) as string;
      expect(written.slice(start, end)).toBe(reference);
      expect(written).toContain('&apos;');
      expect(written).toContain('&amp;');
    });
  }

  it('gives a plain text back unchanged, and folds the rest to the EPC set', () => {
    expect(sepaText('Famille Dupont 12', 70)).toBe('Famille Dupont 12');
    expect(sepaText('Hélène  Œuvre & fils ', 70)).toBe('Helene Oeuvre + fils');
    expect(sepaText('Famille Dupont', 7)).toBe('Famille');
    expect(sepaText('  ', 70)).toBe('-');
  });
});
