import { Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Family, Person } from '@contracts';
import { personName } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { EditableSection } from '../../ui/EditableSection';
import { ContactLogSection } from '../../features/contacts/ContactLogSection';
import { HistorySection } from '../../features/history/HistorySection';
import { PersonCard } from '../../features/people/PersonCard';
import { AddPersonForm } from '../../features/families/AddPersonForm';
import { familyKey, getFamily } from '../../features/families/api';
import { FamilyEditForm } from '../../features/families/FamilyEditForm';
import { FilesList } from '../../features/agency/FilesList';
import { useCurrentUser } from '../../features/auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { rolesGrant } from '../../api/contract-values';
import { AbsenceNoticesSection } from '../../features/missing/AbsenceNoticesSection';
import { GuardianInvite } from './GuardianInvite';
import { OFFICE_ACCESS } from './office-access';

function FamilySummaryView({ family }: { family: Family }) {
  const { t } = useTranslation();
  const a = family.billingAddress;
  const rows: [string, string][] = [
    [t('families.contactPreference'), t(`families.pref.${family.contactPreference}`)],
    [t('families.locale'), t(`language.${family.locale}`)],
    [
      t('families.billingAddress'),
      a ? [a.line1, a.line2, `${a.postalCode} ${a.city}`].filter(Boolean).join(', ') : t('families.noAddress'),
    ],
  ];
  if (family.notes) rows.push([t('families.notes'), family.notes]);
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm">
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}

interface MembersSectionProps {
  family: Family;
  kind: 'guardian' | 'student';
  people: Person[];
  refresh: () => Promise<unknown>;
}

function MembersSection({ family, kind, people, refresh }: MembersSectionProps) {
  const { t } = useTranslation();
  const [adding, { open, close }] = useDisclosure(false);
  const me = useCurrentUser();
  const canWrite = rolesGrant(me.roles, 'people.writeFamilies');
  const addLabel = kind === 'guardian' ? t('families.addGuardian') : t('families.addStudent');
  return (
    <Section
      title={kind === 'guardian' ? t('families.guardians') : t('families.students')}
      actions={
        adding || !canWrite ? null : (
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} aria-hidden />} onClick={open}>
            {addLabel}
          </Button>
        )
      }
    >
      <Stack gap="sm">
        {people.length === 0 ? <Text>{t('families.none')}</Text> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {people.map((person) => (
            <Stack key={person.id} gap={4}>
              <PersonCard person={person} onSaved={refresh} onReload={refresh} />
              {kind === 'guardian' ? <GuardianInvite person={person} canInvite={canWrite} onInvited={refresh} /> : null}
            </Stack>
          ))}
        </SimpleGrid>
        {adding ? (
          <AddPersonForm
            familyId={family.id}
            kind={kind}
            onCancel={close}
            onAdded={async () => {
              close();
              await refresh();
            }}
          />
        ) : null}
      </Stack>
    </Section>
  );
}

export function FamilyPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const query = useQuery({ queryKey: familyKey(id), queryFn: () => getFamily(id) });
  const family = query.data;
  if (!family) return <QueryFallback error={query.error} />;

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: familyKey(id) }),
      client.invalidateQueries({ queryKey: ['history'] }),
    ]);

  return (
    <Stack>
      <PageTitle>{family.name}</PageTitle>
      <EditableSection title={t('families.details')} view={<FamilySummaryView family={family} />}>
        {(close) => (
          <FamilyEditForm
            family={family}
            onCancel={close}
            onReload={refresh}
            onSaved={async (saved) => {
              client.setQueryData(familyKey(id), saved);
              close();
              await refresh();
            }}
          />
        )}
      </EditableSection>
      <MembersSection family={family} kind="guardian" people={family.guardians} refresh={refresh} />
      <MembersSection family={family} kind="student" people={family.students} refresh={refresh} />
      {hasAnyRole(me.roles, OFFICE_ACCESS.files) ? <FilesList filter={{ familyId: family.id }} /> : null}
      <AbsenceNoticesSection familyId={family.id} />
      <ContactLogSection subject={{ familyId: family.id }} />
      <HistorySection
        sources={[
          { entityType: 'family', entityId: family.id },
          ...[...family.guardians, ...family.students].map((p) => ({
            entityType: 'person' as const,
            entityId: p.id,
            label: personName(p),
          })),
        ]}
      />
    </Stack>
  );
}
