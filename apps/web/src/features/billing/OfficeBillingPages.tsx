import { useState, type ChangeEvent } from 'react';
import { Anchor, Badge, Button, Group, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDate, organisationToday } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from './billing-i18n';
import * as api from './api';

const today = organisationToday;

/**
 * The accounts forms that name a record by its reference (an invoice number, a mandate's RUM): the record is looked
 * up on the server, wherever it sits among thousands, then `act` runs on it; a reference nothing has is flagged on
 * the field (`unknown`) rather than sent on.
 */
function useLookupThenAct<F, T>(
  find: (reference: string) => Promise<F | null>,
  act: (found: F) => Promise<T>,
  done: (result: T) => void,
) {
  const client = useQueryClient();
  const [reference, setReference] = useState('');
  const [unknown, setUnknown] = useState(false);
  const mutation = useMutation({
    mutationFn: async () => {
      const found = await find(reference);
      setUnknown(!found);
      return found ? { result: await act(found) } : null;
    },
    onSuccess: async (outcome) => {
      if (!outcome) return;
      done(outcome.result);
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const bind = {
    value: reference,
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setReference(e.currentTarget.value);
      setUnknown(false);
    },
  };
  return { mutation, bind, unknown };
}

function PaymentForm() {
  const { t } = useTranslation(BILLING_NS);
  const [method, setMethod] = useState('transfer');
  const [amount, setAmount] = useState<number | string>('');
  const [receivedOn, setReceivedOn] = useState(today());
  const [cashOn, setCashOn] = useState('');
  const [reference, setReference] = useState('');
  const {
    mutation: save,
    bind,
    unknown,
  } = useLookupThenAct(
    api.findInvoiceByNumber,
    (invoice) =>
      api.recordPayment({
        invoiceId: invoice.id,
        method,
        amountCents: Math.round(Number(amount) * 100),
        receivedOn,
        cashOn: cashOn || null,
        reference: reference || null,
      }),
    () => notify(t('payment.saved')),
  );
  return (
    <form
      aria-label={t('payment.title')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('payment.invoice')}
          {...bind}
          error={unknown ? t('payment.unknownInvoice') : undefined}
          required
        />
        <NativeSelect
          label={t('payment.method')}
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value)}
          data={['transfer', 'cheque', 'card', 'cesu', 'aid'].map((m) => ({
            value: m,
            label: t(`payment.methods.${m}`),
          }))}
        />
        <NumberInput
          label={t('payment.amount')}
          value={amount}
          onChange={setAmount}
          min={0.01}
          decimalScale={2}
          required
          w={140}
        />
        <TextInput
          label={t('payment.receivedOn')}
          type="date"
          value={receivedOn}
          onChange={(e) => setReceivedOn(e.currentTarget.value)}
          required
        />
        {method === 'cheque' ? (
          <TextInput
            label={t('payment.cashOn')}
            type="date"
            value={cashOn}
            onChange={(e) => setCashOn(e.currentTarget.value)}
            required
          />
        ) : null}
        <TextInput
          label={t('payment.reference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
        />
        <Button type="submit" loading={save.isPending}>
          {t('payment.save')}
        </Button>
      </Group>
      {save.error ? <ProblemAlert error={save.error} /> : null}
    </form>
  );
}

/** A credit note against an open invoice found by its number: the whole balance when no amount is given. */
function CreditNoteForm() {
  const { t } = useTranslation(BILLING_NS);
  const [amount, setAmount] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const {
    mutation: issue,
    bind,
    unknown,
  } = useLookupThenAct(
    api.findInvoiceByNumber,
    (invoice) =>
      api.issueCreditNote(invoice.id, {
        reason,
        ...(amount === '' ? {} : { amountCents: Math.round(Number(amount) * 100) }),
      }),
    (note) => notify(t('creditNote.issued', { number: note.number })),
  );
  return (
    <form
      aria-label={t('creditNote.title')}
      onSubmit={(e) => {
        e.preventDefault();
        issue.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('payment.invoice')}
          {...bind}
          error={unknown ? t('payment.unknownInvoice') : undefined}
          required
        />
        <NumberInput
          label={t('creditNote.amount')}
          description={t('creditNote.amountHint')}
          value={amount}
          onChange={setAmount}
          min={0.01}
          decimalScale={2}
          w={180}
        />
        <TextInput
          label={t('creditNote.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={issue.isPending}>
          {t('creditNote.submit')}
        </Button>
      </Group>
      {issue.error ? <ProblemAlert error={issue.error} /> : null}
    </form>
  );
}

/** Accounts: invoices, the periodic run, payments by cheque/transfer/card. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const invoices = useKeysetList(api.billingKeys.invoices(), (cursor) =>
    api.listInvoices({ cursor: cursor ?? undefined }),
  );
  const run = useMutation({
    mutationFn: api.runInvoices,
    onSuccess: async (r) => {
      notify(t('invoices.runDone', { count: r.issued }));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const sweep = useMutation({
    mutationFn: api.runSweep,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  return (
    <Stack>
      <PageTitle
        actions={
          <>
            <Button onClick={() => run.mutate()} loading={run.isPending}>
              {t('invoices.run')}
            </Button>
            <Button variant="default" onClick={() => sweep.mutate()} loading={sweep.isPending}>
              {t('invoices.sweep')}
            </Button>
          </>
        }
      >
        {t('invoices.title')}
      </PageTitle>
      {run.error ? <ProblemAlert error={run.error} /> : null}
      <Section title={t('invoices.pay')}>
        <PaymentForm />
      </Section>
      <Section title={t('creditNote.title')}>
        <CreditNoteForm />
      </Section>
      <Section title={t('invoices.title')}>
        {invoices.isPending || invoices.error ? (
          <QueryFallback error={invoices.error} asPage={false} />
        ) : invoices.items.length === 0 ? (
          <Text>{t('invoices.none')}</Text>
        ) : (
          <ScrollTable label={t('invoices.title')} minWidth={720}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('invoices.number')}</Table.Th>
                  <Table.Th>{t('invoices.family')}</Table.Th>
                  <Table.Th>{t('invoices.issued')}</Table.Th>
                  <Table.Th>{t('invoices.amount')}</Table.Th>
                  <Table.Th>{t('invoices.balance')}</Table.Th>
                  <Table.Th>{t('invoices.status')}</Table.Th>
                  <Table.Th>{t('invoices.pdf')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoices.items.map((inv) => (
                  <Table.Tr key={inv.id}>
                    <Table.Td>{inv.number}</Table.Td>
                    <Table.Td>{inv.familyName}</Table.Td>
                    <Table.Td>{formatDate(inv.issuedOn)}</Table.Td>
                    <Table.Td>{euros(inv.amountCents, i18n.language)}</Table.Td>
                    <Table.Td>{euros(inv.balanceCents, i18n.language)}</Table.Td>
                    <Table.Td>{t(`status.${inv.status}`)}</Table.Td>
                    <Table.Td>
                      <Anchor href={api.invoicePdfUrl(inv.id)} download>
                        {t('invoices.download', { number: inv.number })}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        <LoadMoreButton
          hasNextPage={invoices.hasNextPage}
          isFetchingNextPage={invoices.isFetchingNextPage}
          fetchNextPage={invoices.fetchNextPage}
        />
      </Section>
    </Stack>
  );
}

function ReleaseForm({ hold }: { hold: api.HoldRow }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const release = useMutation({
    mutationFn: () => api.releaseHold(hold.holdId, { version: hold.version, reason }),
    onSuccess: async () => {
      notify(t('holds.released'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  return (
    <form
      aria-label={`${t('holds.release')} — ${hold.familyName}`}
      onSubmit={(e) => {
        e.preventDefault();
        release.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('holds.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={release.isPending}>
          {t('holds.release')}
        </Button>
      </Group>
      {release.error ? <ProblemAlert error={release.error} /> : null}
    </form>
  );
}

/** Accounts and followup: subscriptions held for lack of lessons, released with a reason. */
export function HoldsPage() {
  const { t } = useTranslation(BILLING_NS);
  const holds = useKeysetList(api.billingKeys.holds, api.listHolds);
  return (
    <Stack>
      <PageTitle>{t('holds.title')}</PageTitle>
      <Text>{t('holds.intro')}</Text>
      {holds.isPending || holds.error ? (
        <QueryFallback error={holds.error} />
      ) : holds.items.length === 0 ? (
        <Text>{t('holds.none')}</Text>
      ) : (
        holds.items.map((h) => (
          <Section key={h.holdId} title={`${h.familyName} — ${h.studentName}`}>
            <Text>
              {t('holds.handOver')} : {formatDate(h.billableFrom)} · {t('holds.since')} : {formatDate(h.since)} ·{' '}
              {t('holds.lastLesson')} : {h.lastLessonOn ? formatDate(h.lastLessonOn) : '—'}
            </Text>
            <ReleaseForm hold={h} />
          </Section>
        ))
      )}
      <LoadMoreButton
        hasNextPage={holds.hasNextPage}
        isFetchingNextPage={holds.isFetchingNextPage}
        fetchNextPage={holds.fetchNextPage}
      />
    </Stack>
  );
}

/** Ends a mandate found by its RUM: revoked now, or the next debit sent as the final one. */
function EndMandateForm() {
  const { t } = useTranslation(BILLING_NS);
  const [mode, setMode] = useState<'revoke' | 'final_on_next'>('revoke');
  const [reason, setReason] = useState('');
  const {
    mutation: end,
    bind,
    unknown,
  } = useLookupThenAct(
    api.findMandateByRum,
    (mandate) => api.endMandate(mandate.id, { version: mandate.version, reason, mode }),
    (mandate) => notify(t(mode === 'revoke' ? 'mandateEnd.revoked' : 'mandateEnd.finalNext', { rum: mandate.rum })),
  );
  return (
    <form
      aria-label={t('mandateEnd.title')}
      onSubmit={(e) => {
        e.preventDefault();
        end.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('mandates.rum')}
          {...bind}
          error={unknown ? t('mandateEnd.unknownRum') : undefined}
          required
        />
        <NativeSelect
          label={t('mandateEnd.mode')}
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value as 'revoke' | 'final_on_next')}
          data={[
            { value: 'revoke', label: t('mandateEnd.revoke') },
            { value: 'final_on_next', label: t('mandateEnd.finalOnNext') },
          ]}
        />
        <TextInput
          label={t('mandateEnd.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={end.isPending}>
          {t('mandateEnd.submit')}
        </Button>
      </Group>
      {end.error ? <ProblemAlert error={end.error} /> : null}
    </form>
  );
}

export function MandatesPage() {
  const { t } = useTranslation(BILLING_NS);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const q = useDebouncedValue(search.trim(), 300)[0];
  const mandates = useKeysetList([...api.billingKeys.mandates(), q, status], (cursor) =>
    api.listAllMandates({ q, status, cursor }),
  );
  return (
    <Stack>
      <PageTitle>{t('mandates.title')}</PageTitle>
      <Section title={t('mandateEnd.title')}>
        <EndMandateForm />
      </Section>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('mandates.search')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('mandates.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('mandates.all') },
            ...['active', 'ended', 'revoked'].map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
      </Group>
      {mandates.isPending || mandates.error ? (
        <QueryFallback error={mandates.error} asPage={false} />
      ) : mandates.items.length === 0 ? (
        <Text>{t('mandates.none')}</Text>
      ) : (
        <ScrollTable label={t('mandates.title')} minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mandates.family')}</Table.Th>
                <Table.Th>{t('mandates.rum')}</Table.Th>
                <Table.Th>{t('mandates.iban')}</Table.Th>
                <Table.Th>{t('mandates.signed')}</Table.Th>
                <Table.Th>{t('mandates.method')}</Table.Th>
                <Table.Th>{t('mandates.status')}</Table.Th>
                <Table.Th>{t('mandates.usable')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mandates.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.familyName}</Table.Td>
                  <Table.Td>{m.rum}</Table.Td>
                  <Table.Td>{m.ibanMasked}</Table.Td>
                  <Table.Td>{formatDate(m.signedOn)}</Table.Td>
                  <Table.Td>{m.signatureMethod}</Table.Td>
                  <Table.Td>{t(`status.${m.status}`)}</Table.Td>
                  <Table.Td>
                    {m.usable
                      ? t('mandates.yes')
                      : `${t('mandates.no')} (${m.refusal ? t(`reasons.${m.refusal}`) : ''})`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <LoadMoreButton
        hasNextPage={mandates.hasNextPage}
        isFetchingNextPage={mandates.isFetchingNextPage}
        fetchNextPage={mandates.fetchNextPage}
      />
    </Stack>
  );
}

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
              required
            />
            <Button type="submit" loading={prepare.isPending}>
              {t('batches.prepareSubmit')}
            </Button>
          </Group>
          {prepare.error ? <ProblemAlert error={prepare.error} /> : null}
          {prepare.data ? (
            <Anchor component={Link} to={`/office/billing/batches/${prepare.data.id}`}>
              {t('batches.open')} {prepare.data.reference}
            </Anchor>
          ) : null}
        </form>
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

function ReturnForm({ debitId, label }: { debitId: string; label: string }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [kind, setKind] = useState('reject');
  const [reasonCode, setReasonCode] = useState('');
  const [on, setOn] = useState(today());
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

/** Accounts: tax certificates generated in bulk for a year and e-mailed. */
export function CertificatesPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [year, setYear] = useState<number | string>(new Date().getFullYear() - 1);
  const list = useKeysetList([...api.billingKeys.certificates(), year], (cursor) =>
    api.listCertificates({ year: Number(year), cursor }),
  );
  const generate = useMutation({
    mutationFn: () => api.generateCertificates(Number(year)),
    onSuccess: async (r) => {
      notify(t('certificates.generated', { count: r.generated }));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  return (
    <Stack>
      <PageTitle>{t('certificates.title')}</PageTitle>
      <form
        aria-label={t('certificates.generate')}
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <NumberInput label={t('certificates.year')} value={year} onChange={setYear} min={2000} max={2100} w={140} />
          <Button type="submit" loading={generate.isPending}>
            {t('certificates.generate')}
          </Button>
        </Group>
        {generate.error ? <ProblemAlert error={generate.error} /> : null}
      </form>
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} asPage={false} />
      ) : list.items.length === 0 ? (
        <Text>{t('certificates.none')}</Text>
      ) : (
        <ScrollTable label={t('certificates.title')} minWidth={560}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('certificates.family')}</Table.Th>
                <Table.Th>{t('certificates.paid')}</Table.Th>
                <Table.Th>{t('certificates.hours')}</Table.Th>
                <Table.Th>{t('invoices.pdf')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>{c.familyName}</Table.Td>
                  <Table.Td>{euros(c.paidCents, i18n.language)}</Table.Td>
                  <Table.Td>{(c.homeMinutes / 60).toFixed(1)}</Table.Td>
                  <Table.Td>
                    <Anchor href={api.certificatePdfUrl(c.id)} download>
                      {t('certificates.download', { year: c.year })}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Stack>
  );
}
