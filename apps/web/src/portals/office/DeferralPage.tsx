import { Anchor, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { BILLING_NS } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import * as api from '../../features/billing/api';

/** One board-voted deferral as recorded: the decision, the range of due dates moved, the new date, how many. */
export function DeferralPage() {
  const { t } = useTranslation(BILLING_NS);
  const { id = '' } = useParams();
  const deferral = useQuery({ queryKey: api.billingKeys.deferral(id), queryFn: () => api.getDeferral(id) });
  if (!deferral.data) return <QueryFallback error={deferral.error} />;
  const d = deferral.data;
  const rows: [string, string][] = [
    [t('deferrals.decisionRef'), d.decisionRef],
    [t('deferrals.decidedOn'), formatDate(d.decidedOn)],
    [t('deferrals.reason'), d.reason],
    [t('deferrals.range'), t('deferrals.rangeValue', { from: formatDate(d.fromDueOn), to: formatDate(d.toDueOn) })],
    [t('deferrals.newDueOn'), formatDate(d.newDueOn)],
    [t('deferrals.plan'), d.planId ? t('deferrals.onePlan') : t('deferrals.allPlans')],
    [t('deferrals.affected'), String(d.affectedCount)],
    [t('deferrals.recordedAt'), formatDateTime(d.createdAt)],
  ];
  return (
    <Stack>
      <PageTitle>{t('deferrals.detailTitle', { ref: d.decisionRef })}</PageTitle>
      <Section title={t('deferrals.decision')}>
        <Table>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row">{label}</Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
      <Anchor component={Link} to="/office/billing/deferrals">
        {t('deferrals.back')}
      </Anchor>
    </Stack>
  );
}
