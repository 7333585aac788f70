import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { listSchools, schoolsKeys } from './api';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';
import { ScrollTable } from '../../ui/ScrollTable';

/** The network's schools: name, town, holiday zone and rooms; the director adds one. */
export function SchoolsPage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const query = useQuery({ queryKey: schoolsKeys.schools, queryFn: listSchools });
  const mayConfigure = hasAnyRole(me.roles, SCHOOLS_ACCESS.configure);
  return (
    <Stack>
      <PageTitle
        actions={
          mayConfigure ? (
            <Button component={Link} to="/office/schools/new">
              {t('schools.new')}
            </Button>
          ) : null
        }
      >
        {t('schools.title')}
      </PageTitle>
      {!query.data ? (
        <QueryFallback error={query.error} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">{t('schools.empty')}</Text>
      ) : (
        <ScrollTable label={t('schools.title')} minWidth={480}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('schools.name')}</Table.Th>
                <Table.Th>{t('schools.city')}</Table.Th>
                <Table.Th>{t('schools.zone')}</Table.Th>
                <Table.Th>{t('schools.rooms')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((school) => (
                <Table.Tr key={school.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/schools/${school.id}`}>
                      {school.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{school.address.city}</Table.Td>
                  <Table.Td>{t(`zone.${school.holidayZone}`)}</Table.Td>
                  <Table.Td>
                    {school.rooms.map((r) => `${r.name} (${r.capacity})`).join(', ') ||
                      t('schools.roomCount', { count: 0 })}
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
