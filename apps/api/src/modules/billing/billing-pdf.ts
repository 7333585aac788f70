import { BOLD, REGULAR, render } from '../../platform/pdf.js';
import type { InvoiceLine } from '@contracts';
import type { BillingSettings } from './billing.settings.js';
import { frenchDate, frenchMonth, frenchShortDate, frenchSpan } from './french-dates.js';

/** PDFs (invoices, credit notes, tax certificates) with pdfkit, in the family's language, with legal mentions. */
type Locale = 'fr' | 'en';

const money = (cents: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' })
    .format(cents / 100)
    .replace(/\u202f/g, ' ');
const hours = (minutes: number) => `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;

function header(doc: PDFKit.PDFDocument, settings: BillingSettings) {
  doc.fontSize(14).font(BOLD).text(settings.organisationName);
  doc.fontSize(9).font(REGULAR);
  if (settings.legal.address) doc.text(settings.legal.address);
  if (settings.legal.siret) doc.text(`SIRET ${settings.legal.siret}`);
  if (settings.legal.sapNumber)
    doc.text(
      `Déclaration services à la personne n° ${settings.legal.sapNumber}${settings.legal.sapDate ? ` du ${frenchDate(settings.legal.sapDate)}` : ''}`,
    );
  doc.moveDown();
}

function footer(doc: PDFKit.PDFDocument, settings: BillingSettings) {
  doc.moveDown(2).fontSize(8).font(REGULAR).fillColor('#333333');
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
  /** absent: one line of the description */
  lines?: InvoiceLine[];
  amountCents: number;
  paidCents: number;
  refundDueCents?: number;
  creditedNumber: string | null;
  instalments: { dueOn: string; amountCents: number; method: string; status: string }[];
  /** the family's language: the invoice is in French, with English beside it for an English-speaking family */
  locale: Locale;
};

/** Invoice words: French first; English beside it, never instead (the document is French). */
const INVOICE_WORDS = {
  invoice: ['Facture', 'Invoice'],
  credit_note: ['Avoir', 'Credit note'],
  number: ['n°', 'no.'],
  issued: ['Date d’émission', 'Issue date'],
  period: ['Période', 'Period'],
  billedTo: ['Facturé à', 'Billed to'],
  description: ['Désignation', 'Description'],
  teacher: ['Intervenant', 'Teacher'],
  quantity: ['Qté', 'Qty'],
  unitPrice: ['Prix unitaire', 'Unit price'],
  amount: ['Montant', 'Amount'],
  total: ['Total', 'Total'],
  due: ['Échéances', 'Instalments'],
  paid: ['Déjà réglé', 'Already paid'],
  balance: ['Reste à payer', 'Balance due'],
  credits: ['Avoir sur la facture', 'Credit on invoice'],
  refund: ['Remboursement dû à la famille', 'Refund due to the family'],
} as const;

const UNIT_WORDS: Record<InvoiceLine['unit'], string> = { period: 'période', lesson: 'cours', hour: 'h', unit: '' };
const METHOD_WORDS: Record<string, string> = {
  sepa: 'prélèvement SEPA',
  cheque: 'chèque',
  transfer: 'virement',
  card: 'carte',
  cesu: 'CESU préfinancé',
  aid: 'aide',
};

/** A quantity the French way: 1, 0,6, 1,5 h. */
const quantity = (q: number, unit: InvoiceLine['unit']) =>
  `${String(q).replace('.', ',')}${UNIT_WORDS[unit] ? ` ${UNIT_WORDS[unit]}` : ''}`;

export function invoicePdf(invoice: InvoicePdfInput, billingSettings: BillingSettings): Promise<Buffer> {
  const word = (key: keyof typeof INVOICE_WORDS) =>
    invoice.locale === 'en' ? `${INVOICE_WORDS[key][0]} / ${INVOICE_WORDS[key][1]}` : INVOICE_WORDS[key][0];
  const euros = (cents: number) => money(cents, 'fr');
  return render({ input: invoice, settings: billingSettings }, (doc, { input, settings }) => {
    header(doc, settings);
    const title = input.kind === 'credit_note' ? word('credit_note') : word('invoice');
    doc.fontSize(18).font(BOLD).text(`${title} ${INVOICE_WORDS.number[0]} ${input.number}`);
    doc
      .fontSize(10)
      .font(REGULAR)
      .text(`${word('issued')} : ${frenchDate(input.issuedOn)}`);
    if (input.periodStart && input.periodEnd)
      doc.text(`${word('period')} : ${frenchSpan(input.periodStart, input.periodEnd)}`);
    if (input.creditedNumber) doc.text(`${word('credits')} ${input.creditedNumber}`);
    doc.moveDown().font(BOLD).text(word('billedTo')).font(REGULAR).text(input.billedName);
    if (input.billedAddress) {
      doc.text(input.billedAddress.line1);
      if (input.billedAddress.line2) doc.text(input.billedAddress.line2);
      doc.text(
        `${input.billedAddress.postalCode} ${input.billedAddress.city}${input.billedAddress.country !== 'FR' ? ` (${input.billedAddress.country})` : ''}`,
      );
    }
    doc.moveDown();
    // One row per line: what, who taught it, how many (periods, lessons or hours), at what unit price, for how much.
    const columns = [
      { key: 'description', x: 50, width: 185, align: 'left' },
      { key: 'teacher', x: 240, width: 105, align: 'left' },
      { key: 'quantity', x: 350, width: 55, align: 'right' },
      { key: 'unitPrice', x: 410, width: 65, align: 'right' },
      { key: 'amount', x: 480, width: 65, align: 'right' },
    ] as const;
    const row = (cells: string[], font: string) => {
      const y = doc.y;
      let bottom = y;
      doc.font(font);
      columns.forEach((c, i) => {
        doc.text(cells[i] ?? '', c.x, y, { width: c.width, align: c.align });
        bottom = Math.max(bottom, doc.y);
      });
      doc.x = 50;
      doc.y = bottom + 4;
    };
    doc.fontSize(9);
    row(
      columns.map((c) => INVOICE_WORDS[c.key][0]),
      BOLD,
    );
    const lines = input.lines ?? [
      {
        description: input.description,
        quantity: 1,
        unit: 'unit' as const,
        unitPriceCents: input.amountCents,
        amountCents: input.amountCents,
        teacherName: null,
      },
    ];
    for (const line of lines)
      row(
        [
          line.description,
          line.teacherName ?? '',
          quantity(line.quantity, line.unit),
          euros(line.unitPriceCents),
          euros(line.amountCents),
        ],
        REGULAR,
      );
    doc.fontSize(10).moveDown();
    // No VAT is charged: the total is "Total", with the exemption's mention beside it (CGI art. 242 nonies A).
    doc.font(BOLD).text(`${word('total')} : ${euros(input.amountCents)}`, 50, doc.y, { align: 'right', width: 495 });
    if (settings.legal.vatMention)
      doc.font(REGULAR).text(settings.legal.vatMention, 50, doc.y, { align: 'right', width: 495 });
    if (input.kind === 'invoice') {
      doc.font(REGULAR).text(`${word('paid')} : ${euros(input.paidCents)}`, { align: 'right', width: 495 });
      doc.text(`${word('balance')} : ${euros(Math.max(0, input.amountCents - input.paidCents))}`, {
        align: 'right',
        width: 495,
      });
      if (input.instalments.length) {
        doc.moveDown().font(BOLD).text(word('due'), 50).font(REGULAR);
        for (const i of input.instalments)
          doc.text(`${frenchShortDate(i.dueOn)} — ${euros(i.amountCents)} (${METHOD_WORDS[i.method] ?? i.method})`);
      }
    } else if (input.refundDueCents) {
      doc.font(BOLD).text(`${word('refund')} : ${euros(input.refundDueCents)}`, { align: 'right', width: 495 });
    }
    footer(doc, settings);
  });
}

export type CertificateContent = {
  year: number;
  familyName: string;
  address: { line1: string; line2?: string | null; postalCode: string; city: string; country: string } | null;
  /** what opens the right to the tax credit: the home share of what was paid, CESU préfinancé deducted */
  paidCents: number;
  aidCents: number;
  homeMinutes: number;
  months: { month: string; teacherName: string; teacherId: string; lessons: { date: string; minutes: number }[] }[];
  locale: Locale;
  // Since 2026-12 (certificates generated before lack them and print without them):
  /** the taxpayer: the paying guardian's full name */
  taxpayerName?: string;
  issuedOn?: string;
  /** the last day counted: the year's end, or the issue date for the current year */
  through?: string;
  place?: string;
  signatoryName?: string;
  signatoryTitle?: string;
  /** the home share of what was paid, CESU included */
  totalPaidCents?: number;
  cesuCents?: number;
};

/**
 * The attestation fiscale, in French, with the mentions of the official model (art. D. 7233-1 of the labour code):
 * the organisation and its SAP declaration, the taxpayer and the address of the services, each teacher with an
 * identifier and the dates and durations of the lessons, the amount actually paid, the CESU préfinancé stated and
 * deducted, the place and date of issue and the signatory.
 */
export function certificatePdf(certificate: CertificateContent, billingSettings: BillingSettings): Promise<Buffer> {
  const euros = (cents: number) => money(cents, 'fr');
  return render({ content: certificate, settings: billingSettings }, (doc, { content, settings }) => {
    header(doc, settings);
    doc.fontSize(18).font(BOLD).text(`Attestation fiscale — année ${content.year}`);
    doc.moveDown().fontSize(10).font(REGULAR);
    const who = content.signatoryName
      ? `Je soussigné(e) ${content.signatoryName}, ${content.signatoryTitle ?? ''} de ${settings.organisationName}, certifie que`
      : `${settings.organisationName} certifie que`;
    const address = content.address
      ? `${content.address.line1}${content.address.line2 ? `, ${content.address.line2}` : ''}, ${content.address.postalCode} ${content.address.city}`
      : null;
    doc.text(who);
    doc
      .moveDown(0.5)
      .font(BOLD)
      .text(content.taxpayerName ?? content.familyName)
      .font(REGULAR);
    if (address) doc.text(`demeurant ${address}`);
    doc.moveDown(0.5).text('a bénéficié de services à la personne à son domicile (cours à domicile) :');
    doc
      .moveDown()
      .font(BOLD)
      .text(`Interventions à domicile : ${hours(content.homeMinutes)}`)
      .font(REGULAR);
    for (const m of content.months) {
      const teacher = `${frenchMonth(m.month)} — Intervenant : ${m.teacherName} (identifiant ${m.teacherId})`;
      doc.moveDown(0.5).font(BOLD).text(teacher).font(REGULAR);
      doc.text(m.lessons.map((l) => `${frenchShortDate(l.date)} (${hours(l.minutes)})`).join(' ; '));
    }
    doc.moveDown();
    const through = content.through && content.through < `${content.year}-12-31` ? content.through : null;
    if (content.totalPaidCents !== undefined) {
      doc.font(BOLD).text(`Montant total effectivement acquitté en ${content.year} : ${euros(content.totalPaidCents)}`);
      if (through)
        doc
          .font(REGULAR)
          .text(`Sommes encaissées au ${frenchDate(through)} (les prélèvements à venir n’y figurent pas)`);
      doc.font(REGULAR).text(`dont CESU préfinancés : ${euros(content.cesuCents ?? 0)} (déduits)`);
      doc
        .font(BOLD)
        .text(`Montant ouvrant droit au crédit ou à la réduction d’impôt : ${euros(content.paidCents)}`)
        .font(REGULAR);
    } else {
      doc
        .font(BOLD)
        .text(`Montant effectivement acquitté : ${euros(content.paidCents)}`)
        .font(REGULAR);
    }
    if (content.aidCents) doc.text(`Aides perçues (déduites) : ${euros(content.aidCents)}`);
    doc
      .moveDown()
      .fontSize(8)
      .text(
        'Attestation délivrée en application de l’article L. 7233-1 du code du travail. Seuls les cours donnés au domicile ouvrent droit au crédit d’impôt (art. 199 sexdecies du CGI). Les CESU préfinancés par un employeur ou un comité d’entreprise ne sont pas une dépense du contribuable : leur montant est déduit.',
      );
    if (content.issuedOn) {
      doc
        .moveDown()
        .fontSize(10)
        .text(`Fait à ${content.place ?? ''}, le ${frenchDate(content.issuedOn)}`);
      if (content.signatoryName) doc.text(`${content.signatoryName}, ${content.signatoryTitle ?? ''}`);
    }
    footer(doc, settings);
  });
}
