import { Checkbox, NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CONTACT_PREFERENCES, LOCALES } from '@contracts';
import type { FamilyFieldValues } from './family-form';

/** Name, contact preference, language, notes and billing address of a family. */
export function FamilyFields<V extends FamilyFieldValues>({
  form,
  nameRequired,
}: {
  form: UseFormReturnType<V>;
  nameRequired?: boolean;
}) {
  const { t } = useTranslation();
  const values = form.getValues();
  return (
    <Stack gap="sm">
      <TextInput
        label={t('families.name')}
        description={nameRequired ? undefined : t('families.nameHint')}
        required={nameRequired}
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('families.contactPreference')}
          data={CONTACT_PREFERENCES.map((p) => ({ value: p, label: t(`families.pref.${p}`) }))}
          {...form.getInputProps('contactPreference')}
        />
        <NativeSelect
          label={t('families.locale')}
          data={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          {...form.getInputProps('locale')}
        />
      </SimpleGrid>
      <Checkbox label={t('families.addBillingAddress')} {...form.getInputProps('withAddress', { type: 'checkbox' })} />
      {values.withAddress ? (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('families.line1')}
            required
            autoComplete="off"
            {...form.getInputProps('billingAddress.line1')}
          />
          <TextInput label={t('families.line2')} autoComplete="off" {...form.getInputProps('billingAddress.line2')} />
          <TextInput
            label={t('families.postalCode')}
            required
            inputMode="numeric"
            autoComplete="off"
            {...form.getInputProps('billingAddress.postalCode')}
          />
          <TextInput
            label={t('families.city')}
            required
            autoComplete="off"
            {...form.getInputProps('billingAddress.city')}
          />
        </SimpleGrid>
      ) : null}
      <Textarea label={t('families.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
    </Stack>
  );
}
