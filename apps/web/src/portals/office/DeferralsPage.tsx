import { useState } from 'react';
import { Anchor, Button, Group, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { useCurrentUser } from '../../features/auth/use-me';
import { listPlans } from '../../features/agency/api';
import { BILLING_NS } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import * as api from '../../features/billing/api';

/** The board records a voted deferral: every undebited due date in a range (optionally one plan's) moves. */
function RecordDeferralForm() {
  const { t } = useTranslation(BILLING_NS);
  const navigate = useNavigate();
  const client = useQueryClient();
  const plans = useQuery({ queryKey: ['agency', 'plans'], queryFn: listPlans });
  const [values, setValues] = useState({
    decisionRef: '',
    decidedOn: '',
    reason: '',
    fromDueOn: '',
    toDueOn: '',
    newDueOn: '',
    planId: '',
  });
  const save = useMutation({
    mutationFn: () => api.recordDeferral({ ...values, planId: values.planId || null }),
    onSuccess: async (result) => {
      notify(t('deferrals.saved', { count: result.affected }));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
      void navigate(`/office/billing/deferrals/${result.id}`);
    },
  });
  const problem = splitProblem(save.error, { fields: Object.keys(values) });
  const field = (name: keyof typeof values) => ({
    value: values[name],
    error: problem.errors[name],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((v) => ({ ...v, [name]: value }));
    },
  });
  return (
    <form
      aria-label={t('deferrals.create')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('deferrals.decisionRef')} {...field('decisionRef')} required />
          <TextInput label={t('deferrals.decidedOn')} type="date" {...field('decidedOn')} required />
        </Group>
        <TextInput label={t('deferrals.reason')} {...field('reason')} required />
        <Group align="flex-end" wrap="wrap">
          <TextInput label={t('deferrals.fromDueOn')} type="date" {...field('fromDueOn')} required />
          <TextInput label={t('deferrals.toDueOn')} type="date" {...field('toDueOn')} required />
          <TextInput label={t('deferrals.newDueOn')} type="date" {...field('newDueOn')} required />
        </Group>
        <NativeSelect
          label={t('deferrals.plan')}
          {...field('planId')}
          data={[
            { value: '', label: t('deferrals.allPlans') },
            ...(plans.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
          maw={360}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('deferrals.submit')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </Stack>
    </form>
  );
}

/** The board and accounts: the deferrals the board voted; the board records a new one. */
export function DeferralsPage() {
  const { t } = useTranslation(BILLING_NS);
  const me = useCurrentUser();
  const deferrals = useKeysetList(api.billingKeys.deferrals, api.listDeferrals);
  return (
    <Stack>
      <PageTitle>{t('deferrals.title')}</PageTitle>
      {hasAnyRole(me.roles, ['admin', 'board']) ? (
        <Section title={t('deferrals.create')}>
          <RecordDeferralForm />
        </Section>
      ) : null}
      <Section title={t('deferrals.list')}>
        <LoadMoreTable
          list={deferrals}
          label={t('deferrals.list')}
          minWidth={560}
          asPage={false}
          empty={t('deferrals.none')}
          columns={[
            t('deferrals.decisionRef'),
            t('deferrals.decidedOn'),
            t('deferrals.range'),
            t('deferrals.newDueOn'),
            t('deferrals.affected'),
          ]}
          row={(d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Anchor component={Link} to={`/office/billing/deferrals/${d.id}`}>
                  {d.decisionRef}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(d.decidedOn)}</Table.Td>
              <Table.Td>
                {t('deferrals.rangeValue', { from: formatDate(d.fromDueOn), to: formatDate(d.toDueOn) })}
              </Table.Td>
              <Table.Td>{formatDate(d.newDueOn)}</Table.Td>
              <Table.Td>{d.affectedCount}</Table.Td>
            </Table.Tr>
          )}
        />
      </Section>
    </Stack>
  );
}
