import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Says whether the personal links of these e-mails are shown: in a demo they are (a banner says so, since reading
 * them would let anyone act as their recipient); otherwise they are hidden and only the recipient has them.
 */
export function PersonalLinksNotice({ linksShown }: { linksShown: boolean }) {
  const { t } = useTranslation();
  if (!linksShown) return <Text size="sm">{t('outbox.linksHidden')}</Text>;
  return (
    <Alert
      color="blue"
      variant="light"
      role="status"
      title={t('outbox.demoLinksTitle')}
      icon={<IconAlertTriangle aria-hidden />}
    >
      {t('outbox.demoLinks')}
    </Alert>
  );
}
