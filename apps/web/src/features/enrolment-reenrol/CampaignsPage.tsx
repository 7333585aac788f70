import { Anchor, Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ReenrolmentCampaign } from '@contracts';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { currentSeason, listSeasons, schoolsKeys, type SeasonView } from '../schools/api';
import { REENROL_NS } from './reenrol-i18n';
import * as api from './api';

/** "14, 7, 2" → [14, 7, 2]; empty → null (the setting); undefined when the text is not such a list. */
export function parseReminderDays(text: string): number[] | null | undefined {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.length) return null;
  const days = parts.map(Number);
  if (days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 90)) return undefined;
  return days;
}

/** The season after `from` (by start date), if any. */
const seasonAfter = (seasons: readonly SeasonView[], fromId: string) =>
  [...seasons]
    .sort((a, b) => a.start.localeCompare(b.start))
    .find((s) => {
      const from = seasons.find((x) => x.id === fromId);
      return from ? s.start > from.start : false;
    });

/** The campaign from a season to the next: the deadline and reminders default to the settings when left empty. */
function OpenCampaignForm({ seasons }: { seasons: SeasonView[] }) {
  const { t } = useTranslation(REENROL_NS);
  const client = useQueryClient();
  const fromId = currentSeason(seasons, organisationToday())?.id ?? '';
  const form = useForm({
    initialValues: {
      fromSeasonId: fromId,
      toSeasonId: seasonAfter(seasons, fromId)?.id ?? '',
      priorityDeadline: '',
      reminderDays: '',
    },
  });
  const { submit, pending, error } = useSubmit(
    form,
    async (v) => {
      const reminderDays = parseReminderDays(v.reminderDays);
      if (reminderDays === undefined) {
        form.setFieldError('reminderDays', t('office.reminderInvalid'));
        return null;
      }
      return api.openCampaign({
        fromSeasonId: v.fromSeasonId,
        toSeasonId: v.toSeasonId,
        priorityDeadline: v.priorityDeadline || null,
        reminderDays,
      });
    },
    {
      onSuccess: async (campaign) => {
        if (!campaign) return;
        notify(t('office.opened', { count: campaign.packs }));
        form.reset();
        await client.invalidateQueries({ queryKey: api.officeKeys.campaigns });
      },
    },
  );
  const options = seasons.map((s) => ({ value: s.id, label: s.name }));
  return (
    <form aria-label={t('office.open')} onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack>
        <Text size="sm">{t('office.openHint')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={t('office.fromSeason')}
            required
            data={options}
            {...form.getInputProps('fromSeasonId')}
          />
          <NativeSelect
            label={t('office.toSeason')}
            required
            data={[{ value: '', label: '—' }, ...options]}
            {...form.getInputProps('toSeasonId')}
          />
          <TextInput type="date" label={t('office.deadlineOptional')} {...form.getInputProps('priorityDeadline')} />
          <TextInput
            label={t('office.reminderDays')}
            description={t('office.reminderHint')}
            inputMode="numeric"
            {...form.getInputProps('reminderDays')}
          />
        </SimpleGrid>
        {error ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={pending}>
            {t('office.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CampaignsTable({ campaigns, seasons }: { campaigns: ReenrolmentCampaign[]; seasons: SeasonView[] }) {
  const { t } = useTranslation(REENROL_NS);
  const name = (id: string) => seasons.find((s) => s.id === id)?.name ?? '';
  if (!campaigns.length) return <Text c="dimmed">{t('office.none')}</Text>;
  return (
    <ScrollTable label={t('office.table')} minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('office.seasons')}</Table.Th>
            <Table.Th>{t('office.deadline')}</Table.Th>
            <Table.Th>{t('office.reminders')}</Table.Th>
            <Table.Th>{t('office.status')}</Table.Th>
            <Table.Th>{t('office.packs')}</Table.Th>
            <Table.Th>{t('office.seatsHeld')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {campaigns.map((c) => {
            const seasonsText = { from: name(c.fromSeasonId), to: name(c.toSeasonId) };
            return (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/office/reenrolment/${c.id}`}
                    aria-label={t('office.progressLink', seasonsText)}
                  >
                    {t('office.seasonsText', seasonsText)}
                  </Anchor>
                </Table.Td>
                <Table.Td>{formatDate(c.priorityDeadline)}</Table.Td>
                <Table.Td>
                  {c.reminderDays.length ? t('office.remindersText', { days: c.reminderDays.join(', ') }) : '—'}
                </Table.Td>
                <Table.Td>
                  <Badge color={c.status === 'open' ? 'green.8' : 'gray.7'}>
                    {c.status === 'open' ? t('office.statusOpen') : t('office.statusClosed')}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.packs}</Table.Td>
                <Table.Td>{c.seatsHeld}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** /office/reenrolment: the secretariat's re-enrolment campaigns, and opening the next one. */
export function CampaignsPage() {
  const { t } = useTranslation(REENROL_NS);
  const campaigns = useQuery({ queryKey: api.officeKeys.campaigns, queryFn: api.listCampaigns });
  const seasons = useQuery({ queryKey: schoolsKeys.seasons, queryFn: listSeasons });
  if (!campaigns.data || !seasons.data) return <QueryFallback error={campaigns.error ?? seasons.error} />;
  return (
    <Stack>
      <PageTitle>{t('office.title')}</PageTitle>
      <Section title={t('office.campaigns')}>
        <CampaignsTable campaigns={campaigns.data} seasons={seasons.data} />
      </Section>
      <Section title={t('office.open')}>
        <OpenCampaignForm seasons={seasons.data} />
      </Section>
    </Stack>
  );
}
