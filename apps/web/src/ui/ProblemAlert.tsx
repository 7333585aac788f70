import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { fieldMessage } from '../api/form-errors';
import { errorMessage } from '../i18n/error-message';

interface ProblemAlertProps {
  error: unknown;
  /** Offered as a button when someone else changed the record (409 STALE_RECORD). */
  onReload?: () => void;
}

/**
 * A visible role="alert" with the localised message of an API error, and the message of each of its field errors
 * (shown here when the form has no field for some of them: nothing the server said is dropped).
 */
export function ProblemAlert({ error, onReload }: ProblemAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = isApiError(error) ? error.code : 'INTERNAL';
  const fields = isApiError(error) ? (error.problem.errors ?? []) : [];
  const messages = [...new Set(fields.map((item) => fieldMessage(item.code, item.message)))];
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(code)}</Text>
        {messages.length ? (
          <List size="sm">
            {messages.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        ) : null}
        {code === 'STALE_RECORD' && onReload ? (
          <Button size="xs" variant="default" onClick={onReload}>
            {t('actions.reload')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
