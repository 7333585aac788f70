import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea, Timeline } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { listIncidents, reportIncident } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';

const KINDS = ['lateness', 'late_cancellation', 'behaviour', 'other'] as const;

/** Incidents over time on the teacher's page, and a form to record one. */
export function IncidentsSection({ teacherId }: { teacherId: string }) {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const key = ['teacher-incidents', teacherId];
  const query = useQuery({ queryKey: key, queryFn: () => listIncidents(teacherId) });
  const form = useForm({
    initialValues: { kind: 'lateness' as (typeof KINDS)[number], occurredOn: organisationToday(), description: '' },
  });
  const report = useMutation({
    mutationFn: (v: typeof form.values) => reportIncident(teacherId, v),
    onSuccess: async () => {
      form.reset();
      notify(t('incidents.reported'));
      await client.invalidateQueries({ queryKey: key });
    },
    onError: (e) => applyProblemToForm(form, e),
  });
  return (
    <Section title={t('incidents.title')}>
      <Stack>
        {!query.data ? (
          <QueryFallback error={query.error} asPage={false} />
        ) : query.data.length === 0 ? (
          <Text c="dimmed">{t('incidents.empty')}</Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2}>
            {query.data.map((i) => (
              <Timeline.Item key={i.id} title={`${formatDate(i.occurredOn)} — ${t(`incidentKind.${i.kind}`)}`}>
                <Text size="sm">{i.description}</Text>
                <Text size="xs" c="dimmed">
                  {t('incidents.by', { name: i.reporterName })}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
        <form onSubmit={form.onSubmit((v) => report.mutate(v))}>
          <Stack>
            <Group grow wrap="wrap" align="flex-start">
              <NativeSelect
                label={t('incidents.kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`incidentKind.${k}`) }))}
                miw={200}
                {...form.getInputProps('kind')}
              />
              <TextInput
                type="date"
                label={t('incidents.occurredOn')}
                required
                miw={160}
                {...form.getInputProps('occurredOn')}
              />
            </Group>
            <Textarea
              label={t('incidents.description')}
              required
              autosize
              minRows={2}
              {...form.getInputProps('description')}
            />
            {report.error && !Object.keys(form.errors).length ? <ProblemAlert error={report.error} /> : null}
            <Group>
              <Button type="submit" variant="default" loading={report.isPending}>
                {t('incidents.report')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}
