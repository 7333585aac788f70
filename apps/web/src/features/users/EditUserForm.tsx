import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { LOCALES, UpdateUserBody, type Locale, type Role, type User } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { updateUser, type UpdateUserInput } from './api';
import { RoleCheckboxes } from './RoleCheckboxes';
import { useSubmit } from '../../ui/use-submit';

interface Values {
  displayName: string;
  roles: Role[];
  locale: Locale;
  status: 'active' | 'disabled';
}

interface EditUserFormProps {
  user: User;
  onSaved: (user: User) => void;
  onReload: () => void | Promise<unknown>;
  onCancel: () => void;
}

function toBody(values: Values, user: User): UpdateUserInput {
  // an invited user stays invited until they choose a password; only an explicit change is sent
  const status = user.status === 'invited' && values.status === 'active' ? undefined : values.status;
  return { version: user.version, displayName: values.displayName, roles: values.roles, locale: values.locale, status };
}

export function EditUserForm(props: EditUserFormProps) {
  return <EditUserFormBody key={`${props.user.id}:${props.user.version}`} {...props} />;
}

function EditUserFormBody({ user, onSaved, onReload, onCancel }: EditUserFormProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      displayName: user.displayName,
      roles: user.roles,
      locale: user.locale,
      status: user.status === 'disabled' ? 'disabled' : 'active',
    },
    validate: (values) => zodErrors(UpdateUserBody, toBody(values, user)),
  });

  const {
    submit,
    pending: saving,
    error,
    setError,
  } = useSubmit(form, async (values) => {
    onSaved(await updateUser(user.id, toBody(values, user)));
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} onReload={() => void Promise.resolve(onReload()).then(() => setError(null))} />
        <TextInput label={t('auth.displayName')} required {...form.getInputProps('displayName')} />
        <NativeSelect
          label={t('language.label')}
          data={LOCALES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          {...form.getInputProps('locale')}
        />
        <NativeSelect
          label={t('users.status')}
          data={[
            {
              value: 'active',
              label: t(user.status === 'invited' ? 'users.statuses.invited' : 'users.statuses.active'),
            },
            { value: 'disabled', label: t('users.statuses.disabled') },
          ]}
          {...form.getInputProps('status')}
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
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
