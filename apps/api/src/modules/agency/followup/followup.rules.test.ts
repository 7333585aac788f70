import { describe, expect, it } from 'vitest';
import { checkInOccurrence, dueReminderDay, isChargedWithoutLesson, needsFirstLessonAlert } from './followup.rules.js';

describe('follow-up rules', () => {
  it('sends only the latest reminder day reached after the hand-over', () => {
    expect(dueReminderDay([2, 5, 8], 1)).toBe(0);
    expect(dueReminderDay([2, 5, 8], 2)).toBe(2);
    expect(dueReminderDay([2, 5, 8], 7)).toBe(5);
    expect(dueReminderDay([2, 5, 8], 30)).toBe(8);
  });

  it('alerts before the first debit when no first-lesson date is known', () => {
    const s = { hasLesson: false, hasDate: false, firstDebitBy: '2025-02-10' };
    expect(needsFirstLessonAlert(s, 2, '2025-02-07')).toBe(false);
    expect(needsFirstLessonAlert(s, 2, '2025-02-08')).toBe(true);
    expect(needsFirstLessonAlert({ ...s, hasDate: true }, 2, '2025-02-08')).toBe(false);
  });

  it('flags a subscription charged with no lesson recorded', () => {
    expect(isChargedWithoutLesson({ hasLesson: false, firstDebitBy: '2025-02-10' }, '2025-02-09')).toBe(false);
    expect(isChargedWithoutLesson({ hasLesson: false, firstDebitBy: '2025-02-10' }, '2025-02-10')).toBe(true);
    expect(isChargedWithoutLesson({ hasLesson: true, firstDebitBy: '2025-02-10' }, '2025-03-10')).toBe(false);
  });

  it('checks in after the first lesson, then regularly', () => {
    expect(checkInOccurrence('2025-01-01', '2025-01-07', 7, 30)).toBeNull();
    expect(checkInOccurrence('2025-01-01', '2025-01-08', 7, 30)).toBe(0);
    expect(checkInOccurrence('2025-01-01', '2025-02-07', 7, 30)).toBe(1);
  });
});
