import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import anyAscii from 'any-ascii';
import type { BillingSettings } from './billing.settings.js';

/** PDFs (invoices, credit notes, tax certificates) with pdfkit, in the family's language, with legal mentions. */
type Locale = 'fr' | 'en';

const T = {
  fr: {
    invoice: 'Facture',
    credit_note: 'Avoir',
    number: 'N°',
    issued: 'Date d’émission',
    period: 'Période',
    billedTo: 'Facturé à',
    description: 'Désignation',
    amount: 'Montant',
    total: 'Total TTC',
    due: 'Échéances',
    paid: 'Déjà réglé',
    balance: 'Reste à payer',
    credits: 'Avoir sur la facture',
    siret: 'SIRET',
    sap: 'Déclaration services à la personne n°',
    sapDate: 'du',
    certificate: 'Attestation fiscale',
    year: 'Année',
    hours: 'Interventions à domicile',
    teacher: 'Intervenant',
    date: 'Date',
    duration: 'Durée',
    paidYear: 'Montant effectivement acquitté',
    aid: 'Aides perçues (déduites)',
    certText:
      'certifie que la famille ci-dessous a bénéficié de services à la personne à son domicile (cours à domicile).',
    article:
      'Attestation délivrée en application de l’article L. 7233-1 du code du travail. Seuls les cours donnés au domicile ouvrent droit au crédit d’impôt (art. 199 sexdecies du CGI).',
    id: 'identifiant',
  },
  en: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    number: 'No.',
    issued: 'Issue date',
    period: 'Period',
    billedTo: 'Billed to',
    description: 'Description',
    amount: 'Amount',
    total: 'Total',
    due: 'Instalments',
    paid: 'Already paid',
    balance: 'Balance due',
    credits: 'Credit on invoice',
    siret: 'SIRET',
    sap: 'Personal services registration no.',
    sapDate: 'of',
    certificate: 'Tax certificate',
    year: 'Year',
    hours: 'Home lessons',
    teacher: 'Teacher',
    date: 'Date',
    duration: 'Duration',
    paidYear: 'Amount actually paid',
    aid: 'Aid received (deducted)',
    certText: 'certifies that the family below received personal services at home (home lessons).',
    article:
      'Certificate issued under article L. 7233-1 of the French labour code. Only lessons given at home give the right to the tax credit (art. 199 sexdecies CGI).',
    id: 'identifier',
  },
} as const;

const money = (cents: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/\u202f/g, ' ');
const hours = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;

/*
 * The fonts: DejaVu Sans, embedded (subset) in every PDF. The 14 built-in PDF fonts only know Latin-1, so names
 * such as "Łukasz Żółć", "Nguyễn" or "Ağaoğlu" came out garbled; DejaVu covers Latin Extended, Greek and
 * Cyrillic, and each embedded font carries a ToUnicode map so the text can be searched and copied.
 */
const REGULAR = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';
const requireFromHere = createRequire(import.meta.url);
let fontData: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontData ??= {
    regular: fs.readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')),
    bold: fs.readFileSync(requireFromHere.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf')),
  };
  return fontData;
}

/** pdfkit keeps the fontkit font of the current font here; it answers whether a character has a glyph. */
type LoadedFont = { font?: { hasGlyphForCodePoint(codePoint: number): boolean } };

/** Every string of a value, with the characters the font has no glyph for spelt in ASCII (王芳 → WangFang), not boxes. */
function printableStrings<T>(value: T, hasGlyph: (codePoint: number) => boolean): T {
  if (typeof value === 'string') {
    let out = '';
    for (const char of value) {
      out += hasGlyph(char.codePointAt(0) ?? 0) || /\s/.test(char) ? char : anyAscii(char) || '?';
    }
    return out as T;
  }
  if (Array.isArray(value)) return value.map((v: unknown) => printableStrings(v, hasGlyph)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableStrings(v, hasGlyph)])) as T;
  }
  return value;
}

function render<T>(content: T, build: (doc: PDFKit.PDFDocument, content: T) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const { regular, bold } = fonts();
    // The default font is DejaVu too, so no built-in font is ever referenced (pdfkit takes a font's bytes here;
    // its types say string).
    const info = { Producer: 'Harmonie', Creator: 'Harmonie' };
    const doc = new PDFDocument({ size: 'A4', margin: 50, font: regular as unknown as string, info });
    doc.registerFont(REGULAR, regular);
    doc.registerFont(BOLD, bold);
    doc.font(REGULAR);
    const loaded = (doc as unknown as { _font?: LoadedFont })._font?.font;
    const hasGlyph = loaded ? (codePoint: number) => loaded.hasGlyphForCodePoint(codePoint) : () => true;
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    build(doc, printableStrings(content, hasGlyph));
    doc.end();
  });
}

function header(doc: PDFKit.PDFDocument, settings: BillingSettings, locale: Locale) {
  const t = T[locale];
  doc.fontSize(14).font(BOLD).text(settings.organisationName);
  doc.fontSize(9).font(REGULAR);
  if (settings.legal.address) doc.text(settings.legal.address);
  if (settings.legal.siret) doc.text(`${t.siret} ${settings.legal.siret}`);
  if (settings.legal.sapNumber)
    doc.text(
      `${t.sap} ${settings.legal.sapNumber}${settings.legal.sapDate ? ` ${t.sapDate} ${settings.legal.sapDate}` : ''}`,
    );
  doc.moveDown();
}

function footer(doc: PDFKit.PDFDocument, settings: BillingSettings) {
  doc.moveDown(2).fontSize(8).font(REGULAR).fillColor('#333333');
  if (settings.legal.vatMention) doc.text(settings.legal.vatMention);
  if (settings.creditor) doc.text(`ICS ${settings.creditor.identifier}`);
}

export type InvoicePdfInput = {
  kind: string;
  number: string;
  issuedOn: string;
  periodStart: string | null;
  periodEnd: string | null;
  billedName: string;
  billedAddress: { line1: string; line2?: string | null; postalCode: string; city: string; country: string } | null;
  description: string;
  amountCents: number;
  paidCents: number;
  creditedNumber: string | null;
  instalments: { dueOn: string; amountCents: number; method: string; status: string }[];
  locale: Locale;
};

export function invoicePdf(invoice: InvoicePdfInput, billingSettings: BillingSettings): Promise<Buffer> {
  const t = T[invoice.locale];
  return render({ input: invoice, settings: billingSettings }, (doc, { input, settings }) => {
    header(doc, settings, input.locale);
    const title = input.kind === 'credit_note' ? t.credit_note : t.invoice;
    doc.fontSize(18).font(BOLD).text(`${title} ${t.number} ${input.number}`);
    doc.fontSize(10).font(REGULAR).text(`${t.issued} : ${input.issuedOn}`);
    if (input.periodStart && input.periodEnd) doc.text(`${t.period} : ${input.periodStart} → ${input.periodEnd}`);
    if (input.creditedNumber) doc.text(`${t.credits} ${input.creditedNumber}`);
    doc.moveDown().font(BOLD).text(t.billedTo).font(REGULAR).text(input.billedName);
    if (input.billedAddress) {
      doc.text(input.billedAddress.line1);
      if (input.billedAddress.line2) doc.text(input.billedAddress.line2);
      doc.text(`${input.billedAddress.postalCode} ${input.billedAddress.city} (${input.billedAddress.country})`);
    }
    doc.moveDown();
    const y = doc.y;
    doc.font(BOLD).text(t.description, 50, y).text(t.amount, 420, y, { width: 120, align: 'right' });
    doc.font(REGULAR);
    const y2 = doc.y + 4;
    doc.text(input.description, 50, y2, { width: 360 });
    doc.text(money(input.amountCents, input.locale), 420, y2, { width: 120, align: 'right' });
    doc.moveDown();
    const total = `${t.total} : ${money(input.amountCents, input.locale)}`;
    doc.font(BOLD).text(total, 50, doc.y, { align: 'right', width: 490 });
    if (input.kind === 'invoice') {
      doc.font(REGULAR).text(`${t.paid} : ${money(input.paidCents, input.locale)}`, { align: 'right', width: 490 });
      doc.text(`${t.balance} : ${money(input.amountCents - input.paidCents, input.locale)}`, {
        align: 'right',
        width: 490,
      });
      if (input.instalments.length) {
        doc.moveDown().font(BOLD).text(t.due, 50).font(REGULAR);
        for (const i of input.instalments) doc.text(`${i.dueOn} — ${money(i.amountCents, input.locale)} (${i.method})`);
      }
    }
    footer(doc, settings);
  });
}

export type CertificateContent = {
  year: number;
  familyName: string;
  address: { line1: string; line2?: string | null; postalCode: string; city: string; country: string } | null;
  paidCents: number;
  aidCents: number;
  homeMinutes: number;
  months: { month: string; teacherName: string; teacherId: string; lessons: { date: string; minutes: number }[] }[];
  locale: Locale;
};

export function certificatePdf(certificate: CertificateContent, billingSettings: BillingSettings): Promise<Buffer> {
  const t = T[certificate.locale];
  return render({ content: certificate, settings: billingSettings }, (doc, { content, settings }) => {
    header(doc, settings, content.locale);
    doc.fontSize(18).font(BOLD).text(`${t.certificate} — ${t.year} ${content.year}`);
    doc.moveDown().fontSize(10).font(REGULAR).text(`${settings.organisationName} ${t.certText}`);
    doc.moveDown().font(BOLD).text(content.familyName).font(REGULAR);
    if (content.address)
      doc.text(
        `${content.address.line1}${content.address.line2 ? `, ${content.address.line2}` : ''}, ${content.address.postalCode} ${content.address.city}`,
      );
    doc
      .moveDown()
      .font(BOLD)
      .text(`${t.hours} : ${hours(content.homeMinutes)}`)
      .font(REGULAR);
    for (const m of content.months) {
      const teacher = `${m.month} — ${t.teacher} : ${m.teacherName} (${t.id} ${m.teacherId})`;
      doc.moveDown(0.5).font(BOLD).text(teacher).font(REGULAR);
      doc.text(m.lessons.map((l) => `${l.date} (${hours(l.minutes)})`).join(' ; '));
    }
    doc
      .moveDown()
      .font(BOLD)
      .text(`${t.paidYear} : ${money(content.paidCents, content.locale)}`);
    if (content.aidCents) doc.font(REGULAR).text(`${t.aid} : ${money(content.aidCents, content.locale)}`);
    doc.moveDown().fontSize(8).font(REGULAR).text(t.article);
    footer(doc, settings);
  });
}
