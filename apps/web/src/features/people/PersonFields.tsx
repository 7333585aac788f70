import { SimpleGrid, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

interface PersonFieldsProps<V> {
  form: UseFormReturnType<V>;
  /** Path prefix inside the form values, e.g. 'guardians.0.'. */
  prefix?: string;
  withBirthDate?: boolean;
  birthDateRequired?: boolean;
  withNotes?: boolean;
}

/** First name, last name, e-mail, phone (and birth date for students) of one person. */
export function PersonFields<V>({
  form,
  prefix = '',
  withBirthDate,
  birthDateRequired,
  withNotes,
}: PersonFieldsProps<V>) {
  const { t } = useTranslation();
  const field = (name: string) => form.getInputProps(`${prefix}${name}`);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label={t('people.firstName')} required autoComplete="off" {...field('firstName')} />
        <TextInput label={t('people.lastName')} required autoComplete="off" {...field('lastName')} />
        <TextInput label={t('people.email')} type="email" autoComplete="off" {...field('email')} />
        <TextInput label={t('people.phone')} type="tel" autoComplete="off" {...field('phone')} />
        {withBirthDate ? (
          <TextInput label={t('people.birthDate')} type="date" required={birthDateRequired} {...field('birthDate')} />
        ) : null}
      </SimpleGrid>
      {withNotes ? <Textarea label={t('people.notes')} autosize minRows={2} mt="sm" {...field('notes')} /> : null}
    </>
  );
}
