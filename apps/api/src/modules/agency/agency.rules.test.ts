import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import {
  canMoveStage,
  daysInStage,
  isOverdue,
  overdueBefore,
  requireStage,
  stageAfterAssignmentEnds,
  stageOwner,
} from './stages.rules.js';
import { ageOn, isValidBirthDate, needsGuardian } from './requests.rules.js';
import { familyRecipient, firstDebitDeadline } from './handover.rules.js';

describe('the agency loop’s rules', () => {
  it('gives each stage its owner: sales, then recruitment, then followup', () => {
    expect(stageOwner('new_request')).toBe('sales');
    expect(stageOwner('matching')).toBe('recruitment');
    expect(stageOwner('first_lesson_scheduled')).toBe('followup');
    expect(stageOwner('closed')).toBe('none');
  });

  it('allows an action only at its stages, refusing others with WRONG_STAGE (409)', () => {
    expect(canMoveStage('matching', ['matching'])).toBe(true);
    expect(canMoveStage('ongoing', ['matching'])).toBe(false);
    try {
      requireStage({ stage: 'closed' }, 'matching');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('WRONG_STAGE');
      expect((error as DomainError).status).toBe(409);
    }
  });

  it('marks a file overdue once it waited longer than its stage’s delay, never a closed one', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const before = overdueBefore({ matching: 7, closed: 1 }, now);
    expect(before.matching).toBe('2025-03-03T12:00:00.000Z');
    expect(isOverdue('matching', '2025-03-03T11:59:59.000Z', before)).toBe(true);
    expect(isOverdue('matching', '2025-03-03T12:00:00.000Z', before)).toBe(false);
    expect(isOverdue('closed', '2020-01-01T00:00:00.000Z', before)).toBe(false);
    expect(isOverdue('ongoing', '2020-01-01T00:00:00.000Z', before)).toBe(false);
    expect(daysInStage('2025-03-01T23:00:00.000Z', now)).toBe(9);
  });

  it('sends the file back to recruitment when an assignment ends for a new search', () => {
    expect(stageAfterAssignmentEnds(true)).toBe('matching');
    expect(stageOwner('matching')).toBe('recruitment');
    expect(stageAfterAssignmentEnds(false)).toBeNull();
  });

  it('computes ages on a date and asks a guardian for a minor', () => {
    expect(ageOn('2010-06-15', '2025-06-14')).toBe(14);
    expect(ageOn('2010-06-15', '2025-06-15')).toBe(15);
    expect(ageOn(null, '2025-06-15')).toBeNull();
    expect(isValidBirthDate('2030-01-01', '2025-06-15')).toBe(false);
    expect(needsGuardian(17)).toBe(true);
    expect(needsGuardian(18)).toBe(false);
  });

  it('puts the first debit within the setting’s days of the hand-over', () => {
    expect(firstDebitDeadline('2025-01-28', 9)).toBe('2025-02-06');
    expect(firstDebitDeadline('2025-01-28', 0)).toBe('2025-01-28');
  });

  it('writes to the first guardian with an e-mail, else an adult student with one', () => {
    const people = [
      { id: 's', kind: 'student', email: 's@example.org' },
      { id: 'g1', kind: 'guardian', email: null },
      { id: 'g2', kind: 'guardian', email: 'g2@example.org' },
    ];
    expect(familyRecipient(people, 's')?.id).toBe('g2');
    expect(familyRecipient([people[0]!], 's')?.id).toBe('s');
  });
});
