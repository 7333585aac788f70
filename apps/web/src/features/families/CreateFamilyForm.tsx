import { ActionIcon, Button, Fieldset, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CreateFamilyBody, type Family } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { emptyPerson } from '../people/person-form';
import { PersonFields } from '../people/PersonFields';
import { createFamily } from './api';
import { createFamilyBody, newFamilyValues, type CreateFamilyValues } from './family-form';
import { FamilyFields } from './FamilyFields';
import { useSubmit } from '../../ui/use-submit';

const MAX_GUARDIANS = 4;
const MAX_STUDENTS = 10;

/** A new family with its guardians and students, validated as you type with the API's own schema. */
export function CreateFamilyForm({
  onCreated,
  onCancel,
}: {
  onCreated: (family: Family) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<CreateFamilyValues>({
    initialValues: newFamilyValues(),
    validate: (values) => zodErrors(CreateFamilyBody, createFamilyBody(values)),
    validateInputOnBlur: true,
  });
  const { guardians, students } = form.getValues();

  const {
    submit,
    pending: saving,
    error,
  } = useSubmit(form, async (values) => {
    onCreated(await createFamily(createFamilyBody(values)));
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ProblemAlert error={error} />
        <FamilyFields form={form} />
        {guardians.map((_, index) => (
          <Fieldset key={`g${index}`} legend={t('families.guardianN', { n: index + 1 })}>
            <PersonFields form={form} prefix={`guardians.${index}.`} />
            {guardians.length > 1 ? (
              <Group justify="flex-end" mt="xs">
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('families.removeGuardian', { n: index + 1 })}
                  onClick={() => form.removeListItem('guardians', index)}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            ) : null}
          </Fieldset>
        ))}
        {guardians.length < MAX_GUARDIANS ? (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('guardians', emptyPerson())}
            >
              {t('families.addGuardian')}
            </Button>
          </Group>
        ) : null}
        {students.map((_, index) => (
          <Fieldset key={`s${index}`} legend={t('families.studentN', { n: index + 1 })}>
            <PersonFields form={form} prefix={`students.${index}.`} withBirthDate birthDateRequired />
            <Group justify="flex-end" mt="xs">
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('families.removeStudent', { n: index + 1 })}
                onClick={() => form.removeListItem('students', index)}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          </Fieldset>
        ))}
        {students.length < MAX_STUDENTS ? (
          <Group>
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem('students', emptyPerson())}
            >
              {t('families.addStudent')}
            </Button>
          </Group>
        ) : null}
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
