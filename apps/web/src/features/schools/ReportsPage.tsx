import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReportFigures } from '@contracts';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { getSeasonReport, schoolsKeys, seasonReportCsvUrl } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { SeasonSelect, useSeasonPick } from './use-season-pick';

type Row = { key: string; title: string; cells: string[]; strong?: boolean };

/**
 * Rows under their headings: a table on a wide screen, one card per row on a phone (a table of ten columns does not
 * fit 390 px; each card lists the row's figures under their headings).
 */
function FiguresTable({ caption, headings, rows }: { caption: string; headings: string[]; rows: Row[] }) {
  const wide = useMediaQuery('(min-width: 62em)', true);
  if (!wide) {
    return (
      <Stack gap="sm" role="list" aria-label={caption}>
        {rows.map((row) => (
          <Card key={row.key} withBorder role="listitem">
            <Title order={3} size="h4" mb="xs">
              {row.title}
            </Title>
            <SimpleGrid cols={2} spacing="xs" component="dl" m={0}>
              {headings.slice(1).map((heading, i) => (
                <div key={heading}>
                  <Text component="dt" size="sm" c="dimmed">
                    {heading}
                  </Text>
                  <Text component="dd" m={0} fw={row.strong ? 700 : undefined}>
                    {row.cells[i]}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <ScrollTable label={caption} minWidth={headings.length * 110}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headings.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} fw={row.strong ? 700 : undefined}>
              <Table.Th scope="row">{row.title}</Table.Th>
              {row.cells.map((cell, i) => (
                <Table.Td key={headings[i + 1]}>{cell}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** /office/reports: a season's figures per school and for the network, with the CSV to download. */
export function ReportsPage() {
  const { t, i18n } = useTranslation(SCHOOLS_NS);
  const pick = useSeasonPick();
  const seasonId = pick.season?.id ?? '';
  const report = useQuery({
    queryKey: schoolsKeys.report(seasonId),
    queryFn: () => getSeasonReport(seasonId),
    enabled: !!seasonId,
  });
  if (!pick.ready) return <QueryFallback error={pick.error} />;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const hours = (minutes: number) => t('reports.hoursValue', { hours: number.format(minutes / 60) });
  const percent = (value: number | null) => (value == null ? '—' : `${number.format(value)} %`);
  const summary = (title: string, key: string, f: ReportFigures, strong = false): Row => ({
    key,
    title,
    strong,
    cells: [
      t('reports.coursesValue', { count: f.courses, individual: f.individual, group: f.group }),
      String(f.suspended),
      hours(f.weeklyMinutes),
      String(f.seats),
      t('reports.lessonsValue', { lessons: f.lessons, toDate: f.lessonsToDate }),
      t('reports.distanceValue', { periods: f.distancePeriods, lessons: f.distanceLessons }),
      String(f.teachers),
      t('reports.roomsValue', {
        rooms: f.rooms,
        booked: hours(f.bookedMinutes),
        occupancy: percent(f.occupancyPercent),
      }),
    ],
  });
  const headings = [
    t('reports.scope'),
    t('reports.courses'),
    t('reports.suspended'),
    t('reports.weeklyHours'),
    t('reports.seats'),
    t('reports.lessons'),
    t('reports.distance'),
    t('reports.teachers'),
    t('reports.rooms'),
  ];
  const enrolment = (title: string, key: string, f: ReportFigures, strong = false): Row => ({
    key,
    title,
    strong,
    cells: [
      String(f.students),
      t('reports.placesValue', { enrolled: f.enrolled, held: f.held, offers: f.offers }),
      t('reports.freeValue', { free: f.seatsFree, full: f.fullCourses }),
      String(f.waiting),
      f.reenrolment
        ? t('reports.reenrolmentValue', {
            rate: percent(f.reenrolment.ratePercent),
            confirmed: f.reenrolment.confirmed,
            packs: f.reenrolment.packs,
            notAnswered: f.reenrolment.notAnswered,
          })
        : '—',
    ],
  });
  const enrolmentHeadings = [
    t('reports.scope'),
    t('reports.students'),
    t('reports.places'),
    t('reports.free'),
    t('reports.waiting'),
    t('reports.reenrolment'),
  ];
  const byDiscipline = (f: ReportFigures) =>
    f.byDiscipline.map((d) => ({
      key: d.discipline,
      title: t(`discipline.${d.discipline}`),
      cells: [
        t('reports.coursesValue', { count: d.courses, individual: d.individual, group: d.group }),
        hours(d.weeklyMinutes),
        String(d.seats),
        String(d.lessons),
        t('reports.placesValue', { enrolled: d.enrolled, held: d.held, offers: d.offers }),
        t('reports.freeValue', { free: d.seatsFree, full: d.fullCourses }),
        String(d.waiting),
      ],
    }));
  const disciplineHeadings = [
    t('reports.discipline'),
    t('reports.courses'),
    t('reports.weeklyHours'),
    t('reports.seats'),
    t('reports.lessonsPlanned'),
    t('reports.places'),
    t('reports.free'),
    t('reports.waiting'),
  ];
  const data = report.data;
  const parts = data
    ? [
        ...data.schools.map((s) => ({ key: s.schoolId, title: s.schoolName, figures: s as ReportFigures })),
        ...(data.network ? [{ key: 'network', title: t('reports.network'), figures: data.network }] : []),
      ]
    : [];
  return (
    <Stack>
      <PageTitle>{t('reports.title')}</PageTitle>
      {!pick.season ? (
        <Text>{t('courses.noSeason')}</Text>
      ) : (
        <>
          <Group align="flex-end" wrap="wrap">
            <SeasonSelect pick={pick} />
            <Anchor href={seasonReportCsvUrl(seasonId)} download>
              {t('reports.csv')}
            </Anchor>
          </Group>
          <Text size="sm">{t('reports.help')}</Text>
          {!data ? (
            <QueryFallback error={report.error} asPage={false} />
          ) : (
            <>
              <Section title={t('reports.summary')}>
                <FiguresTable
                  caption={t('reports.summaryCaption', { season: pick.season.name })}
                  headings={headings}
                  rows={parts.map((p) => summary(p.title, p.key, p.figures, p.key === 'network'))}
                />
              </Section>
              <Section title={t('reports.enrolment')}>
                <FiguresTable
                  caption={t('reports.enrolmentCaption', { season: pick.season.name })}
                  headings={enrolmentHeadings}
                  rows={parts.map((p) => enrolment(p.title, p.key, p.figures, p.key === 'network'))}
                />
              </Section>
              {parts.map((p) => (
                <Section key={p.key} title={t('reports.byDiscipline', { scope: p.title })}>
                  {p.figures.byDiscipline.length === 0 ? (
                    <Text c="dimmed">{t('reports.noCourses')}</Text>
                  ) : (
                    <FiguresTable
                      caption={t('reports.byDiscipline', { scope: p.title })}
                      headings={disciplineHeadings}
                      rows={byDiscipline(p.figures)}
                    />
                  )}
                </Section>
              ))}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
