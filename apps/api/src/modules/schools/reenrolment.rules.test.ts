import { describe, expect, it } from 'vitest';
import {
  campaignDeadline,
  continuingCourse,
  heldSeatExpired,
  packFees,
  packOpen,
  reminderDue,
  reminderToSend,
  seatStatusAfterAnswer,
} from './reenrolment.rules.js';

const last = {
  id: 'l',
  school_id: 's1',
  discipline: 'piano',
  kind: 'individual',
  level: 'Cycle 1',
  teacher_id: 't1',
  weekday: 1,
  start_time: '10:00',
};

describe('continuingCourse', () => {
  it('keeps school, discipline, kind and level; prefers same teacher and slot, then smallest id', () => {
    const other = { ...last, id: 'a', teacher_id: 't2' };
    const sameTeacher = { ...last, id: 'b', weekday: 2 };
    const sameBoth = { ...last, id: 'c' };
    expect(continuingCourse(last, [other, sameTeacher, sameBoth])?.id).toBe('c');
    expect(continuingCourse(last, [other, sameTeacher])?.id).toBe('b');
    expect(continuingCourse(last, [{ ...other, id: 'z' }, other])?.id).toBe('a');
  });
  it('finds none in another school, discipline, kind or level, or a suspended course', () => {
    const candidates = [
      { ...last, id: '1', school_id: 's2' },
      { ...last, id: '2', discipline: 'violin' },
      { ...last, id: '3', kind: 'group' },
      { ...last, id: '4', level: 'Cycle 2' },
      { ...last, id: '5', status: 'suspended' },
    ];
    expect(continuingCourse(last, candidates)).toBeNull();
  });
});

describe('campaignDeadline, heldSeatExpired, packOpen', () => {
  it('counts the priority days from today; a held seat is kept through the deadline', () => {
    expect(campaignDeadline('2027-05-03', 30)).toBe('2027-06-02');
    expect(heldSeatExpired('2027-06-02', '2027-06-02')).toBe(false);
    expect(heldSeatExpired('2027-06-02', '2027-06-03')).toBe(true);
  });
  it('lets a pack be answered once, until the deadline', () => {
    expect(packOpen(null, '2027-06-02', '2027-06-02')).toBe(true);
    expect(packOpen(null, '2027-06-02', '2027-06-03')).toBe(false);
    expect(packOpen('confirmed', '2027-06-02', '2027-05-10')).toBe(false);
  });
});

describe('reminderDue', () => {
  it('is due from the day on, until the deadline; one reminder when a sweep catches up', () => {
    expect(reminderDue('2027-06-02', '2027-05-18', [14, 3])).toEqual([]);
    expect(reminderDue('2027-06-02', '2027-05-19', [14, 3])).toEqual([14]);
    expect(reminderDue('2027-06-02', '2027-05-31', [14, 3])).toEqual([14, 3]);
    expect(reminderToSend('2027-06-02', '2027-05-31', [14, 3])).toBe(3);
    expect(reminderDue('2027-06-02', '2027-06-03', [14, 3])).toEqual([]);
    expect(reminderToSend('2027-06-02', '2027-05-01', [14, 3])).toBeNull();
  });
});

describe('packFees and seatStatusAfterAnswer', () => {
  it('reads the course fee by discipline and length; no tariffs: fees to be voted', () => {
    const tariffs = {
      membershipFeeCents: 2500,
      courseFees: [{ discipline: 'piano', durationMinutes: 30, feeCents: 45000 }],
    };
    const piano = { discipline: 'piano', durationMinutes: 30 };
    expect(packFees(tariffs, [piano, { ...piano, durationMinutes: 45 }, null])).toEqual({
      feesVoted: true,
      membershipFeeCents: 2500,
      courseFeeCents: [45000, null, null],
    });
    expect(packFees(null, [piano])).toEqual({ feesVoted: false, membershipFeeCents: null, courseFeeCents: [null] });
  });
  it('keeps the seat on a confirmation, frees it otherwise', () => {
    expect(seatStatusAfterAnswer('confirmed')).toBe('confirmed');
    expect(seatStatusAfterAnswer('declined')).toBe('declined');
    expect(seatStatusAfterAnswer('changed')).toBe('released');
  });
});
