import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { UpdatePersonBody, type Person } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { updatePerson } from './api';
import { PersonFields } from './PersonFields';
import { personUpdateBody, personValues, type PersonValues } from './person-form';
import { useSubmit } from '../../ui/use-submit';

interface PersonEditFormProps {
  person: Person;
  onSaved: (person: Person) => void | Promise<unknown>;
  /** Fetches the record again (after 409 STALE_RECORD); the form then shows the fresh values. */
  onReload: () => void | Promise<unknown>;
  onCancel?: () => void;
}

/** Edits a person; a newer version of the record (after a reload) starts the form afresh. */
export function PersonEditForm(props: PersonEditFormProps) {
  return <PersonEditFormBody key={`${props.person.id}:${props.person.version}`} {...props} />;
}

function PersonEditFormBody({ person, onSaved, onReload, onCancel }: PersonEditFormProps) {
  const { t } = useTranslation();
  const form = useForm<PersonValues>({
    initialValues: personValues(person),
    validate: (values) => zodErrors(UpdatePersonBody, personUpdateBody(values, person)),
  });
  const {
    submit,
    pending: saving,
    error,
    setError,
  } = useSubmit(form, (values) => updatePerson(person.id, personUpdateBody(values, person)), {
    success: t('families.saved'),
    onSuccess: onSaved,
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} onReload={() => void Promise.resolve(onReload()).then(() => setError(null))} />
        <PersonFields form={form} withBirthDate={person.kind === 'student'} birthDateRequired={false} withNotes />
        <Group>
          <Button type="submit" loading={saving}>
            {t('actions.save')}
          </Button>
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
