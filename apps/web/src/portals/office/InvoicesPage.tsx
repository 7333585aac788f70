import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Anchor, Button, Group, NativeSelect, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, organisationToday } from '../../ui/format';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';
import { useLookupThenAct } from '../../features/billing/use-lookup-then-act';

function PaymentForm() {
  const { t } = useTranslation(BILLING_NS);
  const [method, setMethod] = useState('transfer');
  const [amount, setAmount] = useState<number | string>('');
  const [receivedOn, setReceivedOn] = useState(organisationToday());
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
  const problem = splitProblem(save.error, {
    fields: ['invoice', 'method', 'amount', 'receivedOn', 'cashOn', 'reference'],
    rename: { invoiceId: 'invoice', amountCents: 'amount' },
  });
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
          error={unknown ? t('payment.unknownInvoice') : problem.errors.invoice}
          required
        />
        <NativeSelect
          label={t('payment.method')}
          value={method}
          onChange={(e) => setMethod(e.currentTarget.value)}
          error={problem.errors.method}
          data={['transfer', 'cheque', 'card', 'cesu', 'aid'].map((m) => ({
            value: m,
            label: t(`payment.methods.${m}`),
          }))}
        />
        <NumberInput
          label={t('payment.amount')}
          value={amount}
          onChange={setAmount}
          error={problem.errors.amount}
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
          error={problem.errors.receivedOn}
          required
        />
        {method === 'cheque' ? (
          <TextInput
            label={t('payment.cashOn')}
            type="date"
            value={cashOn}
            onChange={(e) => setCashOn(e.currentTarget.value)}
            error={problem.errors.cashOn}
            required
          />
        ) : null}
        <TextInput
          label={t('payment.reference')}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={problem.errors.reference}
        />
        <Button type="submit" loading={save.isPending}>
          {t('payment.save')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
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
  const problem = splitProblem(issue.error, {
    fields: ['invoice', 'amount', 'reason'],
    rename: { amountCents: 'amount' },
  });
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
          error={unknown ? t('payment.unknownInvoice') : problem.errors.invoice}
          required
        />
        <NumberInput
          label={t('creditNote.amount')}
          description={t('creditNote.amountHint')}
          value={amount}
          onChange={setAmount}
          error={problem.errors.amount}
          min={0.01}
          decimalScale={2}
          w={180}
        />
        <TextInput
          label={t('creditNote.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problem.errors.reason}
          required
        />
        <Button type="submit" loading={issue.isPending}>
          {t('creditNote.submit')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
    </form>
  );
}

/** Accounts: invoices, the periodic run, payments by cheque/transfer/card. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  // `?familyId=` (the file page's link to a family's invoices) narrows the list to that family.
  const familyId = useSearchParams()[0].get('familyId') ?? undefined;
  const invoices = useKeysetList(api.billingKeys.invoices(familyId), (cursor) =>
    api.listInvoices({ familyId, cursor: cursor ?? undefined }),
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
        <LoadMoreTable
          list={invoices}
          label={t('invoices.title')}
          minWidth={720}
          asPage={false}
          empty={t('invoices.none')}
          columns={[
            t('invoices.number'),
            t('invoices.family'),
            t('invoices.issued'),
            t('invoices.amount'),
            t('invoices.balance'),
            t('invoices.status'),
            t('invoices.pdf'),
          ]}
          row={(inv) => (
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
          )}
        />
      </Section>
    </Stack>
  );
}
