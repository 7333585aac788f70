import { Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/use-me';
import { TasksPanel } from '../../features/agency/TasksPanel';
import { PageTitle } from '../../ui/PageTitle';
import { OFFICE_ACCESS } from './office-access';

/** Every staff member's home: a welcome, their roles, and their services' tasks of the day. */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const canComplete = me.roles.some((role) => (OFFICE_ACCESS.completeTasks as readonly string[]).includes(role));
  return (
    <Stack>
      <PageTitle>{t('dashboard.title')}</PageTitle>
      <Text size="lg">{t('dashboard.welcome', { name: me.displayName })}</Text>
      <Title order={2} size="h4">
        {t('dashboard.yourRoles')}
      </Title>
      <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {me.roles.map((role) => (
          <li key={role}>
            <Badge variant="light">{t(`roles.${role}`)}</Badge>
          </li>
        ))}
      </Group>
      <TasksPanel canComplete={canComplete} />
    </Stack>
  );
}
