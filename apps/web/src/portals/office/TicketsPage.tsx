import { useState } from 'react';
import { Anchor, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { listTickets, ticketKeys } from '../../features/agency/api';
import { StatusBadge, TICKET_STATUSES } from '../../features/agency/ticket-status';

/** Accounts' queue: tickets by status, newest first. */
export function TicketsPage() {
  const { t } = useTranslation(AGENCY_NS);
  const [status, setStatus] = useState('open');
  const query = useQuery({ queryKey: ticketKeys.list(status), queryFn: () => listTickets(status || undefined) });
  return (
    <Stack>
      <PageTitle>{t('tickets.title')}</PageTitle>
      <NativeSelect
        label={t('tickets.statusFilter')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value)}
        data={[
          { value: '', label: t('tickets.all') },
          ...TICKET_STATUSES.map((s) => ({ value: s, label: t(`tickets.status.${s}`) })),
        ]}
        maw={300}
      />
      {!query.data ? (
        <QueryFallback error={query.error} />
      ) : query.data.length === 0 ? (
        <Text>{t('tickets.empty')}</Text>
      ) : (
        <ScrollTable label={t('tickets.list')} minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('tickets.subject')}</Table.Th>
                <Table.Th scope="col">{t('tickets.statusFilter')}</Table.Th>
                <Table.Th scope="col">{t('tickets.openedBy')}</Table.Th>
                <Table.Th scope="col">{t('tickets.createdAt')}</Table.Th>
                <Table.Th scope="col">{t('tickets.file')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((ticket) => (
                <Table.Tr key={ticket.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/tickets/${ticket.id}`}>
                      {ticket.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={ticket.status} />
                  </Table.Td>
                  <Table.Td>{ticket.openedBy ?? '—'}</Table.Td>
                  <Table.Td>{formatDateTime(ticket.createdAt)}</Table.Td>
                  <Table.Td>
                    {ticket.fileId ? (
                      <Anchor
                        component={Link}
                        to={`/office/files/${ticket.fileId}`}
                        aria-label={`${t('tickets.openFile')} : ${ticket.subject}`}
                      >
                        {t('tickets.openFile')}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
