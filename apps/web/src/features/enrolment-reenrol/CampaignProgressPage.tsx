import { Anchor, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CampaignProgress } from '@contracts';
import { EmailLink, PhoneLink } from '../../ui/ContactLinks';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { listSchools, listSeasons, schoolsKeys } from '../schools/api';
import { REENROL_NS } from './reenrol-i18n';
import * as api from './api';

type SchoolProgress = CampaignProgress['schools'][number];

/** The school's answers counted: answered, confirmed, changed, declined, not answered. */
function Counts({ school }: { school: SchoolProgress }) {
  const { t } = useTranslation(REENROL_NS);
  const counts = [
    ['packs', school.packs],
    ['answered', school.answered],
    ['confirmed', school.confirmed],
    ['changed', school.changed],
    ['declined', school.declined],
    ['notAnswered', school.notAnswered],
  ] as const;
  return (
    <Stack gap="xs">
      <SimpleGrid component="dl" cols={{ base: 2, xs: 3, md: 6 }} spacing="xs" m={0}>
        {counts.map(([key, n]) => (
          <div key={key}>
            <Text component="dt" size="sm">
              {t(`office.${key}`)}
            </Text>
            <Text component="dd" fw={700} size="lg" m={0}>
              {n}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      {school.packs ? (
        <Text size="sm">{t('office.rate', { rate: Math.round((school.answered * 100) / school.packs) })}</Text>
      ) : null}
    </Stack>
  );
}

/** Who has not answered yet, with the guardians to call or write to. */
function WaitingTable({ school }: { school: SchoolProgress }) {
  const { t } = useTranslation(REENROL_NS);
  if (!school.waiting.length) return <Text>{t('office.waitingNone')}</Text>;
  return (
    <ScrollTable label={t('office.waitingTable', { school: school.schoolName })} minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('office.student')}</Table.Th>
            <Table.Th>{t('office.family')}</Table.Th>
            <Table.Th>{t('office.contacts')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {school.waiting.map((w) => (
            <Table.Tr key={w.packId}>
              <Table.Td>{w.studentName}</Table.Td>
              <Table.Td>
                <Anchor component={Link} to={`/office/families/${w.familyId}`}>
                  {w.familyName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {w.contacts.length ? (
                  <Stack gap={2}>
                    {w.contacts.map((c) => (
                      <Group key={`${c.name}-${c.email ?? ''}`} gap="xs" wrap="wrap">
                        <Text size="sm">{c.name}</Text>
                        {c.email ? <EmailLink email={c.email} size="sm" /> : null}
                        {c.phone ? <PhoneLink phone={c.phone} size="sm" /> : null}
                      </Group>
                    ))}
                  </Stack>
                ) : (
                  t('office.noContact')
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** The changes families asked for, with their note. */
function ChangesTable({ school }: { school: SchoolProgress }) {
  const { t } = useTranslation(REENROL_NS);
  if (!school.changes.length) return <Text>{t('office.changesNone')}</Text>;
  return (
    <ScrollTable label={t('office.changesTable', { school: school.schoolName })} minWidth={560}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('office.student')}</Table.Th>
            <Table.Th>{t('office.family')}</Table.Th>
            <Table.Th>{t('office.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {school.changes.map((c) => (
            <Table.Tr key={c.packId}>
              <Table.Td>{c.studentName}</Table.Td>
              <Table.Td>{c.familyName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{c.note}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

function SchoolSection({ school }: { school: SchoolProgress }) {
  const { t } = useTranslation(REENROL_NS);
  return (
    <Section title={school.schoolName}>
      <Stack>
        <Counts school={school} />
        <Text component="h3" fw={700}>
          {t('office.waiting', { count: school.notAnswered })}
        </Text>
        <WaitingTable school={school} />
        <Text component="h3" fw={700}>
          {t('office.changes', { count: school.changed })}
        </Text>
        <ChangesTable school={school} />
      </Stack>
    </Section>
  );
}

/** /office/reenrolment/:id: a campaign's answers per school, who has not answered and the changes asked. */
export function CampaignProgressPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(REENROL_NS);
  const [params, setParams] = useSearchParams();
  const schoolId = params.get('school') ?? '';
  const progress = useQuery({
    queryKey: api.officeKeys.progress(id, schoolId),
    queryFn: () => api.campaignProgress(id, schoolId),
    placeholderData: keepPreviousData,
  });
  const schools = useQuery({ queryKey: schoolsKeys.schools, queryFn: listSchools });
  const seasons = useQuery({ queryKey: schoolsKeys.seasons, queryFn: listSeasons });
  // The page waits for the campaign (its title); a school out of the user's scope is refused below the filter.
  const campaign = progress.data?.campaign;
  if (!seasons.data || !schools.data || (!campaign && !schoolId))
    return <QueryFallback error={seasons.error ?? schools.error ?? progress.error} />;
  const name = (seasonId: string | undefined) => seasons.data.find((s) => s.id === seasonId)?.name ?? '';
  return (
    <Stack>
      <PageTitle
        actions={
          <Anchor component={Link} to="/office/reenrolment">
            {t('office.back')}
          </Anchor>
        }
      >
        {campaign
          ? t('office.progressTitle', { from: name(campaign.fromSeasonId), to: name(campaign.toSeasonId) })
          : t('office.title')}
      </PageTitle>
      {campaign ? (
        <Text>
          {t('office.summary', {
            date: formatDate(campaign.priorityDeadline),
            packs: campaign.packs,
            seats: campaign.seatsHeld,
          })}
        </Text>
      ) : null}
      <Group wrap="wrap">
        <NativeSelect
          label={t('office.school')}
          value={schoolId}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setParams(value ? { school: value } : {}, { replace: true });
          }}
          data={[
            { value: '', label: t('office.allSchools') },
            ...schools.data.map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
      </Group>
      {!progress.data ? (
        <QueryFallback error={progress.error} asPage={false} />
      ) : progress.data.schools.length === 0 ? (
        <Text>{t('office.noPacks')}</Text>
      ) : (
        progress.data.schools.map((school) => <SchoolSection key={school.schoolId} school={school} />)
      )}
    </Stack>
  );
}
