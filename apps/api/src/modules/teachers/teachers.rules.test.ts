import { describe, expect, it } from 'vitest';
import {
  applicationAcceptable,
  applicationMayMove,
  definitiveSuspensionApproved,
  exclusionApprovals,
  incidentWindowStart,
  interviewOpen,
  hasLowActivity,
  lowActivityPeriod,
  meetingRuleOutcome,
  missedMeetingGraceLimit,
  repeatedIncidents,
  suspensionEndAcceptable,
  teacherStatusFrom,
} from './teachers.rules.js';

describe('teachers rules', () => {
  it('moves an application only along its stages; accepts only a complete interview', () => {
    expect(applicationMayMove('new', 'called')).toBe(true);
    expect(applicationMayMove('called', 'interview_done')).toBe(true);
    expect(applicationMayMove('new', 'interview_done')).toBe(false);
    expect(applicationMayMove('new', 'accepted')).toBe(false);
    expect(applicationMayMove('declined', 'called')).toBe(false);
    expect(interviewOpen('called')).toBe(true);
    expect(interviewOpen('accepted')).toBe(false);
    const done = {
      status: 'interview_done',
      interview_background: 'Conservatoire',
      interview_approach: 'Le plaisir',
      interview_conditions_explained: 1,
    };
    expect(applicationAcceptable(done)).toBe('ok');
    expect(applicationAcceptable({ ...done, status: 'called' })).toBe('APPLICATION_TRANSITION_INVALID');
    expect(applicationAcceptable({ ...done, interview_conditions_explained: 0 })).toBe('INTERVIEW_INCOMPLETE');
    expect(applicationAcceptable({ ...done, interview_approach: null })).toBe('INTERVIEW_INCOMPLETE');
  });

  it('suspends a teacher invited several times who never attended, until they attend', () => {
    const never = { attended: 0, teacherStatus: 'active', automaticSuspension: null, threshold: 3 };
    expect(meetingRuleOutcome({ ...never, missed: 2 })).toBeNull();
    expect(meetingRuleOutcome({ ...never, missed: 3 })).toBe('suspend');
    // Suspended once: never again, even after staff lifted it by hand.
    expect(meetingRuleOutcome({ ...never, missed: 5, automaticSuspension: 'lifted' })).toBeNull();
    expect(meetingRuleOutcome({ ...never, missed: 5, teacherStatus: 'excluded' })).toBeNull();
    expect(meetingRuleOutcome({ ...never, missed: 5, teacherStatus: 'inactive' })).toBeNull();
    // Attending lifts the automatic suspension still in force, and only that.
    expect(meetingRuleOutcome({ ...never, attended: 1, missed: 5, automaticSuspension: 'active' })).toBe('lift');
    expect(meetingRuleOutcome({ ...never, attended: 1, missed: 5, automaticSuspension: 'lifted' })).toBeNull();
    expect(meetingRuleOutcome({ ...never, attended: 1, missed: 5 })).toBeNull();
    expect(missedMeetingGraceLimit(new Date('2026-03-10T12:00:00Z'), 7)).toBe('2026-03-03T12:00:00.000Z');
  });

  it('makes a definitive exclusion a group decision: never the proposer alone, blocked by an objection', () => {
    const proposer = 'u-proposer';
    expect(definitiveSuspensionApproved([{ userId: proposer, vote: 'approve' }], 1, proposer)).toBe(false);
    const one = [
      { userId: proposer, vote: 'approve' },
      { userId: 'u-1', vote: 'approve' },
    ];
    expect(exclusionApprovals(one, proposer)).toBe(1);
    expect(definitiveSuspensionApproved(one, 2, proposer)).toBe(false);
    const two = [...one, { userId: 'u-2', vote: 'approve' }];
    expect(definitiveSuspensionApproved(two, 2, proposer)).toBe(true);
    expect(definitiveSuspensionApproved([...two, { userId: 'u-3', vote: 'object' }], 2, proposer)).toBe(false);
    expect(definitiveSuspensionApproved([...two, { userId: 'u-3', vote: 'withdrawn' }], 2, proposer)).toBe(true);
  });

  it('ends a temporary suspension on a date still to come', () => {
    expect(suspensionEndAcceptable(null, '2026-03-10')).toBe(true);
    expect(suspensionEndAcceptable('2026-03-11', '2026-03-10')).toBe(true);
    expect(suspensionEndAcceptable('2026-03-10', '2026-03-10')).toBe(false);
  });

  it('derives the teacher status: exclusion first, then temporary suspensions, inactive kept', () => {
    const active = { status: 'active', status_reason: null, status_until: null };
    const meetings = { kind: 'temporary', reason_code: 'meetings', reason: 'm', until_date: null };
    const manual = { kind: 'temporary', reason_code: 'manual', reason: 'Pause', until_date: '2026-04-01' };
    const exclusion = { kind: 'definitive', reason_code: 'manual', reason: 'Comportement', until_date: null };
    expect(teacherStatusFrom(active, []).next).toEqual(active);
    expect(teacherStatusFrom(active, [manual]).next).toEqual({
      status: 'suspended',
      status_reason: 'Pause',
      status_until: '2026-04-01',
    });
    expect(teacherStatusFrom(active, [manual, meetings])).toEqual({
      next: { status: 'suspended', status_reason: 'meetings', status_until: null },
      cause: meetings,
    });
    expect(teacherStatusFrom(active, [manual, exclusion]).next.status).toBe('excluded');
    const inactive = { status: 'inactive', status_reason: 'left', status_until: null };
    expect(teacherStatusFrom(inactive, [manual]).next).toEqual(inactive);
    expect(teacherStatusFrom(inactive, [exclusion]).next.status).toBe('excluded');
  });

  it('flags repeated incidents once the window holds the threshold, keyed by the oldest', () => {
    expect(repeatedIncidents(['a', 'b'], 3)).toBeNull();
    expect(repeatedIncidents(['a', 'b', 'c'], 3)).toBe('a');
    expect(incidentWindowStart('2026-03-10', 90)).toBe('2025-12-10');
  });

  it('counts low activity over the last period up to today', () => {
    expect(lowActivityPeriod('2026-03-10', 60)).toEqual({ since: '2026-01-09', until: '2026-03-10' });
  });

  it('has few lessons below the minimum of given lessons (the page and the agency dashboard alike)', () => {
    expect(hasLowActivity(3, 4)).toBe(true);
    expect(hasLowActivity(4, 4)).toBe(false);
    expect(hasLowActivity(0, 1)).toBe(true);
  });
});
