import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import type { BatchLines } from './api';
import { BILLING_NS, euros } from './billing-i18n';
import './billing-office-i18n';
import { exclusionSentence } from './exclusion-sentence';

/** The lines left out of a batch, each with why as a sentence (the batch page and the preparation's result). */
export function ExclusionTable({ lines }: { lines: BatchLines['excluded'] }) {
  const { t, i18n } = useTranslation(BILLING_NS);
  if (lines.length === 0) return <Text>{t('batches.noLine')}</Text>;
  return (
    <ScrollTable label={t('batches.excluded')} minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('invoices.family')}</Table.Th>
            <Table.Th>{t('invoices.number')}</Table.Th>
            <Table.Th>{t('invoices.amount')}</Table.Th>
            <Table.Th>{t('batches.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.instalmentId} data-reason={l.reason ?? ''}>
              <Table.Td>{l.familyName}</Table.Td>
              <Table.Td>{l.invoiceNumber}</Table.Td>
              <Table.Td>{euros(l.amountCents, i18n.language)}</Table.Td>
              <Table.Td>{exclusionSentence(t, l.reason, l.detail, formatDate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
