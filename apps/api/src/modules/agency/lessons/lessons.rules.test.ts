import { describe, expect, it } from 'vitest';
import { isGivenLesson, isPlausibleFirstLessonDate, isRecordableLessonDate } from './lessons.rules.js';

describe('lesson rules', () => {
  it('counts done and late lessons as given, never cancelled ones', () => {
    expect(isGivenLesson('done')).toBe(true);
    expect(isGivenLesson('late')).toBe(true);
    expect(isGivenLesson('cancelled_by_family')).toBe(false);
  });

  it('accepts a first-lesson date from the hand-over to 120 days ahead, and lessons already given', () => {
    expect(isPlausibleFirstLessonDate('2025-01-10', '2025-01-12', '2025-01-10')).toBe(true);
    expect(isPlausibleFirstLessonDate('2025-01-09', '2025-01-12', '2025-01-10')).toBe(false);
    expect(isPlausibleFirstLessonDate('2025-05-13', '2025-01-12', '2025-01-10')).toBe(false);
    expect(isRecordableLessonDate('2025-01-12', '2025-01-12', '2025-01-01')).toBe(true);
    expect(isRecordableLessonDate('2025-01-13', '2025-01-12', '2025-01-01')).toBe(false);
    expect(isRecordableLessonDate('2024-12-31', '2025-01-12', '2025-01-01')).toBe(false);
  });
});
