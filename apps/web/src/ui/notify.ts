import i18next from 'i18next';

/**
 * A short confirmation toast; its close button is labelled in the current language. The toasts' code comes after
 * the page (App.tsx loads their container once the page shows), so it is imported here when the first one is shown:
 * a page that may show one does not carry it in its first load.
 */
export function notify(message: string, kind: 'success' | 'error' = 'success'): void {
  void import('@mantine/notifications').then(({ notifications }) =>
    notifications.show({
      message,
      color: kind === 'error' ? 'red' : 'blue',
      closeButtonProps: { 'aria-label': i18next.t('actions.close') },
    }),
  );
}
