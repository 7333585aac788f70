import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { NewGuardian, NewStudent } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { emptyPerson, type PersonValues } from '../people/person-form';
import { PersonFields } from '../people/PersonFields';
import { addGuardian, addStudent } from './api';
import { guardianBody, studentBody } from './family-form';
import { useSubmit } from '../../ui/use-submit';

interface AddPersonFormProps {
  familyId: string;
  kind: 'guardian' | 'student';
  onAdded: () => void | Promise<unknown>;
  onCancel: () => void;
}

/** Adds a guardian or a student to an existing family. */
export function AddPersonForm({ familyId, kind, onAdded, onCancel }: AddPersonFormProps) {
  const { t } = useTranslation();
  const isStudent = kind === 'student';
  const form = useForm<PersonValues>({
    initialValues: emptyPerson(),
    validate: (values) =>
      isStudent ? zodErrors(NewStudent, studentBody(values)) : zodErrors(NewGuardian, guardianBody(values)),
  });
  const {
    submit,
    pending: saving,
    error,
  } = useSubmit(
    form,
    (values) => (isStudent ? addStudent(familyId, studentBody(values)) : addGuardian(familyId, guardianBody(values))),
    { success: t('people.added'), onSuccess: onAdded },
  );
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        <PersonFields form={form} withBirthDate={isStudent} birthDateRequired={isStudent} />
        <Group>
          <Button type="submit" loading={saving}>
            {isStudent ? t('families.addStudent') : t('families.addGuardian')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
