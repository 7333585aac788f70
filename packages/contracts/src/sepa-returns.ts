/**
 * Reason codes of SEPA Core direct-debit R-transactions: the ISO 20022 ExternalReturnReason1Code list, as the EPC
 * "Guidance on reason codes for SDD R-transactions" (EPC173-14) restricts it for the Core scheme. Each code says
 * which kinds it may come with:
 * - `reject`: refused before settlement (by the creditor's bank, the clearing, the debtor's bank, or the debtor's
 *   refusal); no money moved;
 * - `return`: sent back by the debtor's bank after settlement (within 5 TARGET2 days);
 * - `refund`: claimed by the debtor after settlement: MD06 (authorised debit, 8 weeks) or MD01 (no valid mandate,
 *   13 months), and nothing else. AM04 (insufficient funds) is a reject or a return, never a refund.
 * A code outside the list (ZZZZ, a typo, a proprietary code) is refused.
 */
export const RETURN_KINDS = ['reject', 'return', 'refund'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];

export type ReturnReason = { kinds: readonly ReturnKind[]; fr: string; en: string };

const RJ: readonly ReturnKind[] = ['reject', 'return'];
export const SDD_RETURN_REASONS = {
  AC01: { kinds: RJ, fr: 'Identifiant de compte (IBAN) incorrect', en: 'Account identifier incorrect (invalid IBAN)' },
  AC04: { kinds: RJ, fr: 'Compte clôturé', en: 'Account closed' },
  AC06: { kinds: RJ, fr: 'Compte bloqué', en: 'Account blocked' },
  AG01: {
    kinds: RJ,
    fr: 'Opération interdite sur ce type de compte',
    en: 'Transaction forbidden on this type of account',
  },
  AG02: { kinds: RJ, fr: 'Code opération invalide', en: 'Invalid bank operation code' },
  AM04: { kinds: RJ, fr: 'Provision insuffisante', en: 'Insufficient funds' },
  AM05: { kinds: RJ, fr: 'Prélèvement en double', en: 'Duplicate collection' },
  BE05: {
    kinds: RJ,
    fr: 'Créancier non reconnu (identifiant créancier incorrect)',
    en: 'Unrecognised initiating party (wrong creditor identifier)',
  },
  CNOR: { kinds: ['reject'], fr: 'Banque du créancier non joignable', en: 'Creditor bank not registered' },
  DNOR: { kinds: ['reject'], fr: 'Banque du débiteur non joignable', en: 'Debtor bank not registered' },
  FF01: { kinds: ['reject'], fr: 'Format de fichier invalide', en: 'Invalid file format' },
  MD01: {
    kinds: ['reject', 'return', 'refund'],
    fr: 'Pas de mandat (ou mandat invalide) : opération non autorisée',
    en: 'No mandate (or invalid mandate): unauthorised transaction',
  },
  MD02: {
    kinds: RJ,
    fr: 'Informations obligatoires du mandat manquantes ou incorrectes',
    en: 'Mandatory mandate information missing or wrong',
  },
  MD06: {
    kinds: ['refund'],
    fr: 'Remboursement demandé par le débiteur (prélèvement autorisé)',
    en: 'Refund requested by the debtor (authorised debit)',
  },
  MD07: { kinds: RJ, fr: 'Débiteur décédé', en: 'Debtor deceased' },
  MS02: {
    kinds: RJ,
    fr: 'Refus du débiteur, sans motif précisé',
    en: 'Refused by the debtor, reason not specified',
  },
  MS03: {
    kinds: RJ,
    fr: 'Motif non précisé par la banque',
    en: 'Reason not specified by the bank',
  },
  RC01: { kinds: RJ, fr: 'Identifiant de banque (BIC) incorrect', en: 'Bank identifier (BIC) incorrect' },
  RR01: {
    kinds: RJ,
    fr: 'Compte ou identification du débiteur manquant (réglementaire)',
    en: 'Missing debtor account or identification (regulatory)',
  },
  RR02: {
    kinds: RJ,
    fr: 'Nom ou adresse du débiteur manquant (réglementaire)',
    en: 'Missing debtor name or address (regulatory)',
  },
  RR03: {
    kinds: RJ,
    fr: 'Nom ou adresse du créancier manquant (réglementaire)',
    en: 'Missing creditor name or address (regulatory)',
  },
  RR04: { kinds: RJ, fr: 'Motif réglementaire', en: 'Regulatory reason' },
  SL01: {
    kinds: RJ,
    fr: 'Service particulier de la banque du débiteur (liste blanche ou noire, plafond)',
    en: 'Specific service of the debtor’s bank (allow or block list, limit)',
  },
} as const satisfies Record<string, ReturnReason>;

export type ReturnReasonCode = keyof typeof SDD_RETURN_REASONS;
export const RETURN_REASON_CODES = Object.keys(SDD_RETURN_REASONS) as ReturnReasonCode[];

export function isReturnReasonCode(code: string): code is ReturnReasonCode {
  return Object.hasOwn(SDD_RETURN_REASONS, code);
}

/**
 * Whether a code may come with a kind: null when it may, else the field error (`unknown_reason_code` outside the
 * list, `reason_not_for_kind` when, say, AM04 is recorded as a refund or MD06 as a reject).
 */
export function returnReasonProblem(
  kind: ReturnKind,
  code: string,
): 'unknown_reason_code' | 'reason_not_for_kind' | null {
  if (!isReturnReasonCode(code)) return 'unknown_reason_code';
  return (SDD_RETURN_REASONS[code].kinds as readonly string[]).includes(kind) ? null : 'reason_not_for_kind';
}
