import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { BILLING_NS, BILLING_RESOURCES } from './billing-i18n';
import { BILLING_OFFICE_RESOURCES } from './billing-office-i18n';
import { exclusionSentence } from './exclusion-sentence';

async function translator(lng: 'fr' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({
    lng,
    ns: [BILLING_NS],
    defaultNS: BILLING_NS,
    resources: { [lng]: { [BILLING_NS]: { ...BILLING_RESOURCES[lng], ...BILLING_OFFICE_RESOURCES[lng] } } },
    interpolation: { escapeValue: false },
  });
  const writeDate = (iso: string) =>
    new Intl.DateTimeFormat(lng, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  return (reason: string | null, detail: string | null) => exclusionSentence(instance.t, reason, detail, writeDate);
}

describe('exclusion reasons as sentences', () => {
  it('reads a hold with its dates in French and in English', async () => {
    const fr = await translator('fr');
    const en = await translator('en');
    expect(fr('hold', 'no_lesson_since_handover:2026-10-22 (2026-11-12)')).toBe(
      'Aucun cours depuis la mise en relation du 22 octobre 2026 (à revoir le 12 novembre 2026)',
    );
    expect(en('hold', 'no_lesson_since_handover:2026-10-22 (2026-11-12)')).toBe(
      'No lesson since the hand-over of October 22, 2026 (to review on November 12, 2026)',
    );
    expect(fr('hold', 'no_lesson_since:2026-10-02')).toBe('Aucun cours depuis le 2 octobre 2026');
  });

  it('never shows a code: notices, disputes, mandates, payments, and what it does not know', async () => {
    const fr = await translator('fr');
    expect(fr('late_prenotification', '2026-11-02 → 2026-11-20')).toBe(
      'Pré-notification envoyée le 2 novembre 2026 : prélèvement possible au plus tôt le 20 novembre 2026',
    );
    expect(fr('late_prenotification', '- → ?')).toBe('Pré-notification pas encore envoyée pour cette date');
    expect(fr('dispute', '2026-11-03')).toBe('Cours du 3 novembre 2026 contesté par la famille');
    expect(fr('mandate_ended', 'RUM-42')).toBe('Mandat terminé (mandat RUM-42)');
    expect(fr('sequence_out_of_order', 'RUM-42 (2026-12-01)')).toContain(
      'mandat RUM-42, prélèvement du 1 décembre 2026',
    );
    expect(fr('paid_otherwise', 'F2026-000012: 0.00 €')).toContain('facture F2026-000012');
    expect(fr('no_mandate', null)).toBe('Pas de mandat');
    expect(fr('hold', 'on_hold')).toBe('Suspendu (aucun cours)');
  });
});
