import { defineTemplate } from '../../platform/mail-templates.js';
import { frenchDate } from './french-dates.js';

const euros = (cents: number, locale: 'fr' | 'en') =>
  new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
export const formatEuros = euros;

type DebitLine = { dueOn: string; amountCents: number; invoiceNumber: string };
type PreNotice = { organisation: string; creditorId: string; rum: string; ibanEnd: string; lines: DebitLine[] };

const linesText = (lines: DebitLine[], locale: 'fr' | 'en') =>
  lines
    .map((l) =>
      locale === 'fr'
        ? `- le ${frenchDate(l.dueOn)} : ${euros(l.amountCents, locale)} (${l.invoiceNumber})`
        : `- on ${l.dueOn}: ${euros(l.amountCents, locale)} (${l.invoiceNumber})`,
    )
    .join('\n');

/** The SEPA pre-notification: amount and date of each coming debit, sent before the notice period starts. */
export const preNotificationMail = defineTemplate<PreNotice>('billing.pre-notification', {
  fr: (p) => ({
    subject: `Prochain prélèvement SEPA — ${p.organisation}`,
    text: `Bonjour,\n\nNous vous informons que les prélèvements suivants seront présentés sur votre compte se terminant par ${p.ibanEnd} :\n\n${linesText(p.lines, 'fr')}\n\nRéférence du mandat (RUM) : ${p.rum}\nIdentifiant créancier SEPA : ${p.creditorId}\n\nSi un montant vous semble erroné, répondez à ce message avant la date indiquée.`,
  }),
  en: (p) => ({
    subject: `Upcoming SEPA direct debit — ${p.organisation}`,
    text: `Hello,\n\nThe following direct debits will be collected from your account ending in ${p.ibanEnd}:\n\n${linesText(p.lines, 'en')}\n\nMandate reference: ${p.rum}\nSEPA creditor identifier: ${p.creditorId}\n\nIf an amount looks wrong, reply to this message before the date shown.`,
  }),
});

/** A schedule of the year's debits; it serves as the pre-notification of every debit it lists. */
export const scheduleMail = defineTemplate<PreNotice>('billing.schedule', {
  fr: (p) => ({
    subject: `Échéancier de vos prélèvements — ${p.organisation}`,
    text: `Bonjour,\n\nVoici l’échéancier des prélèvements SEPA prévus sur votre compte se terminant par ${p.ibanEnd} ; il vaut pré-notification de chacun d’eux :\n\n${linesText(p.lines, 'fr')}\n\nRéférence du mandat (RUM) : ${p.rum}\nIdentifiant créancier SEPA : ${p.creditorId}`,
  }),
  en: (p) => ({
    subject: `Your direct debit schedule — ${p.organisation}`,
    text: `Hello,\n\nHere is the schedule of the SEPA direct debits planned on your account ending in ${p.ibanEnd}; it is the pre-notification of each of them:\n\n${linesText(p.lines, 'en')}\n\nMandate reference: ${p.rum}\nSEPA creditor identifier: ${p.creditorId}`,
  }),
});

export const certificateMail = defineTemplate<{ organisation: string; year: number; link: string }>(
  'billing.tax-certificate',
  {
    fr: (p) => ({
      subject: `Votre attestation fiscale ${p.year} — ${p.organisation}`,
      text: `Bonjour,\n\nVotre attestation fiscale pour l’année ${p.year} est disponible dans votre espace famille :\n\n${p.link}`,
    }),
    en: (p) => ({
      subject: `Your ${p.year} tax certificate — ${p.organisation}`,
      text: `Hello,\n\nYour tax certificate for ${p.year} is available in your family space:\n\n${p.link}`,
    }),
  },
);

export const mandateSignedMail = defineTemplate<{
  organisation: string;
  rum: string;
  creditorId: string;
  ibanEnd: string;
  signedAt: string;
}>('billing.mandate-signed', {
  fr: (p) => ({
    subject: `Mandat de prélèvement SEPA signé — ${p.organisation}`,
    text: `Bonjour,\n\nVous avez signé le ${p.signedAt} un mandat de prélèvement SEPA au profit de ${p.organisation} (identifiant créancier ${p.creditorId}) pour le compte se terminant par ${p.ibanEnd}.\nRéférence unique du mandat : ${p.rum}\n\nVous bénéficiez d’un droit à remboursement par votre banque dans les 8 semaines suivant le débit de votre compte.`,
  }),
  en: (p) => ({
    subject: `SEPA direct debit mandate signed — ${p.organisation}`,
    text: `Hello,\n\nOn ${p.signedAt} you signed a SEPA direct debit mandate for ${p.organisation} (creditor identifier ${p.creditorId}) on the account ending in ${p.ibanEnd}.\nUnique mandate reference: ${p.rum}\n\nYou are entitled to a refund from your bank within 8 weeks of the debit.`,
  }),
});

/**
 * A debit came back (reject, return or refund): what it was, why (the code's meaning from the EPC list), what is
 * owed now and how: debited again on a new date (a pre-notification will follow) or paid by transfer or cheque;
 * after MD01 the mandate no longer exists.
 */
export const debitReturnedMail = defineTemplate<{
  organisation: string;
  invoiceNumber: string;
  amountCents: number;
  collectionDate: string;
  reasonCode: string;
  reason: { fr: string; en: string };
  route: 'new_due_date' | 'other_method';
  dueOn: string;
  mandateRevoked: boolean;
  rum: string;
}>('billing.debit-returned', {
  fr: (p) => ({
    subject: `Prélèvement non abouti — facture ${p.invoiceNumber} — ${p.organisation}`,
    text: `Bonjour,\n\nLe prélèvement de ${euros(p.amountCents, 'fr')} du ${frenchDate(p.collectionDate)} (facture ${p.invoiceNumber}) nous a été retourné par la banque : ${p.reason.fr} (code ${p.reasonCode}).\n\n${
      p.mandateRevoked
        ? `Le mandat de prélèvement ${p.rum} est révoqué : aucun autre prélèvement ne sera présenté sur ce mandat.\n\n`
        : ''
    }${
      p.route === 'new_due_date'
        ? `Ce montant sera présenté de nouveau le ${frenchDate(p.dueOn)} au plus tôt ; vous recevrez une pré-notification avant ce prélèvement.`
        : `Merci de régler ce montant par virement ou par chèque avant le ${frenchDate(p.dueOn)}.`
    }`,
  }),
  en: (p) => ({
    subject: `Direct debit not collected — invoice ${p.invoiceNumber} — ${p.organisation}`,
    text: `Hello,\n\nThe direct debit of ${euros(p.amountCents, 'en')} on ${p.collectionDate} (invoice ${p.invoiceNumber}) came back from the bank: ${p.reason.en} (code ${p.reasonCode}).\n\n${
      p.mandateRevoked
        ? `Direct debit mandate ${p.rum} is revoked: no further debit will be collected under it.\n\n`
        : ''
    }${
      p.route === 'new_due_date'
        ? `This amount will be collected again on ${p.dueOn} at the earliest; you will receive a pre-notification before that debit.`
        : `Please pay this amount by bank transfer or cheque by ${p.dueOn}.`
    }`,
  }),
});
