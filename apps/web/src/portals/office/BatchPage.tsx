import { useState } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';

function ReturnForm({ debitId, label }: { debitId: string; label: string }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [kind, setKind] = useState('reject');
  const [reasonCode, setReasonCode] = useState('');
  const [on, setOn] = useState(organisationToday());
  const save = useMutation({
    mutationFn: () => api.recordReturn(debitId, { kind, reasonCode, on }),
    onSuccess: async () => {
      notify(t('returns.saved'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  return (
    <form
      aria-label={`${t('returns.title')} — ${label}`}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap" gap="xs">
        <NativeSelect
          label={t('returns.kind')}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={[
            { value: 'reject', label: t('returns.reject') },
            { value: 'refund', label: t('returns.refund') },
          ]}
        />
        <TextInput
          label={t('returns.reason')}
          value={reasonCode}
          onChange={(e) => setReasonCode(e.currentTarget.value)}
          required
          maxLength={4}
          w={120}
        />
        <TextInput
          label={t('returns.on')}
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          required
        />
        <Button type="submit" size="xs" loading={save.isPending}>
          {t('returns.save')}
        </Button>
      </Group>
      {save.error ? <ProblemAlert error={save.error} /> : null}
    </form>
  );
}

/** One batch: what is debited and what is left out and why; export and download; returns. */
export function BatchPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const { id = '' } = useParams();
  const client = useQueryClient();
  const [format, setFormat] = useState('pain.008.001.08');
  const batch = useQuery({ queryKey: api.billingKeys.batch(id), queryFn: () => api.getBatch(id) });
  const refresh = async () => client.invalidateQueries({ queryKey: api.billingKeys.all });
  const exportIt = useMutation({
    mutationFn: () => api.exportBatch(id, { version: batch.data?.version ?? 0, format }),
    onSuccess: refresh,
  });
  const cancel = useMutation({ mutationFn: () => api.cancelBatch(id, batch.data?.version ?? 0), onSuccess: refresh });
  if (!batch.data) return <QueryFallback error={batch.error} />;
  const b = batch.data;
  return (
    <Stack>
      <PageTitle>{`${t('batches.title')} ${b.reference}`}</PageTitle>
      <Text>
        {t('batches.date')} : {formatDate(b.collectionDate)} · {t('batches.count')} : {b.debitCount} ·{' '}
        {t('batches.total')} : {euros(b.totalCents, i18n.language)} · <Badge>{t(`status.${b.status}`)}</Badge>
      </Text>
      {b.status === 'prepared' ? (
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('batches.format')}
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value)}
            data={['pain.008.001.08', 'pain.008.001.02']}
          />
          <Button onClick={() => exportIt.mutate()} loading={exportIt.isPending} disabled={b.debitCount === 0}>
            {t('batches.export')}
          </Button>
          <Button variant="default" color="red" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            {t('batches.cancel')}
          </Button>
        </Group>
      ) : null}
      {b.status === 'exported' ? (
        <Group>
          <Text>{t('batches.exported')}</Text>
          <Anchor href={api.batchFileUrl(b.id)} download>
            {t('batches.download')}
          </Anchor>
        </Group>
      ) : null}
      {exportIt.error ? <ProblemAlert error={exportIt.error} /> : null}
      {cancel.error ? <ProblemAlert error={cancel.error} /> : null}
      <Section title={`${t('batches.included')} (${b.included.length})`}>
        {b.included.length === 0 ? (
          <Text>{t('batches.noLine')}</Text>
        ) : (
          <ScrollTable label={t('batches.included')} minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.family')}</Table.Th>
                  <Table.Th>{t('invoices.number')}</Table.Th>
                  <Table.Th>{t('invoices.amount')}</Table.Th>
                  <Table.Th>{t('batches.sequence')}</Table.Th>
                  <Table.Th>{t('invoices.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.included.map((l) => (
                  <Table.Tr key={l.instalmentId}>
                    <Table.Td>{l.familyName}</Table.Td>
                    <Table.Td>{l.invoiceNumber}</Table.Td>
                    <Table.Td>{euros(l.amountCents, i18n.language)}</Table.Td>
                    <Table.Td>{l.sequenceType}</Table.Td>
                    <Table.Td>
                      {l.debitStatus === 'exported' && l.debitId ? (
                        <ReturnForm debitId={l.debitId} label={l.familyName} />
                      ) : (
                        t(`status.${l.debitStatus ?? 'prepared'}`)
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <Section title={`${t('batches.excluded')} (${b.excluded.length})`}>
        {b.excluded.length === 0 ? (
          <Text>{t('batches.noLine')}</Text>
        ) : (
          <ScrollTable label={t('batches.excluded')} minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.family')}</Table.Th>
                  <Table.Th>{t('invoices.number')}</Table.Th>
                  <Table.Th>{t('invoices.amount')}</Table.Th>
                  <Table.Th>{t('batches.reason')}</Table.Th>
                  <Table.Th>{t('batches.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {b.excluded.map((l) => (
                  <Table.Tr key={l.instalmentId} data-reason={l.reason ?? ''}>
                    <Table.Td>{l.familyName}</Table.Td>
                    <Table.Td>{l.invoiceNumber}</Table.Td>
                    <Table.Td>{euros(l.amountCents, i18n.language)}</Table.Td>
                    <Table.Td>{l.reason ? t(`reasons.${l.reason}`) : ''}</Table.Td>
                    <Table.Td>{l.detail}</Table.Td>
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
