import { Suspense, lazy, useState } from 'react';
import { Anchor, List, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import type { AgencyDashboard } from '../../features/agency/api';
import { TaskCard } from '../../features/agency/TasksPanel';

// recharts is the heaviest dependency of the office: it is fetched only when a dashboard has lead times to draw.
const LeadTimesChart = lazy(async () => ({
  default: (await import('../../features/agency/LeadTimesChart')).LeadTimesChart,
}));

/** One screen per service: today's tasks, the pipeline by stage and age, files at risk, lead times by month. */
export function AgencyDashboardPage() {
  const { t } = useTranslation(AGENCY_NS);
  const [service, setService] = useState('followup');
  const query = useQuery({
    queryKey: ['agency-dashboard', service],
    queryFn: () => apiGet<AgencyDashboard>('/api/dashboards/agency', { service }),
  });
  const d = query.data;
  return (
    <Stack>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <NativeSelect
        label={t('dashboard.service')}
        value={service}
        onChange={(e) => setService(e.currentTarget.value)}
        data={['sales', 'recruitment', 'followup', 'accounts'].map((s) => ({
          value: s,
          label: t(`dashboard.services.${s}`),
        }))}
        maw={300}
      />
      {!d ? (
        <QueryFallback error={query.error} />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Section title={t('dashboard.tasks')}>
            {d.myTasksToday.length === 0 ? (
              <Text>{t('tasks.none')}</Text>
            ) : (
              <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                {d.myTasksToday.map((task) => (
                  <TaskCard key={task.id} task={task} canComplete={false} />
                ))}
              </Stack>
            )}
          </Section>
          <Section title={t('pipeline.board')}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('pipeline.stageCol')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.count')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.medianAge')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.oldest')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.filesByStage.map((s) => (
                  <Table.Tr key={s.stage}>
                    <Table.Td>{t(`stage.${s.stage}`)}</Table.Td>
                    <Table.Td>{s.count}</Table.Td>
                    <Table.Td>{s.medianDaysInStage ?? '—'}</Table.Td>
                    <Table.Td>{s.oldestDays}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('pipeline.noLesson')}>
            {d.billableWithoutLesson.length === 0 ? (
              <Text>{t('file.none')}</Text>
            ) : (
              <List>
                {d.billableWithoutLesson.map((f) => (
                  <List.Item key={f.fileId}>
                    <Anchor component={Link} to={`/office/files/${f.fileId}`}>
                      {f.studentName}
                    </Anchor>
                  </List.Item>
                ))}
              </List>
            )}
          </Section>
          <Section title={t('dashboard.leadTimes')}>
            {d.leadTimes.requestToHandover.byMonth.length + d.leadTimes.handoverToFirstLesson.byMonth.length > 0 ? (
              <Suspense fallback={<Text size="sm">{t('dashboard.chartLoading')}</Text>}>
                <LeadTimesChart
                  requestToHandover={d.leadTimes.requestToHandover}
                  handoverToFirstLesson={d.leadTimes.handoverToFirstLesson}
                />
              </Suspense>
            ) : (
              <Text>{t('file.none')}</Text>
            )}
            <Table mt="md">
              <Table.Caption>{t('dashboard.tableCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('dashboard.month')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.requestToHandover')}</Table.Th>
                  <Table.Th scope="col">{t('dashboard.handoverToFirst')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[
                  ...new Set(
                    [...d.leadTimes.requestToHandover.byMonth, ...d.leadTimes.handoverToFirstLesson.byMonth].map(
                      (m) => m.month,
                    ),
                  ),
                ]
                  .sort()
                  .map((month) => (
                    <Table.Tr key={month}>
                      <Table.Td>{month}</Table.Td>
                      <Table.Td>
                        {d.leadTimes.requestToHandover.byMonth.find((m) => m.month === month)?.medianDays ?? '—'}
                      </Table.Td>
                      <Table.Td>
                        {d.leadTimes.handoverToFirstLesson.byMonth.find((m) => m.month === month)?.medianDays ?? '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
          </Section>
          <Section title={t('dashboard.fewLessons')}>
            <Text size="sm" mb="xs">
              {t('dashboard.fewLessonsRule', { min: d.fewLessons.minLessons, since: formatDate(d.fewLessons.since) })}
            </Text>
            <List>
              {d.teachersWithFewLessons.map((teacher) => (
                <List.Item key={teacher.teacherId}>
                  <Anchor component={Link} to={`/office/teachers/${teacher.teacherId}`}>
                    {teacher.name}
                  </Anchor>{' '}
                  · {teacher.lessons}
                </List.Item>
              ))}
            </List>
          </Section>
        </SimpleGrid>
      )}
    </Stack>
  );
}
