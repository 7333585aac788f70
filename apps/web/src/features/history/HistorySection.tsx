import { Table, Text } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@contracts';
import { formatDateTime } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { getHistory, historyKey, type HistorySource } from './api';
import { ScrollTable } from '../../ui/ScrollTable';

function show(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => show(item, empty)).join(', ');
  return Object.values(value as Record<string, unknown>)
    .filter((item) => item !== null && item !== undefined && item !== '')
    .map((item) => show(item, empty))
    .join(', ');
}

interface Row {
  key: string;
  entry: AuditEntry;
  field: string;
  before: unknown;
  after: unknown;
}

function rowsOf(entries: AuditEntry[], sources: HistorySource[]): Row[] {
  return entries.flatMap((entry) => {
    const label = sources.find((s) => s.entityType === entry.entityType && s.entityId === entry.entityId)?.label;
    const prefix = label ? `${label} · ` : '';
    const fields = Object.entries(entry.changes);
    if (fields.length === 0)
      return [
        { key: entry.id, entry, field: prefix + (entry.summary ?? entry.action), before: undefined, after: undefined },
      ];
    return fields.map(([field, change]) => ({
      key: `${entry.id}:${field}`,
      entry,
      field: prefix + field,
      before: change.before,
      after: change.after,
    }));
  });
}

/** "History": who changed what and when, on one or more audited records, newest first. */
export function HistorySection({ sources }: { sources: HistorySource[] }) {
  const { t } = useTranslation();
  const results = useQueries({
    queries: sources.map((source) => ({ queryKey: historyKey(source), queryFn: () => getHistory(source) })),
  });
  const error = results.find((r) => r.error)?.error;
  const entries = results.flatMap((r) => r.data ?? []).sort((a, b) => b.at.localeCompare(a.at));
  const rows = rowsOf(entries, sources);
  const empty = t('history.empty_value');

  return (
    <Section title={t('history.title')}>
      {error ? <ProblemAlert error={error} /> : null}
      {rows.length === 0 ? (
        <Text>{results.some((r) => r.isPending) ? t('app.loading') : t('history.empty')}</Text>
      ) : (
        <ScrollTable label={t('history.tableLabel')} minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.when')}</Table.Th>
                <Table.Th scope="col">{t('history.who')}</Table.Th>
                <Table.Th scope="col">{t('history.field')}</Table.Th>
                <Table.Th scope="col">{t('history.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Td>{formatDateTime(row.entry.at)}</Table.Td>
                  <Table.Td>{row.entry.actorName ?? t('history.system')}</Table.Td>
                  <Table.Td>{row.field}</Table.Td>
                  <Table.Td>
                    {row.before === undefined && row.after === undefined
                      ? row.entry.action
                      : `${show(row.before, empty)} → ${show(row.after, empty)}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Section>
  );
}
