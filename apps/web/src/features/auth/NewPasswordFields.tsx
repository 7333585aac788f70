import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { Password } from '@contracts';
import { fieldMessage } from '../../api/form-errors';

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

/** Validation of a new password and its confirmation, with the shared messages. */
export function validateNewPassword(values: NewPasswordValues, differ: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const result = Password.safeParse(values.password);
  if (!result.success) errors.password = fieldMessage(result.error.issues[0]?.message ?? 'invalid_value');
  if (values.confirm !== values.password) errors.confirm = differ;
  return errors;
}

export function NewPasswordFields<V extends NewPasswordValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <PasswordInput
        label={t('auth.newPassword')}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        {...form.getInputProps('password')}
      />
      <PasswordInput
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirm')}
      />
    </Stack>
  );
}
