import { useState } from 'react';
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { splitProblem } from '../../api/form-errors';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import { ExclusionTable } from '../../features/billing/ExclusionTable';
import * as api from '../../features/billing/api';
import { SDD_RETURN_REASONS, type ReturnKind } from '../../../../../packages/contracts/src/sepa-returns';

type Line = api.BatchLines['included'][number];

/** One "record a return" dialog for the whole batch: the line, the kind and reason, the date; the amount shown. */
function ReturnDialog({ lines, onClose }: { lines: Line[]; onClose: () => void }) {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [debitId, setDebitId] = useState(lines[0]?.debitId ?? '');
  const [kind, setKind] = useState<ReturnKind>('reject');
  const [reasonCode, setReasonCode] = useState('');
  const language = i18n.language === 'en' ? 'en' : 'fr';
  // The ISO 20022 codes the EPC allows for this kind of R-transaction, each with its meaning.
  const reasons = Object.entries(SDD_RETURN_REASONS)
    .filter(([, reason]) => (reason.kinds as readonly ReturnKind[]).includes(kind))
    .map(([code, reason]) => ({ value: code, label: `${code} — ${reason[language]}` }));
  const [on, setOn] = useState(organisationToday());
  const line = lines.find((l) => l.debitId === debitId);
  const save = useMutation({
    mutationFn: () => api.recordReturn(debitId, { kind, reasonCode, on }),
    onSuccess: async () => {
      notify(t('returns.saved'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
      onClose();
    },
  });
  return (
    <form
      aria-label={t('returns.title')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <NativeSelect
          label={t('returns.line')}
          value={debitId}
          onChange={(e) => setDebitId(e.currentTarget.value)}
          data={lines.map((l) => ({
            value: l.debitId ?? '',
            label: `${l.familyName} — ${l.invoiceNumber} — ${euros(l.amountCents, i18n.language)}`,
          }))}
        />
        <NativeSelect
          label={t('returns.kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.currentTarget.value as ReturnKind);
            setReasonCode('');
          }}
          data={[
            { value: 'reject', label: t('returns.reject') },
            { value: 'return', label: t('returns.returned') },
            { value: 'refund', label: t('returns.refund') },
          ]}
        />
        <NativeSelect
          label={t('returns.reason')}
          value={reasonCode}
          onChange={(e) => setReasonCode(e.currentTarget.value)}
          required
          data={[{ value: '', label: t('returns.chooseReason') }, ...reasons]}
        />
        <TextInput
          label={t('returns.on')}
          type="date"
          value={on}
          onChange={(e) => setOn(e.currentTarget.value)}
          required
        />
        <Text>
          {t('returns.amount')} : {line ? euros(line.amountCents, i18n.language) : '—'}
        </Text>
        {save.error ? <ProblemAlert error={save.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('returns.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!debitId}>
            {t('returns.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A prepared batch moved to another collection date (a late one must be, before it can be exported). */
function RedateDialog({ batch, onClose }: { batch: api.BatchLines; onClose: () => void }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [date, setDate] = useState('');
  const redate = useMutation({
    mutationFn: () => api.redateBatch(batch.id, { version: batch.version, collectionDate: date }),
    onSuccess: async () => {
      notify(t('batches.redated'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
      onClose();
    },
  });
  const problem = splitProblem(redate.error, { fields: ['collectionDate'] });
  return (
    <form
      aria-label={t('batches.redate')}
      onSubmit={(e) => {
        e.preventDefault();
        redate.mutate();
      }}
    >
      <Stack>
        <Text>{t('batches.redateHint')}</Text>
        <TextInput
          label={t('batches.newDate')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={problem.errors.collectionDate}
          required
        />
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('returns.cancel')}
          </Button>
          <Button type="submit" loading={redate.isPending}>
            {t('batches.redateSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One batch: what is debited and what is left out and why; export, re-date and download; returns. */
export function BatchPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const { id = '' } = useParams();
  const client = useQueryClient();
  const [format, setFormat] = useState('pain.008.001.08');
  const [dialog, setDialog] = useState<'return' | 'redate' | null>(null);
  const batch = useQuery({ queryKey: api.billingKeys.batch(id), queryFn: () => api.getBatch(id) });
  const refresh = async () => client.invalidateQueries({ queryKey: api.billingKeys.all });
  const exportIt = useMutation({
    mutationFn: () => api.exportBatch(id, { version: batch.data?.version ?? 0, format }),
    onSuccess: refresh,
  });
  const cancel = useMutation({ mutationFn: () => api.cancelBatch(id, batch.data?.version ?? 0), onSuccess: refresh });
  if (!batch.data) return <QueryFallback error={batch.error} />;
  const b = batch.data;
  const returnable = b.included.filter((l) => l.debitStatus === 'exported' && l.debitId);
  const close = () => setDialog(null);
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
          <Button variant="default" onClick={() => setDialog('redate')}>
            {t('batches.redate')}
          </Button>
          <Button variant="default" color="red" onClick={() => cancel.mutate()} loading={cancel.isPending}>
            {t('batches.cancel')}
          </Button>
        </Group>
      ) : null}
      {b.status === 'exported' ? (
        <Group wrap="wrap">
          <Text>{t('batches.exported')}</Text>
          <Anchor href={api.batchFileUrl(b.id)} download>
            {t('batches.download')}
          </Anchor>
          {returnable.length ? (
            <Button variant="default" onClick={() => setDialog('return')}>
              {t('returns.open')}
            </Button>
          ) : null}
        </Group>
      ) : null}
      {exportIt.error ? <ProblemAlert error={exportIt.error} /> : null}
      {cancel.error ? <ProblemAlert error={cancel.error} /> : null}
      <Section title={`${t('batches.included')} (${b.included.length})`}>
        {b.included.length === 0 ? (
          <Text>{t('batches.noLine')}</Text>
        ) : (
          <ScrollTable label={t('batches.included')} minWidth={560}>
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
                    <Table.Td>{t(`status.${l.debitStatus ?? 'prepared'}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <Section title={`${t('batches.excluded')} (${b.excluded.length})`}>
        <ExclusionTable lines={b.excluded} />
      </Section>
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={dialog === 'redate' ? t('batches.redate') : t('returns.title')}
        closeButtonProps={{ 'aria-label': t('returns.cancel') }}
      >
        {dialog === 'return' ? <ReturnDialog lines={returnable} onClose={close} /> : null}
        {dialog === 'redate' ? <RedateDialog batch={b} onClose={close} /> : null}
      </Modal>
    </Stack>
  );
}
