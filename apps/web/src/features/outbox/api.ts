import type { OutboxMessage } from '@contracts';
import { apiGet, type PageOf } from '../../api/client';

export const listOutbox = (cursor: string | null) => apiGet<PageOf<OutboxMessage>>('/api/outbox', { cursor });
export const getOutboxMessage = (id: string) => apiGet<OutboxMessage>(`/api/outbox/${id}`);
