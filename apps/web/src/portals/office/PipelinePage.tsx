import { useState } from 'react';
import { Anchor, Badge, Checkbox, Group, NativeSelect, SimpleGrid, Paper, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { PageTitle } from '../../ui/PageTitle';
import { Section } from '../../ui/Section';
import { useKeysetList } from '../../ui/use-keyset-list';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { listFiles } from '../../features/agency/api';

const STAGES = [
  'new_request',
  'subscribed',
  'matching',
  'contact_handed_over',
  'first_lesson_scheduled',
  'ongoing',
  'closed',
];

/** The pipeline for staff: counts by stage, then the files, oldest in their stage first. */
export function PipelinePage() {
  const { t } = useTranslation(AGENCY_NS);
  const [stage, setStage] = useState('');
  const [needsAction, setNeedsAction] = useState(false);
  const board = useQuery({
    queryKey: ['agency-board'],
    queryFn: () =>
      apiGet<{ filesByStage: { stage: string; count: number; oldestDays: number }[] }>('/api/dashboards/agency', {
        service: 'followup',
      }),
  });
  const list = useKeysetList(['agency-files', stage, needsAction], (cursor) =>
    listFiles({ stage: stage || undefined, needsAction: needsAction ? 'today' : undefined, cursor }),
  );
  return (
    <Stack>
      <PageTitle>{t('pipeline.title')}</PageTitle>
      <Section title={t('pipeline.board')}>
        <SimpleGrid cols={{ base: 2, sm: 3, md: 6 }}>
          {STAGES.filter((s) => s !== 'closed').map((s) => {
            const entry = board.data?.filesByStage.find((b) => b.stage === s);
            return (
              <Paper
                key={s}
                withBorder
                p="sm"
                component="button"
                type="button"
                onClick={() => setStage(s)}
                style={{ cursor: 'pointer', textAlign: 'left', background: 'transparent' }}
              >
                <Text size="sm">{t(`stage.${s}`)}</Text>
                <Text fw={700} size="xl">
                  {entry?.count ?? 0}
                </Text>
              </Paper>
            );
          })}
        </SimpleGrid>
      </Section>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('pipeline.stageFilter')}
          value={stage}
          onChange={(e) => setStage(e.currentTarget.value)}
          data={[{ value: '', label: t('pipeline.all') }, ...STAGES.map((s) => ({ value: s, label: t(`stage.${s}`) }))]}
        />
        <Checkbox
          label={t('pipeline.needsAction')}
          checked={needsAction}
          onChange={(e) => setNeedsAction(e.currentTarget.checked)}
        />
      </Group>
      <LoadMoreTable
        list={list}
        minWidth={640}
        highlightOnHover
        empty={t('pipeline.empty')}
        columns={[
          t('pipeline.student'),
          t('request.instrument'),
          t('pipeline.stageCol'),
          t('pipeline.age'),
          t('file.markers'),
        ]}
        row={(f) => (
          <Table.Tr key={f.id}>
            <Table.Td>
              <Anchor component={Link} to={`/office/files/${f.id}`}>
                {f.studentName}
              </Anchor>
              <Text size="xs">{f.city ?? ''}</Text>
            </Table.Td>
            <Table.Td>{t(`instrument.${f.instrument}`, { defaultValue: f.instrument })}</Table.Td>
            <Table.Td>{t(`stage.${f.stage}`)}</Table.Td>
            <Table.Td>{t('pipeline.days', { count: f.daysInStage })}</Table.Td>
            <Table.Td>
              <Group gap={4}>
                {f.overdue ? <Badge color="orange.9">{t('pipeline.overdue')}</Badge> : null}
                {f.noLessonWhileBillable ? <Badge color="red.9">{t('pipeline.noLesson')}</Badge> : null}
                {f.duplicateFamilyId ? <Badge color="grape.9">{t('pipeline.duplicate')}</Badge> : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
