import type { AuditEntry } from '@contracts';
import { apiGet } from '../../api/client';

export type HistoryEntityType =
  'family' | 'person' | 'teacher' | 'user' | 'teacher-application' | 'meeting' | 'settings';

export interface HistorySource {
  entityType: HistoryEntityType;
  entityId: string;
  /** Shown before the field name when several records are merged (e.g. a family and its members). */
  label?: string;
}

export const historyKey = (source: HistorySource) => ['history', source.entityType, source.entityId] as const;

export const getHistory = ({ entityType, entityId }: HistorySource) =>
  apiGet<AuditEntry[]>(`/api/history/${entityType}/${entityId}`);
