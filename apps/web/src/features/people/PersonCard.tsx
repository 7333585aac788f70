import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import { EditableSection } from '../../ui/EditableSection';
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
  const name = personName(person);
  return (
    <EditableSection
      variant="card"
      title={
        <Anchor component={Link} to={`/office/people/${person.id}`}>
          {name}
        </Anchor>
      }
      editLabel={t('people.editPerson', { name })}
      view={<PersonDetails person={person} />}
    >
      {(close) => (
        <PersonEditForm
          person={person}
          onCancel={close}
          onReload={onReload}
          onSaved={async () => {
            close();
            await onSaved();
          }}
        />
      )}
    </EditableSection>
  );
}
