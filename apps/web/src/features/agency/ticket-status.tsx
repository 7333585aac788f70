import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '@contracts';
import { AGENCY_NS } from './agency-i18n';

export const TICKET_STATUSES = ['open', 'in_progress', 'solved'] as const;
/** Who may open a ticket or write in one (the API checks again); moving a ticket is accounts' job. */
export const TICKET_WRITERS: readonly Role[] = ['admin', 'sales', 'recruitment', 'followup', 'accounts'];
export const TICKET_MANAGERS: readonly Role[] = ['admin', 'accounts'];
const STATUS_COLOR: Record<string, string> = { open: 'red.9', in_progress: 'blue.9', solved: 'gray.8' };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation(AGENCY_NS);
  return (
    <Badge color={STATUS_COLOR[status] ?? 'blue.9'}>{t(`tickets.status.${status}`, { defaultValue: status })}</Badge>
  );
}
