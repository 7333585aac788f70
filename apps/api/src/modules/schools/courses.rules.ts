import type { CourseLesson, DistancePeriod } from '@contracts';
import type { FieldIssue } from '../../platform/errors.js';

/**
 * What is wrong with a date range a course switches to distance, per field: it ends before it starts, it leaves
 * the course's season, or nobody gave a video link (neither the range nor the course has one).
 */
export function distancePeriodProblems(
  range: { start: string; end: string; videoLink?: string | null },
  season: { start: string; end: string },
  courseVideoLink: string | null,
): FieldIssue[] {
  const problems: FieldIssue[] = [];
  if (range.end < range.start) problems.push({ field: 'end', code: 'DISTANCE_ENDS_BEFORE_START' });
  if (range.start < season.start || range.start > season.end)
    problems.push({ field: 'start', code: 'DISTANCE_OUTSIDE_SEASON' });
  else if (range.end > season.end) problems.push({ field: 'end', code: 'DISTANCE_OUTSIDE_SEASON' });
  if (!range.videoLink && !courseVideoLink) problems.push({ field: 'videoLink', code: 'DISTANCE_NEEDS_LINK' });
  return problems;
}

/**
 * Why a distance period can no longer be cancelled, on its `end` field: it ended before today (its lessons were held
 * at distance and stay so in the record). A period in progress may be cancelled: its remaining lessons go back to
 * the room.
 */
export function distanceCancelProblems(period: { end: string }, today: string): FieldIssue[] {
  return period.end < today ? [{ field: 'end', code: 'DISTANCE_PERIOD_ENDED' }] : [];
}

/**
 * A course's lessons with where each is held: every lesson of a distance course, and every lesson of a room course
 * that falls in one of its distance periods (the latest period wins where two overlap), is at distance with the
 * period's (or the course's) video link.
 */
export function lessonsWithModes(
  dates: readonly string[],
  course: { roomId: string | null; videoLink: string | null },
  periods: readonly Pick<DistancePeriod, 'start' | 'end' | 'videoLink'>[],
): CourseLesson[] {
  return dates.map((date) => {
    const period = periods.findLast((p) => p.start <= date && date <= p.end);
    if (period) return { date, distance: true, videoLink: period.videoLink };
    if (!course.roomId) return { date, distance: true, videoLink: course.videoLink };
    return { date, distance: false, videoLink: null };
  });
}

/** How a course is named in sheets, notices, reports and the family portal: "piano — Débutant, 17:00". */
export function courseLabel(course: { discipline: string; level: string; start_time: string }): string {
  return `${course.discipline} — ${course.level}, ${course.start_time}`;
}
