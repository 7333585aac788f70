import i18next from 'i18next';

/** Billing's own resource file, merged into i18next under the `billing` namespace. */
const fr = {
  nav: { invoices: 'Facturation', holds: 'Prélèvements suspendus', mandates: 'Mandats SEPA', batches: 'Lots de prélèvement', certificates: 'Attestations fiscales', portal: 'Factures et paiements' },
  invoices: { title: 'Factures', number: 'Numéro', family: 'Famille', issued: 'Émise le', amount: 'Montant', balance: 'Reste dû', status: 'État', pdf: 'PDF', download: 'Télécharger {{number}}', run: 'Émettre les factures dues', runDone: '{{count}} facture(s) émise(s).', sweep: 'Lancer les contrôles (suspensions, pré-notifications)', none: 'Aucune facture.', pay: 'Enregistrer un paiement' },
  status: { open: 'À payer', paid: 'Payée', cancelled: 'Annulée (avoir)', prepared: 'Préparé', exported: 'Exporté', returned: 'Rejeté', active: 'Actif', revoked: 'Révoqué', ended: 'Terminé' },
  payment: { title: 'Paiement ou rejet', invoice: 'Numéro de facture', method: 'Moyen', amount: 'Montant (€)', receivedOn: 'Reçu le', cashOn: 'Date d’encaissement du chèque', reference: 'Référence', save: 'Enregistrer', saved: 'Paiement enregistré.', unknownInvoice: 'Aucune facture ne porte ce numéro.', methods: { cheque: 'Chèque', transfer: 'Virement', card: 'Carte', aid: 'Aide (tiers payant)' } },
  returns: { title: 'Rejet ou remboursement d’un prélèvement', debit: 'Prélèvement', kind: 'Type', reject: 'Rejet', refund: 'Remboursement', reason: 'Code motif ISO (ex. AC04)', on: 'Date', save: 'Enregistrer le retour', saved: 'Retour enregistré, la facture est rouverte.' },
  holds: { title: 'Prélèvements suspendus', intro: 'Abonnements facturables sans cours enregistré : leurs prélèvements sont exclus des lots jusqu’à confirmation.', family: 'Famille', student: 'Élève', since: 'Depuis', lastLesson: 'Dernier cours', reason: 'Motif de la levée', release: 'Lever la suspension', released: 'Suspension levée.', none: 'Aucune suspension en cours.', handOver: 'Mise en relation' },
  mandates: { title: 'Mandats SEPA', family: 'Famille', rum: 'RUM', iban: 'IBAN', signed: 'Signé le', method: 'Signature', status: 'État', usable: 'Utilisable', yes: 'Oui', no: 'Non', none: 'Aucun mandat.', search: 'Famille ou RUM', statusFilter: 'État du mandat', all: 'Tous' },
  batches: { title: 'Lots de prélèvement', prepare: 'Préparer un lot', date: 'Date de prélèvement', prepareSubmit: 'Préparer', reference: 'Référence', count: 'Prélèvements', total: 'Total', open: 'Ouvrir', included: 'Prélevés', excluded: 'Exclus', reason: 'Motif', detail: 'Détail', sequence: 'Séquence', export: 'Exporter (pain.008)', format: 'Format', download: 'Télécharger le fichier', cancel: 'Abandonner ce lot', exported: 'Lot exporté : il ne peut plus être modifié.', none: 'Aucun lot.', noLine: 'Aucune ligne.' },
  reasons: { hold: 'Suspendu (aucun cours)', dispute: 'Cours contesté', no_mandate: 'Pas de mandat', mandate_expired: 'Mandat expiré (36 mois)', mandate_ended: 'Mandat terminé', late_prenotification: 'Pré-notification trop tardive (reporté)' },
  certificates: { title: 'Attestations fiscales', year: 'Année', generate: 'Générer et envoyer les attestations', generated: '{{count}} attestation(s) générée(s).', family: 'Famille', paid: 'Montant acquitté', hours: 'Heures à domicile', download: 'Télécharger l’attestation {{year}}', none: 'Aucune attestation.' },
  portal: { title: 'Factures et paiements', invoices: 'Mes factures', mandate: 'Mon mandat de prélèvement', certificates: 'Mes attestations fiscales', sign: 'Signer le mandat', debtorName: 'Titulaire du compte', line1: 'Adresse', postalCode: 'Code postal', city: 'Commune', country: 'Pays (code ISO)', iban: 'IBAN', bic: 'BIC (facultatif)', signerName: 'Votre nom (signature)', consent: 'J’autorise l’organisme à envoyer des instructions à ma banque pour débiter mon compte, et ma banque à débiter mon compte conformément à ces instructions. Je peux être remboursé par ma banque dans les 8 semaines suivant le débit.', signed: 'Mandat signé.', current: 'Mandat {{rum}} sur le compte {{iban}}, signé le {{date}}.' },
};
const en: typeof fr = {
  nav: { invoices: 'Billing', holds: 'Held debits', mandates: 'SEPA mandates', batches: 'Debit batches', certificates: 'Tax certificates', portal: 'Invoices and payments' },
  invoices: { title: 'Invoices', number: 'Number', family: 'Family', issued: 'Issued on', amount: 'Amount', balance: 'Balance', status: 'Status', pdf: 'PDF', download: 'Download {{number}}', run: 'Issue due invoices', runDone: '{{count}} invoice(s) issued.', sweep: 'Run the checks (holds, pre-notifications)', none: 'No invoice.', pay: 'Record a payment' },
  status: { open: 'Due', paid: 'Paid', cancelled: 'Cancelled (credit note)', prepared: 'Prepared', exported: 'Exported', returned: 'Returned', active: 'Active', revoked: 'Revoked', ended: 'Ended' },
  payment: { title: 'Payment or return', invoice: 'Invoice number', method: 'Method', amount: 'Amount (€)', receivedOn: 'Received on', cashOn: 'Cheque cashing date', reference: 'Reference', save: 'Save', saved: 'Payment recorded.', unknownInvoice: 'No invoice has this number.', methods: { cheque: 'Cheque', transfer: 'Transfer', card: 'Card', aid: 'Aid (third party)' } },
  returns: { title: 'Rejected or refunded debit', debit: 'Debit', kind: 'Kind', reject: 'Reject', refund: 'Refund', reason: 'ISO reason code (e.g. AC04)', on: 'Date', save: 'Record the return', saved: 'Return recorded; the invoice is open again.' },
  holds: { title: 'Held debits', intro: 'Billable subscriptions with no lesson recorded: their debits stay out of batches until someone confirms.', family: 'Family', student: 'Student', since: 'Since', lastLesson: 'Last lesson', reason: 'Reason for release', release: 'Release the hold', released: 'Hold released.', none: 'No hold.', handOver: 'Hand-over' },
  mandates: { title: 'SEPA mandates', family: 'Family', rum: 'Mandate ref.', iban: 'IBAN', signed: 'Signed on', method: 'Signature', status: 'Status', usable: 'Usable', yes: 'Yes', no: 'No', none: 'No mandate.', search: 'Family or mandate ref.', statusFilter: 'Mandate status', all: 'All' },
  batches: { title: 'Debit batches', prepare: 'Prepare a batch', date: 'Collection date', prepareSubmit: 'Prepare', reference: 'Reference', count: 'Debits', total: 'Total', open: 'Open', included: 'Debited', excluded: 'Left out', reason: 'Reason', detail: 'Detail', sequence: 'Sequence', export: 'Export (pain.008)', format: 'Format', download: 'Download the file', cancel: 'Drop this batch', exported: 'Batch exported: it can no longer change.', none: 'No batch.', noLine: 'No line.' },
  reasons: { hold: 'Held (no lesson)', dispute: 'Disputed lesson', no_mandate: 'No mandate', mandate_expired: 'Mandate expired (36 months)', mandate_ended: 'Mandate ended', late_prenotification: 'Pre-notification too late (moved)' },
  certificates: { title: 'Tax certificates', year: 'Year', generate: 'Generate and send the certificates', generated: '{{count}} certificate(s) generated.', family: 'Family', paid: 'Amount paid', hours: 'Home hours', download: 'Download the {{year}} certificate', none: 'No certificate.' },
  portal: { title: 'Invoices and payments', invoices: 'My invoices', mandate: 'My direct debit mandate', certificates: 'My tax certificates', sign: 'Sign the mandate', debtorName: 'Account holder', line1: 'Address', postalCode: 'Postal code', city: 'Town', country: 'Country (ISO code)', iban: 'IBAN', bic: 'BIC (optional)', signerName: 'Your name (signature)', consent: 'I authorise the organisation to send instructions to my bank to debit my account, and my bank to debit my account accordingly. I am entitled to a refund from my bank within 8 weeks of the debit.', signed: 'Mandate signed.', current: 'Mandate {{rum}} on account {{iban}}, signed on {{date}}.' },
};

export const BILLING_NS = 'billing';

function addBundles(): void {
  i18next.addResourceBundle('fr', BILLING_NS, fr, true, true);
  i18next.addResourceBundle('en', BILLING_NS, en, true, true);
}
// The navigation imports this file before i18next is initialised; the store exists only after init.
if (i18next.isInitialized) addBundles();
else i18next.on('initialized', addBundles);

export function euros(cents: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
}
