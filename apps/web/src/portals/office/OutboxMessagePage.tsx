import { Anchor, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { getOutboxMessage } from '../../features/outbox/api';
import { LinkifiedText } from '../../features/outbox/LinkifiedText';
import { PersonalLinksNotice } from '../../features/outbox/PersonalLinksNotice';

export function OutboxMessagePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const query = useQuery({ queryKey: ['outbox', 'message', id], queryFn: () => getOutboxMessage(id) });
  const message = query.data;
  if (!message) return <QueryFallback error={query.error} />;
  const rows: [string, string][] = [
    [t('outbox.to'), message.to],
    [t('outbox.date'), formatDateTime(message.createdAt)],
    [t('outbox.status'), t(`outbox.statuses.${message.status}`)],
  ];
  return (
    <Stack>
      <Anchor component={Link} to="/office/outbox">
        {t('actions.back')}
      </Anchor>
      <PageTitle>{message.subject}</PageTitle>
      <PersonalLinksNotice linksShown={message.linksShown} />
      <dl className="details">
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="sm" fw={600}>
              {label}
            </Text>
            <Text component="dd" size="sm">
              {value}
            </Text>
          </div>
        ))}
      </dl>
      <Paper withBorder p="md" radius="md">
        <LinkifiedText text={message.text} />
      </Paper>
    </Stack>
  );
}
