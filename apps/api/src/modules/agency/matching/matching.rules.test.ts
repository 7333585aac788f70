import { describe, expect, it } from 'vitest';
import { END_REASONS, frenchOf, frenchWithArticle } from '@contracts';
import {
  DISTANCE_HALF_SCORE_KM,
  firstFailedFilter,
  hasCommonSlot,
  isTeacherCausedEnding,
  travelReachKm,
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
    expect(distanceScore(false, null)).toBe(1);
    expect(distanceScore(true, 0)).toBe(1);
    expect(distanceScore(true, 10)).toBe(0.5);
    expect(distanceScore(true, 30)).toBe(0.25);
    expect(distanceScore(true, null)).toBe(0.5);
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

  it('gives the same distance the same points, whatever the teacher’s own travel distance', () => {
    // Before, 2.3 km scored 22.3 or 23.1 of 30 depending on how far each teacher goes.
    expect(DISTANCE_HALF_SCORE_KM).toBe(10);
    const points = (d: number) => Math.round(30 * distanceScore(true, d) * 10) / 10;
    expect(points(2.3)).toBe(24.4);
    expect(points(2.3)).toBe(points(2.3));
    expect(distanceScore(true, 70)).toBeLessThan(distanceScore(true, 61.8));
  });

  it('bounds each teacher’s own travel distance by the organisation’s longest, and by nothing else', () => {
    expect(travelReachKm(100, 10, 150)).toBe(100);
    expect(travelReachKm(null, 10, 150)).toBe(10);
    expect(travelReachKm(300, 10, 150)).toBe(150);
    // A teacher willing to drive 100 km is within reach at 70 km (the true circle, no 60 km square).
    expect(isWithinReach(true, 70, travelReachKm(100, 10, 150), false)).toBe(true);
    expect(isWithinReach(true, 100.5, travelReachKm(100, 10, 150), false)).toBe(false);
  });

  it('excludes a teacher with no slot in common, never one who gave no week', () => {
    expect(hasCommonSlot(0, 2, 3)).toBe(false);
    expect(hasCommonSlot(1, 2, 3)).toBe(true);
    expect(hasCommonSlot(0, 0, 3)).toBe(true);
    expect(hasCommonSlot(0, 2, 0)).toBe(true);
  });

  it('counts only endings that were the teacher’s doing in the outcomes', () => {
    const caused = END_REASONS.filter(isTeacherCausedEnding);
    expect(caused).toEqual(['teacher_unavailable', 'teacher_conduct']);
    for (const reason of ['mismatch', 'family_stopped', 'teacher_moved', 'student_changed_instrument', 'other', null])
      expect(isTeacherCausedEnding(reason)).toBe(false);
    expect(outcomesScore(0)).toBe(1);
  });

  it('names the first hard filter a teacher fails, in the order the page counts them', () => {
    const ok = {
      status: 'active',
      levelMin: 1,
      levelMax: 3,
      ageMin: 5,
      ageMax: 99,
      teachesHere: true,
      withinReach: true,
      capacity: 2,
      openNew: 0,
      commonSlot: true,
      previous: false,
    };
    const file = { level: 2, age: 10 };
    expect(firstFailedFilter(ok, file)).toBeNull();
    expect(firstFailedFilter({ ...ok, status: 'suspended', levelMin: 3 }, file)).toBe('suspension');
    expect(firstFailedFilter({ ...ok, levelMin: 3 }, file)).toBe('level');
    expect(firstFailedFilter({ ...ok, ageMin: 12 }, file)).toBe('age');
    expect(firstFailedFilter({ ...ok, ageMin: 12 }, { level: 2, age: null })).toBeNull();
    expect(firstFailedFilter({ ...ok, teachesHere: false }, file)).toBe('place');
    expect(firstFailedFilter({ ...ok, withinReach: false }, file)).toBe('distance');
    expect(firstFailedFilter({ ...ok, openNew: 2 }, file)).toBe('capacity');
    expect(firstFailedFilter({ ...ok, commonSlot: false }, file)).toBe('availability');
    expect(firstFailedFilter({ ...ok, previous: true }, file)).toBe('previous');
  });

  it('puts the French article and elision before an instrument and a name', () => {
    expect(frenchWithArticle('piano')).toBe('le piano');
    expect(frenchWithArticle('Guitare')).toBe('la guitare');
    expect(frenchWithArticle('alto')).toBe('l’alto');
    expect(frenchWithArticle('orgue')).toBe('l’orgue');
    expect(frenchWithArticle('hautbois')).toBe('le hautbois');
    expect(frenchWithArticle('harpe')).toBe('la harpe');
    expect(frenchWithArticle('flûte')).toBe('la flûte');
    expect(frenchWithArticle('violoncelle')).toBe('le violoncelle');
    expect(frenchOf('Amélie')).toBe('d’Amélie');
    expect(frenchOf('Paul')).toBe('de Paul');
    expect(frenchOf('Élise')).toBe('d’Élise');
  });
});
