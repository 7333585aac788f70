import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import { useCurrentUser } from '../../features/auth/use-me';
import { familyKey, getFamily } from '../../features/families/api';
import { getPerson, personKey } from '../../features/people/api';
import { PersonDetails } from '../../features/people/PersonDetails';
import { personName } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';

function People({ people }: { people: Person[] }) {
  const { t } = useTranslation();
  if (people.length === 0) return <Text>{t('families.none')}</Text>;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      {people.map((person) => (
        <Card key={person.id} withBorder padding="sm">
          <Title order={3} size="h5" mb="xs">
            {personName(person)}
          </Title>
          <PersonDetails person={person} />
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** The guardian's family: found through their own person record. */
export function FamilyHomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const personId = me.personId ?? '';
  const person = useQuery({
    queryKey: personKey(personId),
    queryFn: () => getPerson(personId),
    enabled: personId !== '',
  });
  const familyId = person.data?.familyId ?? '';
  const family = useQuery({
    queryKey: familyKey(familyId),
    queryFn: () => getFamily(familyId),
    enabled: familyId !== '',
  });

  let body;
  if (!me.personId || (person.data && !person.data.familyId)) body = <Text>{t('familyPortal.noFamily')}</Text>;
  else if (!family.data) body = <QueryFallback error={person.error ?? family.error} asPage={false} />;
  else
    body = (
      <>
        <Text size="lg">{family.data.name}</Text>
        <Section title={t('families.guardians')}>
          <People people={family.data.guardians} />
        </Section>
        <Section title={t('families.students')}>
          <People people={family.data.students} />
        </Section>
      </>
    );

  return (
    <Stack>
      <PageTitle>{t('familyPortal.title')}</PageTitle>
      {body}
    </Stack>
  );
}
