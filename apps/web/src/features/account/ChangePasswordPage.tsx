import { useState } from 'react';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { PasswordField } from '../../ui/PasswordField';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldMessage } from '../../api/form-errors';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { changePassword } from '../auth/api';
import { useCurrentUser } from '../auth/use-me';
import { NewPasswordFields, validateNewPassword } from '../auth/NewPasswordFields';
import { useSubmit } from '../../ui/use-submit';

/** Any logged-in user changes their own password (the current one is asked); their other sessions end. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [done, setDone] = useState(false);
  const form = useForm({
    initialValues: { currentPassword: '', password: '', confirm: '' },
    validate: (values) => ({
      ...(values.currentPassword ? {} : { currentPassword: fieldMessage('required') }),
      ...validateNewPassword(values, t('auth.passwordsDiffer')),
    }),
  });

  const {
    submit,
    pending: submitting,
    error,
  } = useSubmit(
    form,
    async ({ currentPassword, password }) => {
      setDone(false);
      await changePassword({ currentPassword, newPassword: password });
      form.reset();
      setDone(true);
    },
    { rename: { newPassword: 'password' } },
  );
  const onSubmit = form.onSubmit(submit);

  return (
    <Stack maw={480}>
      <PageTitle>{t('auth.changeTitle')}</PageTitle>
      <Text>{t('auth.changeIntro')}</Text>
      {done ? (
        <Alert color="green" variant="light" role="status">
          {t('auth.changed')}
        </Alert>
      ) : null}
      <ProblemAlert error={error} />
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <input type="hidden" name="username" value={me.email} autoComplete="username" readOnly />
          <PasswordField
            label={t('auth.currentPassword')}
            autoComplete="current-password"
            required
            {...form.getInputProps('currentPassword')}
          />
          <NewPasswordFields form={form} />
          <Button type="submit" loading={submitting}>
            {t('auth.changeSubmit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
