import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { requestPasswordReset } from '../../features/auth/api';
import { emailError } from '../../features/auth/login-validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({ initialValues: { email: '' }, validate: { email: emailError } });

  const onSubmit = form.onSubmit(async ({ email }) => {
    setError(null);
    setSubmitting(true);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      if (!applyProblemToForm(form, err)) setError(err);
    } finally {
      setSubmitting(false);
    }
  });

  return (
    <Stack>
      <PageTitle>{t('auth.forgotTitle')}</PageTitle>
      {sent ? (
        <Alert color="blue" variant="light" role="status">
          {t('auth.forgotSent')}
        </Alert>
      ) : (
        <>
          <Text>{t('auth.forgotIntro')}</Text>
          <ProblemAlert error={error} />
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              <TextInput
                label={t('auth.email')}
                type="email"
                autoComplete="email"
                required
                {...form.getInputProps('email')}
              />
              <Button type="submit" loading={submitting}>
                {t('auth.forgotSubmit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/login">
        {t('auth.backToLogin')}
      </Anchor>
    </Stack>
  );
}
