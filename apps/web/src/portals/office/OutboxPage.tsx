import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { useKeysetList } from '../../ui/use-keyset-list';
import { listOutbox } from '../../features/outbox/api';
import { ScrollTable } from '../../ui/ScrollTable';
import { PersonalLinksNotice } from '../../features/outbox/PersonalLinksNotice';

const STATUS_COLORS = { stored: 'gray', sent: 'green', failed: 'red' } as const;

export function OutboxPage() {
  const { t } = useTranslation();
  const list = useKeysetList(['outbox'], listOutbox);
  return (
    <Stack>
      <PageTitle>{t('outbox.title')}</PageTitle>
      {list.data?.pages[0] ? <PersonalLinksNotice linksShown={list.data.pages[0].linksShown} /> : null}
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} />
      ) : list.items.length === 0 ? (
        <Text>{t('outbox.empty')}</Text>
      ) : (
        <ScrollTable label={t('outbox.title')} minWidth={600}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('outbox.date')}</Table.Th>
                <Table.Th scope="col">{t('outbox.to')}</Table.Th>
                <Table.Th scope="col">{t('outbox.subject')}</Table.Th>
                <Table.Th scope="col">{t('outbox.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((message) => (
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
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Stack>
  );
}
