import { Anchor, Button, Group, List, Stack, Table, Text } from '@mantine/core';
import { IconCalendarShare, IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { calendarFeedPath, getSchoolCalendar, getSeason, schoolsKeys } from './api';
import { closedPeriods } from './calendar-periods';
import { SCHOOLS_NS } from './schools-i18n';
import { WEEKDAYS } from './timetable-grid';

/** /office/schools/:id/calendar/:seasonId: a school's season calendar, printable, with its iCal feed. */
export function SchoolCalendarPage() {
  const { id = '', seasonId = '' } = useParams();
  const { t } = useTranslation(SCHOOLS_NS);
  const calendar = useQuery({
    queryKey: schoolsKeys.calendar(id, seasonId),
    queryFn: () => getSchoolCalendar(id, seasonId),
  });
  const season = useQuery({ queryKey: schoolsKeys.season(seasonId), queryFn: () => getSeason(seasonId) });
  if (!calendar.data) return <QueryFallback error={calendar.error} />;
  const c = calendar.data;
  const feed = `${window.location.origin}${calendarFeedPath(id, seasonId)}`;
  const periods = closedPeriods(c.days);
  const openDays = c.days.filter((d) => d.open && d.label);
  const range = (start: string, end: string) =>
    start === end ? formatDate(start) : t('seasons.period', { start: formatDate(start), end: formatDate(end) });
  return (
    <Stack className="harmonie-printable">
      <PageTitle
        actions={
          <Button
            className="harmonie-no-print"
            variant="default"
            leftSection={<IconPrinter size={16} aria-hidden />}
            onClick={() => window.print()}
          >
            {t('calendar.print')}
          </Button>
        }
      >
        {t('calendar.title', { season: c.season.name, school: c.school.name })}
      </PageTitle>
      <Group className="harmonie-no-print" gap="xs">
        <IconCalendarShare size={18} aria-hidden />
        <Anchor href={feed}>{t('calendar.ical')}</Anchor>
        <Text size="sm" c="dimmed">
          {t('calendar.icalHint')}
        </Text>
      </Group>
      <Text>
        {t('seasons.period', { start: formatDate(c.season.start), end: formatDate(c.season.end) })} ·{' '}
        {t(`zone.${c.school.holidayZone}`)}
      </Text>
      {season.data ? (
        <Section title={t('calendar.terms')}>
          <List>
            {season.data.terms.map((term) => (
              <List.Item key={term.name}>
                {term.name} : {range(term.start, term.end)}
              </List.Item>
            ))}
          </List>
        </Section>
      ) : null}
      <Section title={t('calendar.closed')}>
        {periods.length === 0 ? (
          <Text c="dimmed">{t('calendar.noClosed')}</Text>
        ) : (
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('seasons.dates')}</Table.Th>
                <Table.Th>{t('calendar.what')}</Table.Th>
                <Table.Th>{t('seasons.label')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {periods.map((p) => (
                <Table.Tr key={p.start}>
                  <Table.Td>{range(p.start, p.end)}</Table.Td>
                  <Table.Td>{t(`calendar.reason.${p.reason}`)}</Table.Td>
                  <Table.Td>{p.label}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {openDays.length ? (
        <Section title={t('seasons.entryKind.open_day')}>
          <List>
            {openDays.map((d) => (
              <List.Item key={d.date}>
                {formatDate(d.date)} : {d.label}
              </List.Item>
            ))}
          </List>
        </Section>
      ) : null}
      <Section title={t('calendar.lessonDays')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              {WEEKDAYS.map((d) => (
                <Table.Th key={d}>{t(`weekday.${d}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              {WEEKDAYS.map((d) => (
                <Table.Td key={d}>{c.lessonDaysByWeekday[String(d)] ?? 0}</Table.Td>
              ))}
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Section>
      {c.suggestedBridges.length ? (
        <Section title={t('calendar.suggested')}>
          <List>
            {c.suggestedBridges.map((b) => (
              <List.Item key={b.start}>
                {range(b.start, b.end)} : {b.reason}
              </List.Item>
            ))}
          </List>
        </Section>
      ) : null}
    </Stack>
  );
}
