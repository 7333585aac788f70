import { useState } from 'react';
import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SetupBody } from '@contracts';
import { applyProblemToForm } from '../../api/form-errors';
import { PageLoader } from '../../ui/PageLoader';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { ME_KEY, fetchSetupStatus, runSetup } from '../../features/auth/api';
import { NewPasswordFields, validateNewPassword } from '../../features/auth/NewPasswordFields';

/** /setup?token=…: creates the organisation and its first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const status = useQuery({ queryKey: ['setup'], queryFn: fetchSetupStatus, retry: false });
  const form = useForm({
    initialValues: { organisationName: '', displayName: '', email: '', password: '', confirm: '' },
    validate: (values) => ({
      ...zodErrors(SetupBody.omit({ token: true, password: true }), values),
      ...validateNewPassword(values, t('auth.passwordsDiffer')),
    }),
  });

  const onSubmit = form.onSubmit(async (values) => {
    setError(null);
    setSubmitting(true);
    try {
      const { organisationName, displayName, email, password } = values;
      const me = await runSetup({ token, organisationName, displayName, email: email.trim(), password });
      client.setQueryData(ME_KEY, me);
      void navigate('/office', { replace: true });
    } catch (err) {
      if (!applyProblemToForm(form, err)) setError(err);
    } finally {
      setSubmitting(false);
    }
  });

  let body;
  if (status.isPending) body = <PageLoader />;
  else if (status.data && !status.data.needsSetup)
    body = (
      <Alert color="blue" variant="light" role="status">
        {t('auth.setupDone')}{' '}
        <Anchor component={Link} to="/login">
          {t('auth.backToLogin')}
        </Anchor>
      </Alert>
    );
  else if (token === '') body = <Text role="alert">{t('auth.missingToken')}</Text>;
  else
    body = (
      <>
        <Text>{t('auth.setupIntro')}</Text>
        <ProblemAlert error={error ?? status.error} />
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput label={t('auth.organisationName')} required {...form.getInputProps('organisationName')} />
            <TextInput
              label={t('auth.displayName')}
              autoComplete="name"
              required
              {...form.getInputProps('displayName')}
            />
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <NewPasswordFields form={form} />
            <Button type="submit" loading={submitting}>
              {t('auth.setupSubmit')}
            </Button>
          </Stack>
        </form>
      </>
    );

  return (
    <Stack>
      <PageTitle>{t('auth.setupTitle')}</PageTitle>
      {body}
    </Stack>
  );
}
