import type { TFunction } from 'i18next';

/**
 * The reason of a stage change in the reader's language. The server stores it as a sentence in English for the
 * changes it makes itself ("subscribed to <plan>", "first lesson on <date> (<who>)"…) and as the words people
 * typed when they close a file: the known sentences are read back as their code and values and worded here, the
 * rest (people's own words) shown as they were typed.
 */
const STORED_REASONS: { pattern: RegExp; key: string; params: (m: RegExpExecArray) => Record<string, string> }[] = [
  { pattern: /^first lesson on (\S+) \((.+)\)$/, key: 'firstLessonOn', params: (m) => ({ date: m[1]!, by: m[2]! }) },
  { pattern: /^first lesson given on (\S+)$/, key: 'firstLessonGiven', params: (m) => ({ date: m[1]! }) },
  { pattern: /^subscribed to (.+)$/, key: 'subscribed', params: (m) => ({ plan: m[1]! }) },
  { pattern: /^sent to recruitment for a teacher search$/, key: 'sentToRecruitment', params: () => ({}) },
  { pattern: /^contact of (.+) handed over$/, key: 'handedOver', params: (m) => ({ teacher: m[1]! }) },
  {
    pattern: /^new search after (\w+)(?:: ([\s\S]*))?$/,
    key: 'newSearch',
    params: (m) => ({ reason: m[1]!, details: m[2] ?? '' }),
  },
];

/** Who gave the first lesson's date: the teacher or the family (on their portal or by an e-mail link), or a name. */
function whoAnswered(by: string, t: TFunction): string {
  const link = /^(\w+) \(e-mail link\)$/.exec(by);
  const audience = link ? link[1]! : by;
  if (audience !== 'teacher' && audience !== 'family') return by;
  const who = t(`file.stageReasons.by.${audience}`);
  return link ? t('file.stageReasons.by.link', { who }) : who;
}

export function stageReason(reason: string, t: TFunction, formatDate: (iso: string) => string): string {
  for (const { pattern, key, params } of STORED_REASONS) {
    const match = pattern.exec(reason);
    if (!match) continue;
    const values = params(match);
    if (values.date) values.date = formatDate(values.date);
    if (values.by) values.by = whoAnswered(values.by, t);
    if (values.reason) values.reason = t(`endReason.${values.reason}`, { defaultValue: values.reason });
    const text = t(`file.stageReasons.${key}`, values);
    return values.details ? t('file.stageReasons.withDetails', { text, details: values.details }) : text;
  }
  return reason;
}
