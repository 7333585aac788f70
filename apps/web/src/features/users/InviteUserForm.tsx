import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { InviteUserBody, LOCALES, type Locale, type Role, type User } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { inviteUser } from './api';
import { RoleCheckboxes } from './RoleCheckboxes';
import { useSubmit } from '../../ui/use-submit';

interface Values {
  email: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
}

export function InviteUserForm({ onInvited, onCancel }: { onInvited: (user: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { email: '', displayName: '', roles: [], locale: 'fr' },
    validate: (values) => zodErrors(InviteUserBody, values),
  });

  const {
    submit,
    pending: saving,
    error,
  } = useSubmit(form, async (values) => {
    onInvited(await inviteUser(values));
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        <TextInput label={t('auth.displayName')} required {...form.getInputProps('displayName')} />
        <TextInput label={t('auth.email')} type="email" required autoComplete="off" {...form.getInputProps('email')} />
        <NativeSelect
          label={t('language.label')}
          data={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          {...form.getInputProps('locale')}
        />
        <RoleCheckboxes
          value={form.getValues().roles}
          onChange={(roles) => form.setFieldValue('roles', roles)}
          error={form.errors.roles}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('users.invite')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
