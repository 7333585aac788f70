import { Anchor, Badge, Group, Stack } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { personName } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { EditableSection } from '../../ui/EditableSection';
import { ContactLogSection } from '../../features/contacts/ContactLogSection';
import { HistorySection } from '../../features/history/HistorySection';
import { getPerson, personKey } from '../../features/people/api';
import { PersonDetails } from '../../features/people/PersonDetails';
import { PersonEditForm } from '../../features/people/PersonEditForm';
import { FilesList } from '../../features/agency/FilesList';
import { useCurrentUser } from '../../features/auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { OFFICE_ACCESS } from './office-access';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const query = useQuery({ queryKey: personKey(id), queryFn: () => getPerson(id) });
  const person = query.data;
  if (!person) return <QueryFallback error={query.error} />;

  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: personKey(id) }),
      client.invalidateQueries({ queryKey: ['history'] }),
    ]);
  const name = personName(person);

  return (
    <Stack>
      <PageTitle>{name}</PageTitle>
      <Group gap="sm">
        <Badge variant="light">{t(`kinds.${person.kind}`)}</Badge>
        {person.familyId ? (
          <Anchor component={Link} to={`/office/families/${person.familyId}`}>
            {t('people.family')}
          </Anchor>
        ) : null}
      </Group>
      <EditableSection title={t('people.details')} view={<PersonDetails person={person} />}>
        {(close) => (
          <PersonEditForm
            person={person}
            onCancel={close}
            onReload={refresh}
            onSaved={async (saved) => {
              client.setQueryData(personKey(id), saved);
              close();
              await refresh();
            }}
          />
        )}
      </EditableSection>
      {hasAnyRole(me.roles, OFFICE_ACCESS.files) && (person.kind === 'student' || person.familyId) ? (
        <FilesList
          filter={person.kind === 'student' ? { studentId: person.id } : { familyId: person.familyId ?? undefined }}
        />
      ) : null}
      <ContactLogSection subject={{ personId: person.id }} />
      <HistorySection sources={[{ entityType: 'person', entityId: person.id }]} />
    </Stack>
  );
}
