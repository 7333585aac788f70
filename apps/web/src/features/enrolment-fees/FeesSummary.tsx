import { List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { euros } from '../billing/billing-i18n';
import { FEES_NS } from './fees-i18n';
import type { FeesView } from './api';

/** A family's places, fees, invoices with their instalments and cancellations: the portal and office pages show it. */
export function FeesSummary({ fees }: { fees: FeesView }) {
  const { t, i18n } = useTranslation(FEES_NS);
  const money = (cents: number) => euros(cents, i18n.language);
  return (
    <>
      <Section title={t('places')}>
        {fees.places.length ? (
          <ScrollTable label={t('places')} minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('student')}</Table.Th>
                  <Table.Th>{t('course')}</Table.Th>
                  <Table.Th>{t('status')}</Table.Th>
                  <Table.Th>{t('deadline')}</Table.Th>
                  <Table.Th>{t('makeUp')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fees.places.map((p) => (
                  <Table.Tr key={p.enrolmentId}>
                    <Table.Td>{p.studentName}</Table.Td>
                    <Table.Td>{p.course}</Table.Td>
                    <Table.Td>{t(`statuses.${p.status}`)}</Table.Td>
                    <Table.Td>{p.nextDeadline ? formatDate(p.nextDeadline) : t('noDeadline')}</Table.Td>
                    <Table.Td>{p.makeUpCredits}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        ) : (
          <Text>{t('noPlaces')}</Text>
        )}
      </Section>
      <Section title={t('fees')}>
        {fees.invoices.length ? (
          <>
            <Text>{t('total', { amount: money(fees.totalCents) })}</Text>
            <List spacing="xs">
              {fees.invoices.map((inv) => (
                <List.Item key={inv.id}>
                  {t(inv.kind === 'credit_note' ? 'creditNote' : 'invoice', {
                    number: inv.number,
                    amount: money(inv.amountCents),
                  })}
                  {inv.instalments.length ? (
                    <List withPadding>
                      {inv.instalments.map((i) => (
                        <List.Item key={`${i.dueOn}-${i.amountCents}-${i.method}`}>
                          {t('instalment', {
                            date: formatDate(i.dueOn),
                            amount: money(i.amountCents),
                            method: t(`methods.${i.method}`),
                          })}
                        </List.Item>
                      ))}
                    </List>
                  ) : null}
                </List.Item>
              ))}
            </List>
          </>
        ) : (
          <Text>{t('noFees')}</Text>
        )}
      </Section>
      {fees.cancellations.length ? (
        <Section title={t('cancellations')}>
          <List spacing="xs">
            {fees.cancellations.map((c) => (
              <List.Item key={c.id}>
                {t('cancellation', {
                  date: formatDate(c.effectiveOn),
                  reason: c.reason,
                  owed: money(c.owedCents),
                  credit: money(c.creditCents),
                })}
                {c.creditNoteNumber ? t('creditNoteNumber', { number: c.creditNoteNumber }) : ''}
              </List.Item>
            ))}
          </List>
        </Section>
      ) : null}
    </>
  );
}
