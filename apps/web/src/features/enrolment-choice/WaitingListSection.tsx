import { Badge, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { CHOICE_NS } from './choice-i18n';
import { choiceKeys, waitingList } from './api';

/** A course's waiting list for the secretariat: open offers first (with their expiry), then who waits, in order. */
export function WaitingListSection({ courseId }: { courseId: string }) {
  const { t } = useTranslation(CHOICE_NS);
  const list = useQuery({ queryKey: choiceKeys.waitingList(courseId), queryFn: () => waitingList(courseId) });
  return (
    <Section title={t('office.waitingList')}>
      {!list.data ? (
        <QueryFallback error={list.error} asPage={false} />
      ) : (
        <Stack>
          <Text>{t('office.seatsLeft', { count: list.data.seatsLeft, capacity: list.data.capacity })}</Text>
          {list.data.entries.length === 0 ? (
            <Text>{t('office.waitingEmpty')}</Text>
          ) : (
            <ScrollTable label={t('office.waitingTable')} minWidth={560}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('office.position')}</Table.Th>
                    <Table.Th>{t('office.student')}</Table.Th>
                    <Table.Th>{t('office.family')}</Table.Th>
                    <Table.Th>{t('office.since')}</Table.Th>
                    <Table.Th>{t('office.state')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.entries.map((e) => (
                    <Table.Tr key={e.id}>
                      <Table.Td>{e.position ?? '—'}</Table.Td>
                      <Table.Td>{e.studentName}</Table.Td>
                      <Table.Td>{e.familyName}</Table.Td>
                      <Table.Td>{formatDateTime(e.waitingSince)}</Table.Td>
                      <Table.Td>
                        {e.status === 'offered' ? (
                          <Badge color="orange.9">
                            {t('office.offered', { date: formatDateTime(e.offerExpiresAt) })}
                          </Badge>
                        ) : (
                          t('office.waiting')
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </Stack>
      )}
    </Section>
  );
}
