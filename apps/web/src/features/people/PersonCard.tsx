import { Anchor, Button, Card, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import { personName } from '../../ui/format';
import { PersonDetails } from './PersonDetails';
import { PersonEditForm } from './PersonEditForm';

interface PersonCardProps {
  person: Person;
  onSaved: () => void | Promise<unknown>;
  onReload: () => void | Promise<unknown>;
}

/** One guardian or student on the family page, with its own edit form. */
export function PersonCard({ person, onSaved, onReload }: PersonCardProps) {
  const { t } = useTranslation();
  const [editing, { open, close }] = useDisclosure(false);
  const name = personName(person);
  return (
    <Card withBorder padding="sm" radius="md">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={3} size="h5">
          <Anchor component={Link} to={`/office/people/${person.id}`}>
            {name}
          </Anchor>
        </Title>
        {editing ? null : (
          <Button size="xs" variant="default" onClick={open} aria-label={t('people.editPerson', { name })}>
            {t('actions.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <PersonEditForm
          person={person}
          onCancel={close}
          onReload={onReload}
          onSaved={async () => {
            close();
            await onSaved();
          }}
        />
      ) : (
        <PersonDetails person={person} />
      )}
    </Card>
  );
}
