import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { personName } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { EditableSection } from '../../ui/EditableSection';
import { ContactLogSection } from '../../features/contacts/ContactLogSection';
import { HistorySection } from '../../features/history/HistorySection';
import { PersonDetails } from '../../features/people/PersonDetails';
import { PersonEditForm } from '../../features/people/PersonEditForm';
import { getTeacher, teacherKey } from '../../features/teachers/api';
import { TeacherStatusBadge } from '../../features/teachers/TeacherStatusBadge';
import { TeacherLifecycleSections } from '../../features/teachers/TeacherLifecycleSections';
import { FilesList } from '../../features/agency/FilesList';
import { useCurrentUser } from '../../features/auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { OFFICE_ACCESS } from './office-access';
import '../../features/agency/agency-pages-i18n';

export function TeacherPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const client = useQueryClient();
  const me = useCurrentUser();
  const query = useQuery({ queryKey: teacherKey(id), queryFn: () => getTeacher(id) });
  if (!query.data) return <QueryFallback error={query.error} />;
  const { person, status, bio } = query.data;
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: teacherKey(id) }),
      client.invalidateQueries({ queryKey: ['history'] }),
    ]);

  return (
    <Stack>
      <PageTitle>{personName(person)}</PageTitle>
      <Group gap="sm">
        <Text fw={600}>{t('teachers.status')}</Text>
        <TeacherStatusBadge status={status} />
      </Group>
      {hasAnyRole(me.roles, OFFICE_ACCESS.match) ? (
        <Anchor component={Link} to={`/office/teachers/${id}/open-requests`}>
          {t('agency:pages.nearby.nav')}
        </Anchor>
      ) : null}
      <EditableSection title={t('people.details')} view={<PersonDetails person={person} />}>
        {(close) => (
          <PersonEditForm
            person={person}
            onCancel={close}
            onReload={refresh}
            onSaved={async () => {
              close();
              await refresh();
            }}
          />
        )}
      </EditableSection>
      <Section title={t('teachers.bio')}>
        <Text>{bio || t('teachers.noBio')}</Text>
      </Section>
      <TeacherLifecycleSections teacherId={id} onStatusChange={refresh} />
      {hasAnyRole(me.roles, OFFICE_ACCESS.files) ? <FilesList filter={{ teacherId: id }} /> : null}
      <ContactLogSection subject={{ personId: person.id }} />
      <HistorySection
        sources={[
          { entityType: 'teacher', entityId: id },
          { entityType: 'person', entityId: person.id },
        ]}
      />
    </Stack>
  );
}
