import { useState } from 'react';
import { Anchor, Badge, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/use-me';
import { listSchools, schoolsKeys } from '../schools/api';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { ADMISSION_NS } from './admission-i18n';
import { admissionKeys, listRegistrations } from './api';

/** A school's administrative enrolments of the open season, in rank order, possible duplicates flagged. */
export function RegistrationsPage() {
  const { t } = useTranslation(ADMISSION_NS);
  const schools = useQuery({ queryKey: schoolsKeys.schools, queryFn: listSchools });
  const me = useCurrentUser();
  const [chosen, setChosen] = useState('');
  // A secretariat member starts on a school they work for.
  const mine = schools.data?.find((s) => s.staffUserIds.includes(me.id));
  const schoolId = chosen || mine?.id || schools.data?.[0]?.id || '';
  const list = useQuery({
    queryKey: admissionKeys.list(schoolId),
    queryFn: () => listRegistrations(schoolId),
    enabled: schoolId !== '',
  });
  if (!schools.data) return <QueryFallback error={schools.error} />;
  const heard = (value: string | null) =>
    !value ? '' : value.startsWith('other: ') ? value.slice(7) : t(`heardFrom.${value}`);
  return (
    <Stack>
      <PageTitle>{t('list.title')}</PageTitle>
      <NativeSelect
        label={t('list.school')}
        value={schoolId}
        onChange={(e) => setChosen(e.currentTarget.value)}
        data={schools.data.map((s) => ({ value: s.id, label: s.name }))}
        maw={360}
      />
      {schoolId ? (
        <Text size="sm">{t('list.publicLink', { link: `${window.location.origin}/inscription/${schoolId}` })}</Text>
      ) : null}
      {!list.data ? (
        schoolId ? (
          <QueryFallback error={list.error} asPage={false} />
        ) : null
      ) : !list.data.seasonName ? (
        <Text c="dimmed">{t('list.noSeason')}</Text>
      ) : (
        <>
          <Text fw={600}>{t('list.season', { season: list.data.seasonName })}</Text>
          {list.data.items.length === 0 ? (
            <Text c="dimmed">{t('list.empty')}</Text>
          ) : (
            <ScrollTable label={t('list.title')} minWidth={640}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('list.rank')}</Table.Th>
                    <Table.Th>{t('list.family')}</Table.Th>
                    <Table.Th>{t('list.students')}</Table.Th>
                    <Table.Th>{t('list.completedAt')}</Table.Th>
                    <Table.Th>{t('list.heardFrom')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((r) => (
                    <Table.Tr key={r.id}>
                      <Table.Td>{r.rank}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/office/families/${r.familyId}`}>
                          {r.familyName}
                        </Anchor>
                        {r.duplicateFamilyId ? (
                          <Stack gap={2} mt={4}>
                            <Badge color="orange" variant="light">
                              {t('list.duplicate')}
                            </Badge>
                            <Anchor component={Link} to={`/office/families/${r.duplicateFamilyId}`} size="sm">
                              {t('list.duplicateOf', { name: r.duplicateFamilyName ?? '' })}
                            </Anchor>
                          </Stack>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{r.students.join(', ')}</Table.Td>
                      <Table.Td>{formatDateTime(r.completedAt)}</Table.Td>
                      <Table.Td>{heard(r.heardFrom)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollTable>
          )}
        </>
      )}
    </Stack>
  );
}
