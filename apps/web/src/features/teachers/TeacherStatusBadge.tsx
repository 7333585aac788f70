import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

const COLORS: Record<string, string> = {
  active: 'green',
  suspended: 'orange',
  excluded: 'red',
  applicant: 'yellow',
  inactive: 'gray',
};

export function TeacherStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="dot" color={COLORS[status] ?? 'gray'}>
      {t(`teachers.statuses.${status}`, { defaultValue: status })}
    </Badge>
  );
}
