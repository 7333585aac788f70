import { Button, Menu } from '@mantine/core';
import { IconCalendarShare, IconCheck, IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../api/contract-values';
import { useChangeLanguage } from '../features/account/use-change-language';
import { ME_KEY, logout } from '../features/auth/api';
import { useCurrentUser } from '../features/auth/use-me';
import { setCsrfToken } from '../api/client';
import { currentLanguage } from '../i18n/i18n';

/** `defaultOpened`: the button was pressed before this code arrived (PortalShell loads it after the page). */
export function UserMenu({ defaultOpened = false }: { defaultOpened?: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const client = useQueryClient();
  const navigate = useNavigate();
  const changeLanguage = useChangeLanguage();
  const active = currentLanguage();
  // Each portal (office, teacher, family) has its own page for it, inside its own shell.
  const portal = useLocation().pathname.split('/')[1] ?? 'office';

  const onLogout = async () => {
    try {
      await logout();
    } finally {
      setCsrfToken(null);
      client.clear();
      client.setQueryData(ME_KEY, null);
      void navigate('/login', { replace: true });
    }
  };

  return (
    <Menu position="bottom-end" withinPortal={false} defaultOpened={defaultOpened}>
      <Menu.Target>
        <Button variant="default" rightSection={<IconChevronDown size={16} aria-hidden />}>
          {me.displayName}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.label')}</Menu.Label>
        {LOCALES.map((lang) => (
          <Menu.Item
            key={lang}
            aria-current={lang === active ? 'true' : undefined}
            lang={lang}
            leftSection={lang === active ? <IconCheck size={16} aria-hidden /> : <span style={{ width: 16 }} />}
            onClick={() => void changeLanguage(lang)}
          >
            {t(`language.${lang}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconKey size={16} aria-hidden />} onClick={() => void navigate(`/${portal}/password`)}>
          {t('auth.changeMenu')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconCalendarShare size={16} aria-hidden />}
          onClick={() => void navigate(`/${portal}/calendar`)}
        >
          {t('auth.calendarMenu')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void onLogout()}>
          {t('actions.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
