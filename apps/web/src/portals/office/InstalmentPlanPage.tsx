import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import * as api from '../../features/billing/api';

/** One invoice's instalment plan: each instalment's date, amount, method, state and pre-notification. */
export function InstalmentPlanPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const { id = '' } = useParams();
  const invoice = useQuery({ queryKey: api.billingKeys.invoice(id), queryFn: () => api.getInvoice(id) });
  if (!invoice.data) return <QueryFallback error={invoice.error} />;
  const inv = invoice.data;
  return (
    <Stack>
      <PageTitle>{t('plans.detailTitle', { number: inv.number })}</PageTitle>
      <Text>
        {inv.familyName} · {t('invoices.amount')} : {euros(inv.amountCents, i18n.language)} · {t('invoices.balance')} :{' '}
        {euros(inv.balanceCents, i18n.language)} · {t(`status.${inv.status}`)}
      </Text>
      <Section title={t('plans.instalments')}>
        <ScrollTable label={t('plans.instalments')} minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plans.seq')}</Table.Th>
                <Table.Th>{t('plans.dueOn')}</Table.Th>
                <Table.Th>{t('invoices.amount')}</Table.Th>
                <Table.Th>{t('payment.method')}</Table.Th>
                <Table.Th>{t('invoices.status')}</Table.Th>
                <Table.Th>{t('plans.notified')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {inv.instalments.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.seq}</Table.Td>
                  <Table.Td>{formatDate(i.dueOn)}</Table.Td>
                  <Table.Td>{euros(i.amountCents, i18n.language)}</Table.Td>
                  <Table.Td>{t(`plans.methods.${i.method}`, { defaultValue: i.method })}</Table.Td>
                  <Table.Td>{t(`plans.status.${i.status}`, { defaultValue: i.status })}</Table.Td>
                  <Table.Td>{i.prenotifiedAt ? formatDateTime(i.prenotifiedAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      </Section>
      <Anchor component={Link} to="/office/billing/plans">
        {t('plans.back')}
      </Anchor>
    </Stack>
  );
}
