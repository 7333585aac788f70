import type { ApplicationStatus } from '@contracts';
import { addDays } from '../../platform/clock.js';

/**
 * The teachers' lifecycle rules of DOMAIN.md, as pure functions over what the repositories read. Each is listed
 * in docs/RULES.md with its test.
 */

/** The application pipeline: each stage and where it may go next ("accepted" only through acceptance). */
export const APPLICATION_NEXT: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  new: ['called', 'declined', 'withdrawn'],
  called: ['interview_done', 'declined', 'withdrawn'],
  interview_done: ['declined', 'withdrawn'],
  accepted: [],
  declined: [],
  withdrawn: [],
};

/** May an application move from its stage to this one? */
export function applicationMayMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return APPLICATION_NEXT[from].includes(to);
}

/** The interview is recorded (and corrected) until a decision is taken. */
export function interviewOpen(status: string): boolean {
  return ['new', 'called', 'interview_done'].includes(status);
}

/**
 * "If both agree, the teacher profile is created": only after the interview, and only once the interview covered
 * the musical background, the teaching approach and the agency's conditions.
 */
export function applicationAcceptable(application: {
  status: string;
  interview_background: string | null;
  interview_approach: string | null;
  interview_conditions_explained: number;
}): 'ok' | 'APPLICATION_TRANSITION_INVALID' | 'INTERVIEW_INCOMPLETE' {
  if (application.status !== 'interview_done') return 'APPLICATION_TRANSITION_INVALID';
  if (
    !application.interview_background ||
    !application.interview_approach ||
    application.interview_conditions_explained !== 1
  )
    return 'INTERVIEW_INCOMPLETE';
  return 'ok';
}

type MeetingRuleFacts = {
  /** Meetings the teacher attended. */
  attended: number;
  teacherStatus: string;
  /** The automatic suspension's status, or null when there never was one. */
  automaticSuspension: string | null;
};

/** Can missed meetings still decide (never attended, never suspended for it, neither excluded nor inactive)? */
export function meetingRuleMaySuspend(facts: MeetingRuleFacts): boolean {
  if (facts.attended > 0 || facts.automaticSuspension !== null) return false;
  return facts.teacherStatus !== 'excluded' && facts.teacherStatus !== 'inactive';
}

/**
 * "Every teacher must attend a pedagogical meeting at least once; invited several times and never attended →
 * temporarily suspended until they attend." Over the counts the repository reads: a teacher who attended once is
 * freed from the automatic suspension (if it is still active); one who missed `threshold` meetings and was never
 * suspended for it is suspended. A suspension staff lifted by hand is not re-created (that is a staff decision),
 * and excluded or inactive teachers are left alone.
 */
export function meetingRuleOutcome(
  facts: MeetingRuleFacts & { missed: number; threshold: number },
): 'suspend' | 'lift' | null {
  if (facts.attended > 0) return facts.automaticSuspension === 'active' ? 'lift' : null;
  return meetingRuleMaySuspend(facts) && facts.missed >= facts.threshold ? 'suspend' : null;
}

/**
 * A meeting counts as missed once it is over AND staff recorded its attendance, or once the grace period after it
 * has passed (a teacher who came is not suspended in the hours before staff fill the sheet): the instant before
 * which a meeting without recorded attendance counts.
 */
export function missedMeetingGraceLimit(now: Date, graceDays: number): string {
  return new Date(now.getTime() - graceDays * 86_400_000).toISOString();
}

export type ExclusionVote = { userId: string; vote: string };

/** Approvals that count for a definitive exclusion: other people's, never the proposer's own. */
export function exclusionApprovals(votes: readonly ExclusionVote[], proposedBy: string | null): number {
  return votes.filter((v) => v.vote === 'approve' && v.userId !== proposedBy).length;
}

/**
 * "A definitive suspension is always a group decision: proposed by one staff member, approved by at least two
 * others (a setting), never by one person alone." A standing objection blocks the decision until its author
 * withdraws it (a request to talk, not a veto for ever).
 */
export function definitiveSuspensionApproved(
  votes: readonly ExclusionVote[],
  required: number,
  proposedBy: string | null,
): boolean {
  const objections = votes.filter((v) => v.vote === 'object').length;
  return exclusionApprovals(votes, proposedBy) >= required && objections === 0;
}

/** A temporary suspension "until a date" needs a date still to come. */
export function suspensionEndAcceptable(untilDate: string | null | undefined, today: string): boolean {
  return !untilDate || untilDate > today;
}

type SuspensionInForce = {
  kind: string;
  reason_code: string;
  reason: string;
  until_date: string | null;
};
export type TeacherStatusFields = { status: string; status_reason: string | null; status_until: string | null };

/**
 * The teacher's status from the suspensions in force: an effective definitive exclusion wins, then any temporary
 * suspension in force (automatic for meetings, or decided by followup), else active. An 'inactive' teacher (left
 * of their own accord) keeps that status unless excluded. "Until" is known only when every suspension in force
 * ends on a date; a condition keeps it open.
 */
export function teacherStatusFrom<S extends SuspensionInForce>(
  current: TeacherStatusFields,
  inForce: readonly S[],
): { next: TeacherStatusFields; cause: S | undefined } {
  const exclusion = inForce.find((s) => s.kind === 'definitive');
  const temporary = inForce.filter((s) => s.kind === 'temporary');
  const meetings = temporary.find((s) => s.reason_code === 'meetings');
  const manual = temporary.find((s) => s.reason_code === 'manual');
  if (exclusion)
    return { next: { status: 'excluded', status_reason: exclusion.reason, status_until: null }, cause: exclusion };
  if (current.status === 'inactive')
    return {
      next: { status: 'inactive', status_reason: current.status_reason, status_until: current.status_until },
      cause: undefined,
    };
  if (temporary.length) {
    const dates = temporary.map((s) => s.until_date);
    const until = dates.every((d) => d) ? ((dates as string[]).sort().at(-1) ?? null) : null;
    return {
      next: {
        status: 'suspended',
        status_reason: meetings ? 'meetings' : (manual?.reason ?? null),
        status_until: until,
      },
      cause: meetings ?? manual,
    };
  }
  return { next: { status: 'active', status_reason: null, status_until: null }, cause: undefined };
}

/**
 * "Repeated lateness or last-minute cancellations": `threshold` incidents within the window give followup one
 * "call both sides" task, keyed by the oldest incident of the window (more incidents in the same run of trouble
 * do not pile up tasks; a new run later gets a new one). Returns that oldest incident, or null below the threshold.
 */
export function repeatedIncidents<I>(recentOldestFirst: readonly I[], threshold: number): I | null {
  const oldest = recentOldestFirst[0];
  return recentOldestFirst.length >= threshold && oldest !== undefined ? oldest : null;
}

/** The first day of the incident window that ends today. */
export function incidentWindowStart(today: string, windowDays: number): string {
  return addDays(today, -windowDays);
}

/**
 * "Low activity: teachers with few recorded lessons over a period": the period is the last `periodDays` up to
 * today; a teacher with fewer than `minLessons` given lessons in it is listed (counted by
 * `lowActivityTeachersPage`, over GIVEN_LESSON_STATUSES).
 */
export function lowActivityPeriod(today: string, periodDays: number): { since: string; until: string } {
  return { since: addDays(today, -periodDays), until: today };
}

/**
 * "Few lessons" — one definition for the low-activity page and the agency dashboard: fewer than `minLessons` given
 * lessons (done or late, never cancelled) over `lowActivityPeriod` (the SQL of `lowActivityTeachersPage` says the same).
 */
export function hasLowActivity(givenLessons: number, minLessons: number): boolean {
  return givenLessons < minLessons;
}
