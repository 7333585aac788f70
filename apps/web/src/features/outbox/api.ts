import type { OutboxMessageDetail, OutboxPage } from '@contracts';
import { apiGet } from '../../api/client';

export const listOutbox = (cursor: string | null) => apiGet<OutboxPage>('/api/outbox', { cursor });
export const getOutboxMessage = (id: string) => apiGet<OutboxMessageDetail>(`/api/outbox/${id}`);
