import { useState } from 'react';
import { Button, Group, List, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { SchoolSelect, SeasonSelect, useSeasonPick } from '../schools/use-season-pick';
import { FEES_NS } from './fees-i18n';
import * as api from './api';

function RuleForm({ schoolId, seasonId }: { schoolId: string; seasonId: string }) {
  const { t } = useTranslation(FEES_NS);
  const client = useQueryClient();
  const empty = { label: '', startsOn: '', endsOn: '', deadline: '' };
  const [form, setForm] = useState(empty);
  const create = useMutation({
    mutationFn: () => api.createRule({ ...form, schoolId, seasonId }),
    onSuccess: async () => {
      notify(t('office.created'));
      setForm(empty);
      await client.invalidateQueries({ queryKey: api.feesKeys.rules(schoolId, seasonId) });
    },
  });
  const problem = splitProblem(create.error, { fields: Object.keys(empty) });
  const field = (key: keyof typeof empty, label: string, type = 'date') => (
    <TextInput
      type={type}
      label={label}
      required
      value={form[key]}
      onChange={(e) => setForm({ ...form, [key]: e.currentTarget.value })}
      error={problem.errors[key]}
    />
  );
  return (
    <form
      aria-label={t('office.newRule')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <Stack gap="xs">
        {field('label', t('office.label'), 'text')}
        <Group grow wrap="wrap" align="flex-start">
          {field('startsOn', t('office.startsOn'))}
          {field('endsOn', t('office.endsOn'))}
          {field('deadline', t('office.ruleDeadline'))}
        </Group>
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('office.create')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </Stack>
    </form>
  );
}

function PolicyForm({ policy }: { policy: api.PolicyView }) {
  const { t } = useTranslation(FEES_NS);
  const client = useQueryClient();
  const [form, setForm] = useState({
    cancellationNoticeDays: policy.cancellationNoticeDays,
    makeupCredits: policy.makeupCredits,
  });
  const save = useMutation({
    mutationFn: () => api.setPolicy(policy.schoolId, form),
    onSuccess: async () => {
      notify(t('office.saved'));
      await client.invalidateQueries({ queryKey: api.feesKeys.policy(policy.schoolId) });
    },
  });
  return (
    <form
      aria-label={t('office.policy')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <NumberInput
          label={t('office.notice')}
          required
          min={0}
          max={120}
          allowDecimal={false}
          value={form.cancellationNoticeDays}
          onChange={(v) => setForm({ ...form, cancellationNoticeDays: Number(v) || 0 })}
        />
        <NumberInput
          label={t('office.credits')}
          required
          min={0}
          max={50}
          allowDecimal={false}
          value={form.makeupCredits}
          onChange={(v) => setForm({ ...form, makeupCredits: Number(v) || 0 })}
        />
        <Button type="submit" loading={save.isPending}>
          {t('office.savePolicy')}
        </Button>
      </Group>
      {save.error ? <ProblemAlert error={save.error} /> : null}
    </form>
  );
}

/** The secretariat's school fees: a school's special cancellation rules for the season and its policy. */
export function OfficeFeesPage() {
  const { t } = useTranslation(FEES_NS);
  const pick = useSeasonPick();
  const schoolId = pick.school?.id ?? '';
  const seasonId = pick.season?.id ?? '';
  const rules = useQuery({
    queryKey: api.feesKeys.rules(schoolId, seasonId),
    queryFn: () => api.specialRules(schoolId, seasonId),
    enabled: !!schoolId && !!seasonId,
  });
  const policy = useQuery({
    queryKey: api.feesKeys.policy(schoolId),
    queryFn: () => api.policy(schoolId),
    enabled: !!schoolId,
  });
  if (!pick.ready) return <QueryFallback error={pick.error} />;
  return (
    <Stack>
      <PageTitle>{t('office.title')}</PageTitle>
      <Group wrap="wrap">
        <SchoolSelect pick={pick} />
        <SeasonSelect pick={pick} />
      </Group>
      <Section title={t('office.rules')}>
        {rules.data?.length ? (
          <List spacing="xs">
            {rules.data.map((r) => (
              <List.Item key={r.id}>
                {t('office.rule', {
                  label: r.label,
                  start: formatDate(r.startsOn),
                  end: formatDate(r.endsOn),
                  deadline: formatDate(r.deadline),
                  count: r.notifiedCount,
                })}
              </List.Item>
            ))}
          </List>
        ) : (
          <Text>{t('office.noRules')}</Text>
        )}
      </Section>
      {schoolId && seasonId ? (
        <Section title={t('office.newRule')}>
          <RuleForm key={`${schoolId}-${seasonId}`} schoolId={schoolId} seasonId={seasonId} />
        </Section>
      ) : null}
      <Section title={t('office.policy')}>
        {policy.data ? <PolicyForm key={schoolId} policy={policy.data} /> : null}
      </Section>
    </Stack>
  );
}
