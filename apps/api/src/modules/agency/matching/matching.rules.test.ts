import { describe, expect, it } from 'vitest';
import {
  availabilityScore,
  candidateScore,
  distanceScore,
  hasRoomForNewStudent,
  isProposable,
  isWithinReach,
  loadScore,
  outcomesScore,
  overlappingSlots,
  PROPOSABLE_TEACHER_STATUS,
  stylesScore,
} from './matching.rules.js';

describe('matching rules', () => {
  it('never proposes a suspended or excluded teacher', () => {
    expect(PROPOSABLE_TEACHER_STATUS).toBe('active');
    expect(isProposable({ status: 'active' })).toBe(true);
    expect(isProposable({ status: 'suspended' })).toBe(false);
    expect(isProposable({ status: 'excluded' })).toBe(false);
    expect(isProposable(undefined)).toBe(false);
  });

  it('keeps teachers within their travel distance or working in the zone, and with room for a new student', () => {
    expect(isWithinReach(true, 8, 10, false)).toBe(true);
    expect(isWithinReach(true, 12, 10, false)).toBe(false);
    expect(isWithinReach(true, 12, 10, true)).toBe(true);
    expect(isWithinReach(false, null, 10, false)).toBe(true);
    expect(hasRoomForNewStudent(2, 1)).toBe(true);
    expect(hasRoomForNewStudent(2, 2)).toBe(false);
    expect(hasRoomForNewStudent(null, 0)).toBe(false);
  });

  it('scores each part between 0 and 1', () => {
    expect(distanceScore(false, null, 10)).toBe(1);
    expect(distanceScore(true, 5, 10)).toBe(0.5);
    expect(distanceScore(true, 15, 10)).toBe(0.5);
    expect(availabilityScore(1, 2)).toBe(0.5);
    expect(availabilityScore(0, 0)).toBe(0.5);
    expect(stylesScore(1, 2, true)).toBe(0.5);
    expect(stylesScore(0, 2, true)).toBe(0);
    expect(stylesScore(0, 0, false)).toBe(0.5);
    expect(loadScore(10, 40)).toBe(0.75);
    expect(loadScore(50, 40)).toBe(0);
    expect(outcomesScore(1)).toBe(0.5);
    const slots = [{ weekday: 3, start: 840, end: 1080 }];
    expect(overlappingSlots(slots, [{ weekday: 3, start: 1000, end: 1200 }], 45)).toBe(1);
    expect(overlappingSlots(slots, [{ weekday: 3, start: 1060, end: 1200 }], 45)).toBe(0);
  });

  it('ranks by the weighted mean of the parts, out of 100', () => {
    expect(
      candidateScore([
        { weight: 30, score: 1 },
        { weight: 10, score: 0 },
      ]),
    ).toBe(75);
    expect(candidateScore([{ weight: 0, score: 1 }])).toBe(0);
  });
});
