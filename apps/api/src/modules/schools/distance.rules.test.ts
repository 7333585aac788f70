import { describe, expect, it } from 'vitest';
import {
  ackDeadline,
  ackMayMark,
  ackState,
  deadlineMayMark,
  materialRecipients,
  mayPostMaterial,
} from './distance.rules.js';

describe('distance lessons’ rules', () => {
  it('takes material for a distance lesson from its day on, never for one held on site', () => {
    expect(mayPostMaterial({ distance: true, date: '2026-11-18' }, '2026-11-18')).toBe(true);
    expect(mayPostMaterial({ distance: true, date: '2026-11-18' }, '2026-11-30')).toBe(true);
    expect(mayPostMaterial({ distance: true, date: '2026-11-25' }, '2026-11-20')).toBe(false);
    expect(mayPostMaterial({ distance: false, date: '2026-11-18' }, '2026-11-20')).toBe(false);
  });

  it('sends to every student expected, or to the one named if expected', () => {
    expect(materialRecipients(['a', 'b'], null)).toEqual(['a', 'b']);
    expect(materialRecipients(['a', 'b'], 'b')).toEqual(['b']);
    expect(materialRecipients(['a', 'b'], 'c')).toBeNull();
    expect(materialRecipients([], null)).toEqual([]);
  });

  it('gives days after the lesson, or after a later posting, to say "ok"', () => {
    expect(ackDeadline('2026-11-18', '2026-11-18', 3)).toBe('2026-11-21');
    expect(ackDeadline('2026-11-18', '2026-11-20', 3)).toBe('2026-11-23');
    expect(ackDeadline('2026-12-30', '2026-12-30', 3)).toBe('2027-01-02');
    expect(ackDeadline('2026-11-18', '2026-11-18', 0)).toBe('2026-11-18');
  });

  it('keeps an acknowledgement open up to its last day included', () => {
    const open = { acknowledged_at: null, lapsed_at: null, ack_until: '2026-11-23' };
    expect(ackState(open, '2026-11-23')).toBe('open');
    expect(ackState(open, '2026-11-24')).toBe('expired');
    expect(ackState({ ...open, lapsed_at: '2026-11-24T00:00:00Z' }, '2026-11-20')).toBe('expired');
    expect(ackState({ ...open, acknowledged_at: '2026-11-21T09:00:00Z' }, '2026-12-01')).toBe('acknowledged');
  });

  it('never writes over the teacher’s own mark; the deadline writes only where nobody marked', () => {
    expect(ackMayMark(undefined)).toBe(true);
    expect(ackMayMark({ source: 'deadline' })).toBe(true);
    expect(ackMayMark({ source: 'acknowledgement' })).toBe(true);
    expect(ackMayMark({ source: 'teacher' })).toBe(false);
    expect(deadlineMayMark(undefined)).toBe(true);
    expect(deadlineMayMark({ source: 'acknowledgement' })).toBe(false);
    expect(deadlineMayMark({ source: 'teacher' })).toBe(false);
  });
});
