import { describe, expect, it } from 'vitest';
import { ENROLMENT_STATUSES, occupiesSeat, seatsLeft } from './enrolments.rules.js';

describe('occupiesSeat', () => {
  it('counts held, offered and confirmed places, and nothing else', () => {
    const occupying = ENROLMENT_STATUSES.filter(occupiesSeat);
    expect(occupying).toEqual(['held', 'offered', 'confirmed']);
  });
});

describe('seatsLeft', () => {
  it('is the capacity less the occupied seats, never negative', () => {
    expect(seatsLeft(8, 3)).toBe(5);
    expect(seatsLeft(8, 8)).toBe(0);
    expect(seatsLeft(1, 2)).toBe(0);
  });
});
