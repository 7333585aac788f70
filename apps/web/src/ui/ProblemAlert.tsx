import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage } from '../i18n/error-message';

interface ProblemAlertProps {
  error: unknown;
  /** Offered as a button when someone else changed the record (409 STALE_RECORD). */
  onReload?: () => void;
}

/** A visible role="alert" with the localised message of an API error. */
export function ProblemAlert({ error, onReload }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'INTERNAL';
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(code)}</Text>
        {code === 'STALE_RECORD' && onReload ? (
          <Button size="xs" variant="default" onClick={onReload}>
            {t('actions.reload')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
