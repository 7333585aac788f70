import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CreateTeacherBody, type Person } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { blankToNull, zodErrors } from '../../ui/zod-form';
import { emptyPerson, type PersonValues } from '../people/person-form';
import { PersonFields } from '../people/PersonFields';
import { createTeacher, type CreateTeacherInput } from './api';
import { useSubmit } from '../../ui/use-submit';

const toBody = (v: PersonValues): CreateTeacherInput => ({
  firstName: v.firstName,
  lastName: v.lastName,
  email: v.email,
  phone: blankToNull(v.phone),
  notes: blankToNull(v.notes),
});

export function CreateTeacherForm({
  onCreated,
  onCancel,
}: {
  onCreated: (teacher: Person) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<PersonValues>({
    initialValues: emptyPerson(),
    validate: (values) => zodErrors(CreateTeacherBody, toBody(values)),
    validateInputOnBlur: true,
  });

  const {
    submit,
    pending: saving,
    error,
  } = useSubmit(form, async (values) => {
    onCreated(await createTeacher(toBody(values)));
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        <PersonFields form={form} withNotes />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('actions.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
