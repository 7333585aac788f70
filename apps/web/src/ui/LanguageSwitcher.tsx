import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@contracts';
import { LOCALES } from '../api/contract-values';
import { currentLanguage } from '../i18n/i18n';

/** Two toggle buttons, each labelled in its own language; `onChange` switches (and remembers) the language. */
export function LanguageSwitcher({ onChange }: { onChange: (lang: Locale) => unknown }) {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <Group gap={4} role="group" aria-label={t('language.label')}>
      {LOCALES.map((lang) => (
        <Button
          key={lang}
          size="compact-sm"
          variant={lang === active ? 'filled' : 'default'}
          aria-pressed={lang === active}
          lang={lang}
          onClick={() => void onChange(lang)}
        >
          {t(`language.${lang}`)}
        </Button>
      ))}
    </Group>
  );
}
