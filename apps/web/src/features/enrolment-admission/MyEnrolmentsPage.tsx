import { Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { SCHOOLS_NS } from '../schools/schools-i18n';
import { ADMISSION_NS } from './admission-i18n';
import { admissionKeys, getMyEnrolments } from './api';

/** The family portal's "my enrolments": its administrative enrolments and its places in courses (read-only). */
export function MyEnrolmentsPage() {
  const { t } = useTranslation(ADMISSION_NS);
  const { t: ts } = useTranslation(SCHOOLS_NS);
  const query = useQuery({ queryKey: admissionKeys.mine, queryFn: getMyEnrolments });
  if (!query.data) return <QueryFallback error={query.error} />;
  const { registrations, places } = query.data;
  return (
    <Stack>
      <PageTitle>{t('mine.title')}</PageTitle>
      <Section title={t('mine.registrations')}>
        {registrations.length === 0 ? (
          <Text c="dimmed">{t('mine.noRegistration')}</Text>
        ) : (
          <ScrollTable label={t('mine.registrations')} minWidth={480}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mine.school')}</Table.Th>
                  <Table.Th>{t('mine.season')}</Table.Th>
                  <Table.Th>{t('mine.rank')}</Table.Th>
                  <Table.Th>{t('mine.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {registrations.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.schoolName}</Table.Td>
                    <Table.Td>{r.seasonName}</Table.Td>
                    <Table.Td>{r.rank ?? '—'}</Table.Td>
                    <Table.Td>{t(`status.${r.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
      <Section title={t('mine.places')}>
        {places.length === 0 ? (
          <Text c="dimmed">{t('mine.noPlace')}</Text>
        ) : (
          <ScrollTable label={t('mine.places')} minWidth={560}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('mine.student')}</Table.Th>
                  <Table.Th>{t('mine.course')}</Table.Th>
                  <Table.Th>{t('mine.when')}</Table.Th>
                  <Table.Th>{t('mine.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {places.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.studentName}</Table.Td>
                    <Table.Td>
                      {ts(`discipline.${p.discipline}`)} — {p.schoolName} ({p.seasonName})
                    </Table.Td>
                    <Table.Td>
                      {ts(`weekday.${p.weekday}`)} {p.start}
                    </Table.Td>
                    <Table.Td>{t(`placeStatus.${p.status}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
      </Section>
    </Stack>
  );
}
