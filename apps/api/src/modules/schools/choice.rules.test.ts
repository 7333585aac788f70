import { describe, expect, it } from 'vitest';
import {
  byWaitingOrder,
  choiceWindowEnd,
  offerExpiresAt,
  offerHasExpired,
  offersToMake,
  seatForNewcomer,
  waveIsOpen,
  waveOf,
  waveOpensAt,
} from './choice.rules.js';

describe('timetable choice rules', () => {
  it('closes the priority window after the deadline day, or at the season opening set by the secretariat', () => {
    expect(choiceWindowEnd('2027-06-15', null)?.toISOString()).toBe('2027-06-16T00:00:00.000Z');
    expect(choiceWindowEnd('2027-06-15T10:00:00.000Z', '2027-01-01')?.toISOString()).toBe('2027-06-15T10:00:00.000Z');
    expect(choiceWindowEnd(null, '2027-06-20')?.toISOString()).toBe('2027-06-20T00:00:00.000Z');
    expect(choiceWindowEnd(null, null)).toBeNull();
  });

  it('puts ranks in waves of the wave size, rank 1 in the first', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((rank) => waveOf(rank, 3))).toEqual([0, 0, 0, 1, 1, 1, 2]);
    expect(waveOf(5, 0)).toBe(4);
  });

  it('opens each wave one interval after the previous, the first at the end of the window', () => {
    const end = new Date('2027-06-16T00:00:00.000Z');
    expect(waveOpensAt(end, 0, 24).toISOString()).toBe('2027-06-16T00:00:00.000Z');
    expect(waveOpensAt(end, 2, 24).toISOString()).toBe('2027-06-18T00:00:00.000Z');
    expect(waveIsOpen(waveOpensAt(end, 1, 12), new Date('2027-06-16T11:59:59.000Z'))).toBe(false);
    expect(waveIsOpen(waveOpensAt(end, 1, 12), new Date('2027-06-16T12:00:00.000Z'))).toBe(true);
  });

  it('lets an offer lapse after N days, accepting at the instant of expiry being too late', () => {
    const expires = offerExpiresAt(new Date('2027-06-16T09:00:00.000Z'), 3).toISOString();
    expect(expires).toBe('2027-06-19T09:00:00.000Z');
    expect(offerHasExpired(expires, new Date('2027-06-19T08:59:59.000Z'))).toBe(false);
    expect(offerHasExpired(expires, new Date('2027-06-19T09:00:00.000Z'))).toBe(true);
  });

  it('keeps freed seats for the waiting list before newcomers', () => {
    expect(seatForNewcomer(1, 0)).toBe(true);
    expect(seatForNewcomer(1, 1)).toBe(false);
    expect(seatForNewcomer(0, 0)).toBe(false);
    expect(offersToMake(2, 5)).toBe(2);
    expect(offersToMake(3, 1)).toBe(1);
    expect(offersToMake(0, 4)).toBe(0);
  });

  it('orders the waiting list by arrival, then id', () => {
    const list = [
      { id: 'b', waiting_since: '2027-06-16T10:00:00.000Z' },
      { id: 'c', waiting_since: '2027-06-16T09:00:00.000Z' },
      { id: 'a', waiting_since: '2027-06-16T10:00:00.000Z' },
    ];
    expect([...list].sort(byWaitingOrder).map((e) => e.id)).toEqual(['c', 'a', 'b']);
  });
});
