import { addDays } from '../../platform/clock.js';

/**
 * The rules of private calendar feeds (issue 18, item 7): which days a feed covers, what a lesson's event says, and
 * when a meeting belongs in a teacher's calendar.
 */

/**
 * The days a feed lists: the past week (a lesson just missed stays visible) and the next eight weeks. Calendar apps
 * fetch a feed every few hours, so a later lesson appears in time; a whole season would be thousands of events.
 */
export function calendarFeedWindow(today: string): { start: string; end: string } {
  return { start: addDays(today, -7), end: addDays(today, 56) };
}

/** A course's lesson as an event: local start and end times (a floating time: the school's own clock). */
export function lessonTimes(date: string, startTime: string, durationMinutes: number): { start: string; end: string } {
  const [hours, minutes] = startTime.split(':').map(Number) as [number, number];
  const endMinutes = hours * 60 + minutes + durationMinutes;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    start: `${date}T${pad(hours)}:${pad(minutes)}:00`,
    end: `${date}T${pad(Math.floor(endMinutes / 60) % 24)}:${pad(endMinutes % 60)}:00`,
  };
}

/** A teacher's meeting shows unless they declined it. */
export function meetingInTeacherCalendar(response: string | null): boolean {
  return response !== 'no';
}
