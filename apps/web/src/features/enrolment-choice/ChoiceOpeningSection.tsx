import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { CHOICE_NS } from './choice-i18n';
import { choiceKeys, choiceOpening, setChoiceOpening } from './api';

function OpeningForm({ seasonId, opensAt }: { seasonId: string; opensAt: string }) {
  const { t } = useTranslation(CHOICE_NS);
  const client = useQueryClient();
  const form = useForm({ initialValues: { opensAt } });
  const { submit, pending, error } = useSubmit(form, (v) => setChoiceOpening(seasonId, v.opensAt), {
    success: t('office.openingSaved'),
    onSuccess: () => client.invalidateQueries({ queryKey: choiceKeys.opening(seasonId) }),
  });
  return (
    <form aria-label={t('office.opening')} onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <TextInput type="date" label={t('office.opensAt')} required {...form.getInputProps('opensAt')} />
          <Button type="submit" loading={pending}>
            {t('office.setOpening')}
          </Button>
        </Group>
        {error ? <ProblemAlert error={error} /> : null}
      </Stack>
    </form>
  );
}

/** The date the season opens to new students (timetable choice), and the campaign's deadline that comes first. */
export function ChoiceOpeningSection({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation(CHOICE_NS);
  const opening = useQuery({ queryKey: choiceKeys.opening(seasonId), queryFn: () => choiceOpening(seasonId) });
  return (
    <Section title={t('office.opening')}>
      {!opening.data ? (
        <QueryFallback error={opening.error} asPage={false} />
      ) : (
        <Stack>
          {opening.data.priorityDeadline ? (
            <Text>{t('office.openingCampaign', { date: formatDate(opening.data.priorityDeadline) })}</Text>
          ) : null}
          <Text>
            {opening.data.opensAt
              ? t('office.openingSet', { date: formatDate(opening.data.opensAt.slice(0, 10)) })
              : t('office.openingNone')}
          </Text>
          <OpeningForm
            key={opening.data.opensAt ?? ''}
            seasonId={seasonId}
            opensAt={opening.data.opensAt?.slice(0, 10) ?? ''}
          />
        </Stack>
      )}
    </Section>
  );
}
