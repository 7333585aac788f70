import type { TFunction } from 'i18next';

/** A date of the API (YYYY-MM-DD) written as the reader's language writes it ("22 octobre 2026", "22 October 2026"). */
export type DateWriter = (isoDate: string) => string;

const ISO_DATE = /\d{4}-\d{2}-\d{2}/g;

/**
 * Why a line left a batch, as a sentence: the reason code and its detail (`no_lesson_since_handover:2026-10-22
 * (2026-11-12)`, `2026-11-02 → 2026-11-20`, a RUM with its last date…) read aloud, dates written per locale. A detail
 * the sentence does not know is shown after the reason, dates still written per locale.
 */
export function exclusionSentence(
  t: TFunction,
  reason: string | null,
  detail: string | null,
  writeDate: DateWriter,
): string {
  const dates = (detail ?? '').match(ISO_DATE) ?? [];
  const [first, second] = dates;
  const label = reason ? t(`reasons.${reason}`) : '';
  if (reason === 'hold' && detail) {
    const review = second ? t('exclusion.review', { date: writeDate(second) }) : '';
    if (detail.startsWith('no_lesson_since_handover:') && first)
      return t('exclusion.noLessonSinceHandover', { date: writeDate(first) }) + review;
    if (detail.startsWith('no_lesson_since:') && first)
      return t('exclusion.noLessonSince', { date: writeDate(first) }) + review;
    return label;
  }
  if (reason === 'late_prenotification' && detail?.includes('→')) {
    if (!first) return t('exclusion.noticeNotSent');
    return second
      ? t('exclusion.lateNotice', { sent: writeDate(first), earliest: writeDate(second) })
      : t('exclusion.lateNoticeNoDate', { sent: writeDate(first) });
  }
  if (reason === 'dispute' && dates.length)
    return t('exclusion.dispute', { dates: dates.map(writeDate).join(', '), count: dates.length });
  if ((reason === 'sequence_closed' || reason === 'sequence_out_of_order') && detail) {
    const rum = detail.replace(/\s*\(.*\)$/, '');
    return first
      ? t('exclusion.sequenceWithDate', { reason: label, rum, date: writeDate(first) })
      : t('exclusion.withMandate', { reason: label, rum });
  }
  if ((reason === 'mandate_expired' || reason === 'mandate_ended') && detail)
    return t('exclusion.withMandate', { reason: label, rum: detail });
  if (reason === 'paid_otherwise' && detail) {
    const [number, left] = detail.split(': ');
    if (number && left) return t('exclusion.paidOtherwise', { reason: label, number, left: left.replace(' €', '') });
  }
  if (!detail) return label;
  return `${label} (${detail.replace(ISO_DATE, (d) => writeDate(d))})`;
}
