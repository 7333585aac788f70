import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/use-me';
import { getPerson, personKey } from '../../features/people/api';
import { PersonDetails } from '../../features/people/PersonDetails';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';

function MyProfile({ personId }: { personId: string }) {
  const query = useQuery({ queryKey: personKey(personId), queryFn: () => getPerson(personId) });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  return <PersonDetails person={query.data} />;
}

export function TeacherHomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <Stack>
      <PageTitle>{t('teacherPortal.title')}</PageTitle>
      <Section title={t('teacherPortal.myStudents')}>
        <Anchor component={Link} to="/teacher/students">
          {t('teacherPortal.openStudents')}
        </Anchor>
      </Section>
      <Section title={t('teacherPortal.myProfile')}>
        <Text fw={600} mb="xs">
          {me.displayName} · {me.email}
        </Text>
        {me.personId ? <MyProfile personId={me.personId} /> : null}
      </Section>
    </Stack>
  );
}
