import { useState } from 'react';
import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { CALENDAR_FEEDS_NS } from './calendar-feeds-i18n';
import * as api from './api';

const subjectKey = (s: api.Subject) => `${s.scope}-${s.schoolId ?? 'own'}`;

/** One calendar the account may subscribe to: its live link's dates, a new link (shown once), stop the link. */
function SubjectCard({ subject, feed }: { subject: api.Subject; feed: api.Feeds['feeds'][number] | undefined }) {
  const { t } = useTranslation(CALENDAR_FEEDS_NS);
  const client = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => api.createFeed(subject),
    onSuccess: async (created) => {
      setUrl(created.url);
      await client.invalidateQueries({ queryKey: api.FEEDS_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeFeed(id),
    onSuccess: (feeds) => {
      setUrl(null);
      client.setQueryData(api.FEEDS_KEY, feeds);
      notify(t('revoked'));
    },
  });
  const headingId = `feed-${subjectKey(subject)}`;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {t(`subjects.${subject.scope}`, { school: subject.schoolName ?? '' })}
        </Title>
        {feed ? (
          <Text size="sm">
            {t('active', { date: formatDate(feed.createdAt.slice(0, 10)) })}{' '}
            {feed.lastReadAt ? t('lastRead', { date: formatDateTime(feed.lastReadAt) }) : t('neverRead')}
          </Text>
        ) : (
          <Text size="sm">{t('none')}</Text>
        )}
        {url ? (
          <Group align="end" gap="xs" wrap="nowrap">
            <TextInput
              label={t('url')}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? t('copied') : t('copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : null}
        <Group gap="xs">
          <Button onClick={() => create.mutate()} loading={create.isPending}>
            {feed ? t('replace') : t('create')}
          </Button>
          {feed ? (
            <Button variant="default" color="red" onClick={() => revoke.mutate(feed.id)} loading={revoke.isPending}>
              {t('revoke')}
            </Button>
          ) : null}
        </Group>
        {create.error ? <ProblemAlert error={create.error} /> : null}
        {revoke.error ? <ProblemAlert error={revoke.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** /…/calendar (each portal): private calendar links to the account's lessons, for a calendar app. */
export function CalendarFeedsPage() {
  const { t } = useTranslation(CALENDAR_FEEDS_NS);
  const query = useQuery({ queryKey: api.FEEDS_KEY, queryFn: api.calendarFeeds });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const { feeds, subjects } = query.data;
  return (
    <Stack gap="md" maw={720}>
      <PageTitle>{t('title')}</PageTitle>
      <Text>{t('intro')}</Text>
      <Text size="sm">{t('secret')}</Text>
      {subjects.length === 0 ? <Text>{t('nothing')}</Text> : null}
      {subjects.map((subject) => (
        <SubjectCard
          key={subjectKey(subject)}
          subject={subject}
          feed={feeds.find((f) => f.scope === subject.scope && f.schoolId === subject.schoolId)}
        />
      ))}
    </Stack>
  );
}
