import { List, Stack, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { HISTORY_ACTION_LABELS, HISTORY_FIELD_LABELS, type AuditEntry } from '@contracts';
import { currentLanguage } from '../../i18n/i18n';
import { formatDateTime } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { getHistory, type HistorySource, historyKey } from './api';

/** A stored value in words: yes/no for booleans, lists joined, nested records by their values (never JSON). */
function show(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value
      .map((item) => show(item, t))
      .filter(Boolean)
      .join(', ');
  return Object.values(value as Record<string, unknown>)
    .map((item) => show(item, t))
    .filter(Boolean)
    .join(', ');
}

/** The field's label in the reader's language ("la commune", "the town"); its stored name when it has none. */
function fieldLabel(field: string): string {
  return HISTORY_FIELD_LABELS[field]?.[currentLanguage()] ?? field;
}

/** One entry as sentences: "Marie Dupont changed the town from “Lyon” to “Paris”.", one per changed field. */
function sentencesOf(entry: AuditEntry, t: TFunction): string[] {
  const who = entry.actorName ?? t('history.system');
  const fields = Object.entries(entry.changes);
  if (fields.length === 0) {
    // the stored summary is the server's wording or a code: shown only when it is typed text or a reference
    const action = HISTORY_ACTION_LABELS[entry.action];
    if (!action) return [t('history.actionOnly', { who })];
    const what = action[currentLanguage()];
    if (action.shows && entry.summary)
      return [
        t(action.shows === 'typed' ? 'history.didSaying' : 'history.didOn', { who, what, detail: entry.summary }),
      ];
    return [t('history.did', { who, what })];
  }
  return fields.map(([field, change]) => {
    const before = show(change.before, t);
    const after = show(change.after, t);
    const label = fieldLabel(field);
    if (!before) return t('history.set', { who, field: label, after: after || t('history.empty_value') });
    if (!after) return t('history.cleared', { who, field: label, before });
    return t('history.changed', { who, field: label, before, after });
  });
}

/** "History": who changed what and when, on one or more audited records, newest first, as sentences. */
export function HistorySection({ sources }: { sources: HistorySource[] }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: sources.map((source) => ({ queryKey: historyKey(source), queryFn: () => getHistory(source) })),
  });
  const error = results.find((r) => r.error)?.error;
  const entries = results.flatMap((r) => r.data ?? []).sort((a, b) => b.at.localeCompare(a.at));
  const labelOf = (entry: AuditEntry) =>
    sources.find((s) => s.entityType === entry.entityType && s.entityId === entry.entityId)?.label;

  return (
    <Section title={t('history.title')}>
      {error ? <ProblemAlert error={error} /> : null}
      {entries.length === 0 ? (
        <Text>{results.some((r) => r.isPending) ? t('app.loading') : t('history.empty')}</Text>
      ) : (
        <List listStyleType="none" spacing="sm" aria-label={t('history.tableLabel')}>
          {entries.map((entry) => (
            <List.Item key={entry.id}>
              <Stack gap={0}>
                <Text size="xs" c="dimmed">
                  {[formatDateTime(entry.at), labelOf(entry)].filter(Boolean).join(' · ')}
                </Text>
                {sentencesOf(entry, t).map((sentence, n) => (
                  <Text key={n} size="sm">
                    {sentence}
                  </Text>
                ))}
              </Stack>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}
