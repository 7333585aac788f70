import { PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's PasswordInput with its show/hide button named in the reader's language (Mantine's own name is
 * English), and a name without "password" in it, so that the field's label stays the only one that says it.
 * Mantine's password input does not mark itself invalid when it shows an error (its other inputs do): set here, so
 * a server error on a password is announced as such, like on every other field.
 */
export function PasswordField(props: PasswordInputProps) {
  const { t } = useTranslation();
  return (
    <PasswordInput
      aria-invalid={props.error ? true : undefined}
      {...props}
      visibilityToggleButtonProps={{
        'aria-label': t('actions.showHideCharacters'),
        ...props.visibilityToggleButtonProps,
      }}
    />
  );
}
