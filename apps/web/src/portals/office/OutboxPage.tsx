import { Anchor, Badge, Stack, Table } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { PageTitle } from '../../ui/PageTitle';
import { useKeysetList } from '../../ui/use-keyset-list';
import { listOutbox } from '../../features/outbox/api';
import { PersonalLinksNotice } from '../../features/outbox/PersonalLinksNotice';

const STATUS_COLORS = { stored: 'gray', sent: 'green', failed: 'red' } as const;

export function OutboxPage() {
  const { t } = useTranslation();
  const list = useKeysetList(['outbox'], listOutbox);
  return (
    <Stack>
      <PageTitle>{t('outbox.title')}</PageTitle>
      {list.data?.pages[0] ? <PersonalLinksNotice linksShown={list.data.pages[0].linksShown} /> : null}
      <LoadMoreTable
        list={list}
        label={t('outbox.title')}
        minWidth={600}
        highlightOnHover
        empty={t('outbox.empty')}
        columns={[t('outbox.date'), t('outbox.to'), t('outbox.subject'), t('outbox.status')]}
        row={(message) => (
          <Table.Tr key={message.id}>
            <Table.Td>{formatDateTime(message.createdAt)}</Table.Td>
            <Table.Td>{message.to}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/office/outbox/${message.id}`}>
                {message.subject}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Badge variant="dot" color={STATUS_COLORS[message.status]}>
                {t(`outbox.statuses.${message.status}`)}
              </Badge>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
