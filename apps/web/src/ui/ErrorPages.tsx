import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from './PageTitle';

interface MessagePageProps {
  title: string;
  text: string;
  homePath?: string;
}

function MessagePage({ title, text, homePath = '/' }: MessagePageProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <PageTitle>{title}</PageTitle>
      <Text>{text}</Text>
      <Anchor component={Link} to={homePath}>
        {t('errors.goHome')}
      </Anchor>
    </Stack>
  );
}

export function AccessDeniedPage({ homePath }: { homePath?: string }) {
  const { t } = useTranslation();
  return <MessagePage title={t('errors.accessDeniedTitle')} text={t('errors.accessDeniedText')} homePath={homePath} />;
}

export function NotFoundPage({ homePath }: { homePath?: string }) {
  const { t } = useTranslation();
  return <MessagePage title={t('errors.notFoundTitle')} text={t('errors.notFoundText')} homePath={homePath} />;
}

export function CrashPage({ text }: { text: string }) {
  const { t } = useTranslation();
  return <MessagePage title={t('errors.crashTitle')} text={text} />;
}
