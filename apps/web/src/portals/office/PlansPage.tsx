import { Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-pages-i18n';
import { listPlans, type Plan } from '../../features/agency/api';
import { createPlan, updatePlan } from '../../features/agency/pages-api';
import { useMe } from '../../features/auth/use-me';
import { euros } from '../../features/billing/billing-i18n';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';

/** Who creates and changes plans (the API's agency.manage: the director). */
const PLAN_MANAGERS = ['admin'] as const;

function CreatePlanForm() {
  const { t } = useTranslation(AGENCY_NS);
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      name: '',
      lessonMinutes: 45 as number | string,
      frequency: 'weekly',
      lessonsPerSeason: 30 as number | string,
      price: '' as number | string,
      billingPeriod: 'monthly',
    },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      createPlan({
        name: v.name,
        lessonMinutes: Number(v.lessonMinutes),
        frequency: v.frequency as Plan['frequency'],
        lessonsPerSeason: Number(v.lessonsPerSeason),
        priceCents: Math.round(Number(v.price) * 100),
        billingPeriod: v.billingPeriod,
        active: true,
      }),
    onSuccess: () => {
      form.reset();
      void client.invalidateQueries({ queryKey: ['plans'] });
      notify(t('pages.plans.created'));
    },
    onError: (error) => applyProblemToForm(form, error, { priceCents: 'price' }),
  });
  return (
    <Section title={t('pages.plans.create')}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v))} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('pages.plans.name')} {...form.getInputProps('name')} />
            <NumberInput label={t('pages.plans.lessonMinutes')} {...form.getInputProps('lessonMinutes')} />
            <NativeSelect
              label={t('pages.plans.frequency')}
              data={['weekly', 'fortnightly'].map((f) => ({ value: f, label: t(`pages.plans.frequencies.${f}`) }))}
              {...form.getInputProps('frequency')}
            />
            <NumberInput label={t('pages.plans.lessonsPerSeason')} {...form.getInputProps('lessonsPerSeason')} />
            <NumberInput label={t('pages.plans.price')} decimalScale={2} {...form.getInputProps('price')} />
            <NativeSelect
              label={t('pages.plans.billingPeriod')}
              data={['monthly', 'termly', 'yearly'].map((p) => ({ value: p, label: t(`pages.plans.periods.${p}`) }))}
              {...form.getInputProps('billingPeriod')}
            />
          </SimpleGrid>
          {create.error && !Object.keys(form.errors).length ? <ProblemAlert error={create.error} /> : null}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('pages.plans.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** The plans (formules): everyone of the agency reads them; the director creates them and turns them on or off. */
export function PlansPage() {
  const { t, i18n } = useTranslation(AGENCY_NS);
  const { data: me } = useMe();
  const canManage = !!me && hasAnyRole(me.roles, PLAN_MANAGERS);
  const client = useQueryClient();
  const plans = useQuery({ queryKey: ['plans'], queryFn: listPlans });
  const toggle = useMutation({
    mutationFn: (plan: Plan) => updatePlan(plan.id, { version: plan.version, active: !plan.active }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['plans'] });
      notify(t('pages.plans.updated'));
    },
  });
  if (!plans.data) return <QueryFallback error={plans.error} />;
  return (
    <Stack>
      <PageTitle>{t('pages.plans.title')}</PageTitle>
      <Text>{t('pages.plans.intro')}</Text>
      {toggle.error ? <ProblemAlert error={toggle.error} /> : null}
      {plans.data.length === 0 ? (
        <Text>{t('pages.plans.none')}</Text>
      ) : (
        <ScrollTable label={t('pages.plans.title')} minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pages.plans.name')}</Table.Th>
                <Table.Th>{t('pages.plans.lessonMinutes')}</Table.Th>
                <Table.Th>{t('pages.plans.frequency')}</Table.Th>
                <Table.Th>{t('pages.plans.lessonsPerSeason')}</Table.Th>
                <Table.Th>{t('pages.plans.price')}</Table.Th>
                <Table.Th>{t('pages.plans.billingPeriod')}</Table.Th>
                <Table.Th>{t('pages.plans.active')}</Table.Th>
                {canManage ? <Table.Th>{t('pages.plans.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((plan) => (
                <Table.Tr key={plan.id}>
                  <Table.Td>{plan.name}</Table.Td>
                  <Table.Td>{plan.lessonMinutes}</Table.Td>
                  <Table.Td>{t(`pages.plans.frequencies.${plan.frequency}`)}</Table.Td>
                  <Table.Td>{plan.lessonsPerSeason}</Table.Td>
                  <Table.Td>{euros(plan.priceCents, i18n.language)}</Table.Td>
                  <Table.Td>{t(`pages.plans.periods.${plan.billingPeriod}`)}</Table.Td>
                  <Table.Td>{plan.active ? t('pages.plans.yes') : t('pages.plans.no')}</Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <Button size="xs" variant="light" onClick={() => toggle.mutate(plan)} loading={toggle.isPending}>
                        {t(plan.active ? 'pages.plans.deactivate' : 'pages.plans.activate', { name: plan.name })}
                      </Button>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {canManage ? <CreatePlanForm /> : null}
    </Stack>
  );
}
