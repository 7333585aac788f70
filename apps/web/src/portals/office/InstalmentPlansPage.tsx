import { useState } from 'react';
import { Anchor, Button, Fieldset, Group, NativeSelect, NumberInput, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../ui/format';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import * as api from '../../features/billing/api';
import { splitProblem } from '../../api/form-errors';
import { useLookupThenAct } from '../../features/billing/use-lookup-then-act';

const METHODS = ['sepa', 'cheque', 'transfer', 'card'] as const;
type Row = { key: number; dueOn: string; amount: number | string; method: string };

/** Splits what an invoice (found by its number) still owes into instalments: up to twelve, each a date and a method. */
function CreatePlanForm() {
  const { t } = useTranslation(BILLING_NS);
  const navigate = useNavigate();
  const [rows, setRows] = useState<Row[]>([
    { key: 1, dueOn: '', amount: '', method: 'sepa' },
    { key: 2, dueOn: '', amount: '', method: 'sepa' },
  ]);
  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const {
    mutation: save,
    bind,
    unknown,
  } = useLookupThenAct(
    api.findInvoiceByNumber,
    (invoice) =>
      api.setInstalmentPlan(invoice.id, {
        version: invoice.version,
        instalments: rows.map((r) => ({
          dueOn: r.dueOn,
          amountCents: Math.round(Number(r.amount) * 100),
          method: r.method,
        })),
      }),
    (invoice) => {
      notify(t('plans.saved', { number: invoice.number }));
      void navigate(`/office/billing/plans/${invoice.id}`);
    },
  );
  // the rows' fields by index; an error on the whole schedule (its sum) is said above the submit button
  const problem = splitProblem(save.error, {
    fields: [
      'invoice',
      'instalments',
      ...rows.flatMap((_, i) => ['dueOn', 'amount', 'method'].map((f) => `instalments.${i}.${f}`)),
    ],
    rename: Object.fromEntries(rows.map((_, i) => [`instalments.${i}.amountCents`, `instalments.${i}.amount`])),
  });
  const rowError = (index: number, name: string) => problem.errors[`instalments.${index}.${name}`];
  const alert = problem.alert ?? (problem.errors.instalments ? save.error : null);
  return (
    <form
      aria-label={t('plans.create')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <TextInput
          label={t('payment.invoice')}
          {...bind}
          error={unknown ? t('payment.unknownInvoice') : problem.errors.invoice}
          required
          maw={260}
        />
        {rows.map((r, index) => (
          <Fieldset key={r.key} legend={t('plans.instalment', { n: index + 1 })} p="sm">
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('plans.dueOn')}
                type="date"
                value={r.dueOn}
                onChange={(e) => change(r.key, { dueOn: e.currentTarget.value })}
                error={rowError(index, 'dueOn')}
                required
              />
              <NumberInput
                label={t('payment.amount')}
                value={r.amount}
                onChange={(value) => change(r.key, { amount: value })}
                error={rowError(index, 'amount')}
                min={0.01}
                decimalScale={2}
                required
                w={140}
              />
              <NativeSelect
                label={t('payment.method')}
                value={r.method}
                onChange={(e) => change(r.key, { method: e.currentTarget.value })}
                error={rowError(index, 'method')}
                data={METHODS.map((m) => ({ value: m, label: t(`plans.methods.${m}`) }))}
              />
              {rows.length > 1 ? (
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => setRows((all) => all.filter((x) => x.key !== r.key))}
                  aria-label={t('plans.removeNamed', { n: index + 1 })}
                >
                  {t('plans.remove')}
                </Button>
              ) : null}
            </Group>
          </Fieldset>
        ))}
        <Group wrap="wrap">
          {rows.length < 12 ? (
            <Button
              variant="default"
              onClick={() =>
                setRows((all) => [
                  ...all,
                  { key: Math.max(0, ...all.map((x) => x.key)) + 1, dueOn: '', amount: '', method: 'sepa' },
                ])
              }
            >
              {t('plans.add')}
            </Button>
          ) : null}
          <Button type="submit" loading={save.isPending}>
            {t('plans.submit')}
          </Button>
        </Group>
        {alert ? <ProblemAlert error={alert} /> : null}
      </Stack>
    </form>
  );
}

/** Accounts: invoices paid by instalments, and a new plan for an invoice. */
export function InstalmentPlansPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const plans = useKeysetList(api.billingKeys.plans, api.listInstalmentPlans);
  return (
    <Stack>
      <PageTitle>{t('plans.title')}</PageTitle>
      <Section title={t('plans.create')}>
        <CreatePlanForm />
      </Section>
      <Section title={t('plans.list')}>
        <LoadMoreTable
          list={plans}
          label={t('plans.list')}
          minWidth={560}
          asPage={false}
          empty={t('plans.none')}
          columns={[
            t('invoices.number'),
            t('invoices.family'),
            t('invoices.amount'),
            t('invoices.balance'),
            t('plans.next'),
          ]}
          row={(inv) => {
            const next = inv.instalments.find((i) => i.status === 'due');
            return (
              <Table.Tr key={inv.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/office/billing/plans/${inv.id}`}>
                    {inv.number}
                  </Anchor>
                </Table.Td>
                <Table.Td>{inv.familyName}</Table.Td>
                <Table.Td>{euros(inv.amountCents, i18n.language)}</Table.Td>
                <Table.Td>{euros(inv.balanceCents, i18n.language)}</Table.Td>
                <Table.Td>
                  {next ? `${formatDate(next.dueOn)} — ${euros(next.amountCents, i18n.language)}` : '—'}
                </Table.Td>
              </Table.Tr>
            );
          }}
        />
      </Section>
    </Stack>
  );
}
