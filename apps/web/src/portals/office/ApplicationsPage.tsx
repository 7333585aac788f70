import { Anchor, Badge, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { APPLICATION_STATUS_VALUES } from '../../features/teachers/document-categories';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { listApplications } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';

/** The applications board: one column per stage of the pipeline (stacked on a phone). */
export function ApplicationsPage() {
  const { t } = useTranslation(TL_NS);
  const query = useQuery({ queryKey: ['teacher-applications'], queryFn: listApplications });
  if (!query.data) return <QueryFallback error={query.error} />;
  const apps = query.data;
  return (
    <Stack>
      <PageTitle>{t('applications.title')}</PageTitle>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {APPLICATION_STATUS_VALUES.map((status) => {
          const items = apps.filter((a) => a.status === status);
          return (
            <Stack key={status} component="section" aria-label={t(`appStatus.${status}`)} gap="xs">
              <Title order={2} size="h4">
                {t(`appStatus.${status}`)} <Badge variant="light">{items.length}</Badge>
              </Title>
              {items.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('applications.empty')}
                </Text>
              ) : null}
              {items.map((a) => (
                <Card key={a.id} withBorder padding="sm">
                  <Anchor component={Link} to={`/office/teacher-applications/${a.id}`} fw={600}>
                    {a.firstName} {a.lastName}
                  </Anchor>
                  <Text size="sm">
                    {a.instruments.map((i) => t(`instrument.${i}`, { ns: AGENCY_NS, defaultValue: i })).join(', ')}
                    {a.city ? ` · ${a.city}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('applications.received', { date: formatDate(a.createdAt) })}
                  </Text>
                </Card>
              ))}
            </Stack>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
