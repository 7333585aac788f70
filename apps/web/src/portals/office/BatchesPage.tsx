import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import { ExclusionTable } from '../../features/billing/ExclusionTable';
import * as api from '../../features/billing/api';
import { splitProblem } from '../../api/form-errors';

/** Accounts: prepare a batch for a date, list batches. */
export function BatchesPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [date, setDate] = useState('');
  const batches = useQuery({ queryKey: api.billingKeys.batches, queryFn: api.listBatches });
  const prepare = useMutation({
    mutationFn: () => api.prepareBatch(date),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const problem = splitProblem(prepare.error, { fields: ['date'], rename: { collectionDate: 'date' } });
  return (
    <Stack>
      <PageTitle>{t('batches.title')}</PageTitle>
      <Section title={t('batches.prepare')}>
        <form
          aria-label={t('batches.prepare')}
          onSubmit={(e) => {
            e.preventDefault();
            prepare.mutate();
          }}
        >
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('batches.date')}
              type="date"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              error={problem.errors.date}
              required
            />
            <Button type="submit" loading={prepare.isPending}>
              {t('batches.prepareSubmit')}
            </Button>
          </Group>
          {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
          {prepare.data ? (
            <Anchor component={Link} to={`/office/billing/batches/${prepare.data.id}`}>
              {t('batches.open')} {prepare.data.reference}
            </Anchor>
          ) : null}
        </form>
        {prepare.data ? (
          <Stack mt="md" gap="xs">
            <Title order={3} size="h4">
              {`${t('batches.excluded')} (${prepare.data.excluded.length})`}
            </Title>
            <ExclusionTable lines={prepare.data.excluded} />
          </Stack>
        ) : null}
      </Section>
      <Section title={t('batches.title')}>
        {!batches.data ? (
          <QueryFallback error={batches.error} asPage={false} />
        ) : batches.data.length === 0 ? (
          <Text>{t('batches.none')}</Text>
        ) : (
          <ScrollTable label={t('batches.title')} minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('batches.reference')}</Table.Th>
                  <Table.Th>{t('batches.date')}</Table.Th>
                  <Table.Th>{t('batches.count')}</Table.Th>
                  <Table.Th>{t('batches.total')}</Table.Th>
                  <Table.Th>{t('invoices.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {batches.data.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/office/billing/batches/${b.id}`}>
                        {b.reference}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDate(b.collectionDate)}</Table.Td>
                    <Table.Td>{b.debitCount}</Table.Td>
                    <Table.Td>{euros(b.totalCents, i18n.language)}</Table.Td>
                    <Table.Td>{t(`status.${b.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
    </Stack>
  );
}
