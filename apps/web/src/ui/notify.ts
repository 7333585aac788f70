import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short confirmation toast; its close button is labelled in the current language. */
export function notify(message: string, kind: 'success' | 'error' = 'success'): void {
  notifications.show({
    message,
    color: kind === 'error' ? 'red' : 'blue',
    closeButtonProps: { 'aria-label': i18next.t('actions.close') },
  });
}
