import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-pages-i18n';
import { getOpenRequestsNear } from '../../features/agency/pages-api';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';

/** Recruitment's teacher-centred view: the requests still waiting for a teacher that this teacher could take. */
export function OpenRequestsPage() {
  const { t, i18n } = useTranslation(AGENCY_NS);
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: ['open-requests', id], queryFn: () => getOpenRequestsNear(id) });
  if (!query.data) return <QueryFallback error={query.error} />;
  const { teacher, requests } = query.data;
  const km = (value: number) =>
    t('pages.nearby.km', { km: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(value) });
  return (
    <Stack>
      <PageTitle>{t('pages.nearby.title', { name: `${teacher.firstName} ${teacher.lastName}` })}</PageTitle>
      <Text>{t('pages.nearby.intro')}</Text>
      <Anchor component={Link} to={`/office/teachers/${teacher.id}`}>
        {teacher.firstName} {teacher.lastName}
      </Anchor>
      {requests.length === 0 ? (
        <Text>{t('pages.nearby.none')}</Text>
      ) : (
        <ScrollTable label={t('pages.nearby.nav')} minWidth={720}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('pages.nearby.reference')}</Table.Th>
                <Table.Th>{t('pages.nearby.student')}</Table.Th>
                <Table.Th>{t('pages.nearby.instrument')}</Table.Th>
                <Table.Th>{t('pages.nearby.place')}</Table.Th>
                <Table.Th>{t('pages.nearby.distance')}</Table.Th>
                <Table.Th>{t('pages.nearby.stage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {requests.map((r) => (
                <Table.Tr key={r.fileId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/office/files/${r.fileId}`}
                      aria-label={t('pages.nearby.open', { reference: r.reference ?? '' })}
                    >
                      {r.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{r.student ? `${r.student.firstName} ${r.student.lastName}` : ''}</Table.Td>
                  <Table.Td>
                    {t(`instrument.${r.instrument}`, { defaultValue: r.instrument })} · {t(`level.${r.level}`)}
                  </Table.Td>
                  <Table.Td>
                    {r.place === 'online'
                      ? t('pages.nearby.online')
                      : `${t(`place.${r.place}`)} · ${r.postalCode ?? ''} ${r.city ?? ''}`}
                  </Table.Td>
                  <Table.Td>{r.distanceKm === null ? '—' : km(r.distanceKm)}</Table.Td>
                  <Table.Td>{t(`stage.${r.stage}`)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
