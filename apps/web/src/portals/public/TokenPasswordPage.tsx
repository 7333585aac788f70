import { useState } from 'react';
import { Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { PageTitle } from '../../ui/PageTitle';
import { PageLoader } from '../../ui/PageLoader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { ME_KEY, fetchTokenInfo, setPasswordWithToken } from '../../features/auth/api';
import { homePathFor } from '../../features/auth/home-path';
import { NewPasswordFields, validateNewPassword } from '../../features/auth/NewPasswordFields';

interface TokenPasswordPageProps {
  purpose: 'reset' | 'invite';
}

/** Both /reset-password?token= and /invitation?token=: check the link, then choose a password and log in. */
export function TokenPasswordPage({ purpose }: TokenPasswordPageProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const client = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const info = useQuery({
    queryKey: ['token', token],
    queryFn: () => fetchTokenInfo(token),
    enabled: token !== '',
    retry: false,
  });
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: (values) => validateNewPassword(values, t('auth.passwordsDiffer')),
  });
  const title = purpose === 'invite' ? t('auth.invitationTitle') : t('auth.resetTitle');

  const onSubmit = form.onSubmit(async ({ password }) => {
    setError(null);
    setSubmitting(true);
    try {
      const me = await setPasswordWithToken({ token, password });
      client.setQueryData(ME_KEY, me);
      void navigate(homePathFor(me.roles), { replace: true });
    } catch (err) {
      if (!applyProblemToForm(form, err)) setError(err);
    } finally {
      setSubmitting(false);
    }
  });

  let body;
  if (token === '') body = <Text role="alert">{t('auth.missingToken')}</Text>;
  else if (info.isPending) body = <PageLoader />;
  else if (info.error) body = <ProblemAlert error={info.error} />;
  else
    body = (
      <>
        <Text>
          {info.data.purpose === 'invite'
            ? t('auth.invitationIntro', { name: info.data.displayName, email: info.data.email })
            : t('auth.resetIntro', { email: info.data.email })}
        </Text>
        <ProblemAlert error={error} />
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <input type="hidden" name="username" value={info.data.email} autoComplete="username" readOnly />
            <NewPasswordFields form={form} />
            <Button type="submit" loading={submitting}>
              {t('auth.setPassword')}
            </Button>
          </Stack>
        </form>
      </>
    );

  return (
    <Stack>
      <PageTitle>{title}</PageTitle>
      {body}
      <Anchor component={Link} to={purpose === 'invite' ? '/login' : '/forgot-password'}>
        {purpose === 'invite' ? t('auth.backToLogin') : t('auth.forgotTitle')}
      </Anchor>
    </Stack>
  );
}
