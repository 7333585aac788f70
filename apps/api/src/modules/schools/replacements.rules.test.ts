import { describe, expect, it } from 'vitest';
import {
  firstUnmetNeed,
  holderOn,
  rangesOverlap,
  replacementFitsAbsence,
  slotsOverlap,
  substituteParts,
  substituteScore,
  type ColleagueFacts,
  type CourseNeed,
} from './replacements.rules.js';

const course: CourseNeed = {
  teacherId: 'absent',
  discipline: 'choir',
  level: 'Chœur enfants',
  schoolId: 'school',
  slot: { weekday: 3, start: '17:00', minutes: 60 },
  range: { start: '2026-11-23', end: '2026-12-04' },
};
const colleague: ColleagueFacts = {
  teacherId: 'colleague',
  status: 'active',
  disciplines: ['choir', 'piano'],
  levels: ['chœur enfants '],
  schools: ['school'],
  slots: [{ weekday: 3, start: '16:00', minutes: 60 }],
  absences: [],
  availability: [],
};

describe('replacement rules', () => {
  it('lets a replacement lie only inside its absence, and finds who holds a lesson on a day', () => {
    const absence = { start: '2026-11-23', end: '2026-12-04' };
    expect(replacementFitsAbsence({ start: '2026-11-23', end: '2026-12-04' }, absence)).toBe(true);
    expect(replacementFitsAbsence({ start: '2026-11-22', end: '2026-11-30' }, absence)).toBe(false);
    expect(replacementFitsAbsence({ start: '2026-11-30', end: '2026-11-25' }, absence)).toBe(false);
    expect(rangesOverlap({ start: '2026-11-23', end: '2026-11-30' }, { start: '2026-11-30', end: '2026-12-02' })).toBe(
      true,
    );
    expect(rangesOverlap({ start: '2026-11-23', end: '2026-11-29' }, { start: '2026-11-30', end: '2026-12-02' })).toBe(
      false,
    );
    const replacements = [{ start: '2026-11-23', end: '2026-11-29', substituteId: 'sub' }];
    expect(holderOn('2026-11-25', 'teacher', replacements)).toBe('sub');
    expect(holderOn('2026-12-02', 'teacher', replacements)).toBe('teacher');
  });

  it('takes back-to-back lessons as free and crossing ones as busy, on the same weekday only', () => {
    expect(slotsOverlap({ weekday: 3, start: '16:00', minutes: 60 }, course.slot)).toBe(false);
    expect(slotsOverlap({ weekday: 3, start: '17:30', minutes: 30 }, course.slot)).toBe(true);
    expect(slotsOverlap({ weekday: 3, start: '16:30', minutes: 45 }, course.slot)).toBe(true);
    expect(slotsOverlap({ weekday: 4, start: '17:00', minutes: 60 }, course.slot)).toBe(false);
  });

  it('names the first need a colleague fails: discipline, status, away, busy', () => {
    expect(firstUnmetNeed(colleague, course)).toBeNull();
    expect(firstUnmetNeed({ ...colleague, disciplines: ['theatre'], status: 'suspended' }, course)).toBe('discipline');
    expect(firstUnmetNeed({ ...colleague, status: 'suspended' }, course)).toBe('suspension');
    expect(firstUnmetNeed({ ...colleague, absences: [{ start: '2026-12-01', end: '2026-12-10' }] }, course)).toBe(
      'absent',
    );
    expect(firstUnmetNeed({ ...colleague, slots: [{ weekday: 3, start: '17:45', minutes: 30 }] }, course)).toBe('busy');
    expect(firstUnmetNeed({ ...colleague, teacherId: 'absent' }, course)).toBe('absent');
  });

  it('ranks the level already taught, the school, the week given and a light load first, with reasons', () => {
    const best = substituteParts(
      { ...colleague, availability: [{ weekday: 3, start: 960, end: 1140 }] },
      course,
      2,
      'fr',
    );
    expect(best.map((p) => p.reason)).toEqual([
      'enseigne déjà le niveau « Chœur enfants »',
      'donne déjà cours dans cette école',
      'disponible à cette heure-là selon sa semaine',
      '2 cours par semaine cette saison',
    ]);
    const other = substituteParts(
      { ...colleague, levels: [], schools: [], availability: [{ weekday: 2, start: 960, end: 1140 }] },
      course,
      10,
      'en',
    );
    expect(other.map((p) => p.reason)).toEqual([
      'has not taught “Chœur enfants” yet',
      'does not teach in this school yet',
      'outside the availability they gave',
      '10 courses a week this season',
    ]);
    expect(substituteScore(best)).toBeGreaterThan(substituteScore(other));
    expect(substituteScore(best)).toBe(97);
  });
});
