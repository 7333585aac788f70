import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, organisationToday } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { AGENCY_NS } from './agency-i18n';
import { listLessons } from './api';

const GIVEN = new Set(['done', 'late']);

function shiftMonth(month: string, by: number): string {
  const d = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * A month of lessons, oldest first: the office sees everyone's (with links to the files), a teacher their own.
 * The API decides what each caller may see; this page only chooses the columns.
 */
export function LessonsMonthPage({ audience }: { audience: 'office' | 'teacher' }) {
  const { t, i18n } = useTranslation(AGENCY_NS);
  const [month, setMonth] = useState(() => organisationToday().slice(0, 7));
  const list = useKeysetList(['lessons-month', audience, month], (cursor) => listLessons({ month, cursor }));
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
  const given = list.items.filter((l) => GIVEN.has(l.status));
  return (
    <Stack>
      <PageTitle>{audience === 'teacher' ? t('lessonsMonth.myTitle') : t('lessonsMonth.title')}</PageTitle>
      <Group align="flex-end" wrap="wrap">
        <Button variant="default" onClick={() => setMonth(shiftMonth(month, -1))}>
          {t('lessonsMonth.previous')}
        </Button>
        <TextInput
          label={t('lessonsMonth.month')}
          type="month"
          value={month}
          onChange={(e) => e.currentTarget.value && setMonth(e.currentTarget.value)}
        />
        <Button variant="default" onClick={() => setMonth(shiftMonth(month, 1))}>
          {t('lessonsMonth.next')}
        </Button>
      </Group>
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} asPage={false} />
      ) : list.items.length === 0 ? (
        <Text>{t('lessonsMonth.empty')}</Text>
      ) : (
        <>
          <Text aria-live="polite">
            {t('lessonsMonth.summary', {
              count: list.items.length,
              minutes: given.reduce((sum, l) => sum + l.minutes, 0),
            })}
          </Text>
          <ScrollTable label={t('lessonsMonth.tableLabel', { month: monthName })} minWidth={640}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('lessonsMonth.date')}</Table.Th>
                  <Table.Th scope="col">{t('lessonsMonth.student')}</Table.Th>
                  {audience === 'office' ? <Table.Th scope="col">{t('lessonsMonth.teacher')}</Table.Th> : null}
                  <Table.Th scope="col">{t('lessonsMonth.instrument')}</Table.Th>
                  <Table.Th scope="col">{t('lessonsMonth.minutes')}</Table.Th>
                  <Table.Th scope="col">{t('lessonsMonth.status')}</Table.Th>
                  <Table.Th scope="col">{t('lessonsMonth.response')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.items.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{formatDate(l.date)}</Table.Td>
                    <Table.Td>
                      {audience === 'office' && l.fileId ? (
                        <Anchor component={Link} to={`/office/files/${l.fileId}`}>
                          {l.studentName}
                        </Anchor>
                      ) : (
                        l.studentName
                      )}
                    </Table.Td>
                    {audience === 'office' ? <Table.Td>{l.teacherName}</Table.Td> : null}
                    <Table.Td>
                      {l.instrument ? t(`instrument.${l.instrument}`, { defaultValue: l.instrument }) : ''}
                    </Table.Td>
                    <Table.Td>{t('lessonsMonth.minutesValue', { count: l.minutes })}</Table.Td>
                    <Table.Td>{t(`lessonStatus.${l.status}`, { defaultValue: l.status })}</Table.Td>
                    <Table.Td>
                      {l.familyResponse === 'confirmed'
                        ? t('portal.confirmed')
                        : l.familyResponse === 'disputed'
                          ? `${t('portal.disputed')}${l.disputeReason ? ` — ${l.disputeReason}` : ''}`
                          : ''}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        </>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Stack>
  );
}
