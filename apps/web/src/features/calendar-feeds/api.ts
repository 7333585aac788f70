import type { z } from 'zod';
import type { CalendarFeeds, CalendarFeedSubject, CreatedCalendarFeed } from '@contracts';
import { apiDelete, apiGet, apiPost } from '../../api/client';

export type Feeds = z.infer<typeof CalendarFeeds>;
export type Subject = z.infer<typeof CalendarFeedSubject>;
export type CreatedFeed = z.infer<typeof CreatedCalendarFeed>;

export const FEEDS_KEY = ['calendar-feeds'] as const;
export const calendarFeeds = () => apiGet<Feeds>('/api/calendar-feeds');
export const createFeed = (subject: Subject) =>
  apiPost<CreatedFeed>('/api/calendar-feeds', {
    scope: subject.scope,
    ...(subject.schoolId ? { schoolId: subject.schoolId } : {}),
  });
export const revokeFeed = (id: string) => apiDelete<Feeds>(`/api/calendar-feeds/${id}`);
