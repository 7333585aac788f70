import { z } from 'zod';
import { Id } from './common.js';

/**
 * Private calendar feeds (issue 18, item 7): a teacher's lessons and meetings, a family's children's lessons, a
 * school's courses for its staff, as an iCalendar URL a calendar app subscribes to. The URL is a secret: shown once.
 */
export const CALENDAR_FEED_SCOPES = ['teacher', 'family', 'school'] as const;
export const CalendarFeedScope = z.enum(CALENDAR_FEED_SCOPES);

/** A feed the user may have: their own as a teacher or a family, or one per school they work for. */
export const CalendarFeedSubject = z.object({
  scope: CalendarFeedScope,
  schoolId: Id.nullable(),
  schoolName: z.string().nullable(),
});

export const CalendarFeed = CalendarFeedSubject.extend({
  id: Id,
  createdAt: z.string(),
  /** when a calendar app last fetched it */
  lastReadAt: z.string().nullable(),
});

export const CalendarFeeds = z.object({
  feeds: z.array(CalendarFeed),
  /** what the user may subscribe to, with or without a feed yet */
  subjects: z.array(CalendarFeedSubject),
});

export const CreateCalendarFeedBody = z.object({ scope: CalendarFeedScope, schoolId: Id.optional() });

/** A feed just made: its URL, shown this once (a new one revokes the old). */
export const CreatedCalendarFeed = CalendarFeed.extend({ url: z.string() });
