import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ATTENDANCE_NS } from './attendance-i18n';

/**
 * The period shown, with buttons to the previous, current and next one; its words (`previous`, `next`, `current`,
 * `period`) from attendance's namespace, or another's (teachers' hours name months).
 */
export function PeriodPicker({
  period,
  periods,
  onChange,
  ns = ATTENDANCE_NS,
}: {
  period: string;
  periods: { current: string; previous: string; next: string };
  onChange: (key: string) => void;
  ns?: string;
}) {
  const { t } = useTranslation(ns);
  return (
    <Group gap="xs" wrap="wrap">
      <Button variant="default" size="compact-md" onClick={() => onChange(periods.previous)}>
        {t('previous')}
      </Button>
      <Text fw={600}>{t('period', { period })}</Text>
      <Button variant="default" size="compact-md" onClick={() => onChange(periods.next)}>
        {t('next')}
      </Button>
      {period !== periods.current ? (
        <Button variant="subtle" size="compact-md" onClick={() => onChange(periods.current)}>
          {t('current')}
        </Button>
      ) : null}
    </Group>
  );
}
