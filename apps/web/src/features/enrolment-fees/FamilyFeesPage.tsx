import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FEE_METHODS, FEE_PLANS } from '@contracts';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { FEES_NS } from './fees-i18n';
import { FeesSummary } from './FeesSummary';
import * as api from './api';

function PlanForm() {
  const { t } = useTranslation(FEES_NS);
  const client = useQueryClient();
  const [plan, setPlan] = useState<(typeof FEE_PLANS)[number]>('three');
  const [method, setMethod] = useState<(typeof FEE_METHODS)[number]>('sepa');
  const choose = useMutation({
    mutationFn: () => api.choosePlan({ plan, method }),
    onSuccess: async (fees) => {
      notify(t('chosen'));
      client.setQueryData(api.feesKeys.mine, fees);
      await client.invalidateQueries({ queryKey: ['billing'] });
    },
  });
  const problem = splitProblem(choose.error, { fields: ['plan', 'method'] });
  return (
    <form
      aria-label={t('plan')}
      onSubmit={(e) => {
        e.preventDefault();
        choose.mutate();
      }}
    >
      <Stack gap="xs">
        <Text size="sm">{t('planOnce')}</Text>
        <Group align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('planField')}
            required
            value={plan}
            onChange={(e) => setPlan(e.currentTarget.value as typeof plan)}
            data={FEE_PLANS.map((p) => ({ value: p, label: t(`plans.${p}`) }))}
            error={problem.errors.plan}
          />
          <NativeSelect
            label={t('methodField')}
            required
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value as typeof method)}
            data={FEE_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
            error={problem.errors.method}
          />
        </Group>
        <Group>
          <Button type="submit" loading={choose.isPending}>
            {t('choose')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </Stack>
    </form>
  );
}

function CancelForm({ fees }: { fees: api.FeesView }) {
  const { t } = useTranslation(FEES_NS);
  const client = useQueryClient();
  const confirmed = fees.places.filter((p) => p.status === 'confirmed');
  const [form, setForm] = useState({
    enrolmentId: confirmed[0]?.enrolmentId ?? '',
    effectiveOn: organisationToday(),
    reason: '',
  });
  const cancel = useMutation({
    mutationFn: () => api.cancelPlace(form),
    onSuccess: async (next) => {
      notify(t('cancelled'));
      client.setQueryData(api.feesKeys.mine, next);
      setForm({
        ...form,
        enrolmentId: next.places.find((p) => p.status === 'confirmed')?.enrolmentId ?? '',
        reason: '',
      });
      await client.invalidateQueries({ queryKey: ['billing'] });
    },
  });
  const problem = splitProblem(cancel.error, { fields: ['enrolmentId', 'effectiveOn', 'reason'] });
  if (!confirmed.length) return null;
  return (
    <form
      aria-label={t('cancel')}
      onSubmit={(e) => {
        e.preventDefault();
        cancel.mutate();
      }}
    >
      <Stack gap="xs">
        <Text size="sm">{t('cancelHelp')}</Text>
        <NativeSelect
          label={t('place')}
          required
          value={form.enrolmentId}
          onChange={(e) => setForm({ ...form, enrolmentId: e.currentTarget.value })}
          data={confirmed.map((p) => ({
            value: p.enrolmentId,
            label: `${p.studentName} — ${p.course}${p.nextDeadline ? ` (${formatDate(p.nextDeadline)})` : ''}`,
          }))}
          error={problem.errors.enrolmentId}
        />
        <TextInput
          type="date"
          label={t('effectiveOn')}
          required
          value={form.effectiveOn}
          onChange={(e) => setForm({ ...form, effectiveOn: e.currentTarget.value })}
          error={problem.errors.effectiveOn}
        />
        <Textarea
          label={t('reason')}
          required
          autosize
          minRows={2}
          value={form.reason}
          onChange={(e) => setForm({ ...form, reason: e.currentTarget.value })}
          error={problem.errors.reason}
        />
        <Group>
          <Button type="submit" loading={cancel.isPending}>
            {t('send')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </Stack>
    </form>
  );
}

/** The family portal's fees: places, the payment plan chosen once, the invoices, and written cancellations. */
export function FamilyFeesPage() {
  const { t } = useTranslation(FEES_NS);
  const fees = useQuery({ queryKey: api.feesKeys.mine, queryFn: api.myFees });
  if (fees.data === undefined) return <QueryFallback error={fees.error} />;
  const data = fees.data;
  if (data === null) {
    return (
      <Stack>
        <PageTitle>{t('title')}</PageTitle>
        <Text>{t('noSchoolPlace')}</Text>
      </Stack>
    );
  }
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <FeesSummary fees={data} />
      {data.items.length ? (
        <Section title={t('plan')}>
          {data.plan ? (
            <Text>
              {t('planChosen', {
                plan: t(`plans.${data.plan.plan}`),
                method: t(`methods.${data.plan.method}`),
                date: formatDate(data.plan.firstDueOn),
              })}
            </Text>
          ) : (
            <PlanForm />
          )}
        </Section>
      ) : null}
      <Section title={t('cancel')}>
        <CancelForm key={data.places.map((p) => p.status).join()} fees={data} />
      </Section>
    </Stack>
  );
}
