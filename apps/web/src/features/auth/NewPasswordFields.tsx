import { useEffect } from 'react';
import { Stack } from '@mantine/core';
import { PasswordField } from '../../ui/PasswordField';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Password as PasswordSchema } from '@contracts';
import { fieldMessage } from '../../api/form-errors';

/**
 * The shared password rule is a zod schema of the contracts: importing it would put zod and libphonenumber (60 kB
 * gzipped) in the first load of the invitation and reset pages. It is loaded once the fields show, long before
 * anyone has typed a password; until then (or if it fails to load) the API's own check answers, with the same
 * messages.
 */
let passwordRule: typeof PasswordSchema | undefined;
function loadPasswordRule(): void {
  if (passwordRule) return;
  import('@contracts').then(
    (contracts) => (passwordRule = contracts.Password),
    () => undefined,
  );
}

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

/** Validation of a new password and its confirmation, with the shared messages. */
export function validateNewPassword(values: NewPasswordValues, differ: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const result = passwordRule?.safeParse(values.password);
  if (result && !result.success) errors.password = fieldMessage(result.error.issues[0]?.message ?? 'invalid_value');
  if (values.confirm !== values.password) errors.confirm = differ;
  return errors;
}

export function NewPasswordFields<V extends NewPasswordValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  useEffect(loadPasswordRule, []);
  return (
    <Stack>
      <PasswordField
        label={t('auth.newPassword')}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        {...form.getInputProps('password')}
      />
      <PasswordField
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        {...form.getInputProps('confirm')}
      />
    </Stack>
  );
}
