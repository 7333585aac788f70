import { useState } from 'react';
import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { PasswordField } from '../../ui/PasswordField';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ME_KEY, login } from '../../features/auth/api';
import { homePathFor, safeNextPath } from '../../features/auth/home-path';
import { emailError, requiredError } from '../../features/auth/login-validation';
import { useMe } from '../../features/auth/use-me';

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: { email: emailError, password: requiredError },
    validateInputOnBlur: true,
  });

  if (me) return <Navigate to={safeNextPath(params.get('next')) ?? homePathFor(me.roles)} replace />;

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    setSubmitting(true);
    try {
      const user = await login(values);
      client.setQueryData(ME_KEY, user);
      void navigate(safeNextPath(params.get('next')) ?? homePathFor(user.roles), { replace: true });
    } catch (err) {
      if (!applyProblemToForm(form, err)) setError(err);
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Stack>
      <PageTitle>{t('auth.loginTitle')}</PageTitle>
      <ProblemAlert error={error} />
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordField
            label={t('auth.password')}
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={submitting}>
            {t('auth.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password">
        {t('auth.forgot')}
      </Anchor>
    </Stack>
  );
}
