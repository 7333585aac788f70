import { describe, expect, it } from 'vitest';
import { distanceCancelProblems, distancePeriodProblems, lessonsWithModes } from './courses.rules.js';

const season = { start: '2026-09-01', end: '2027-07-04' };
const link = 'https://visio.example.org/a';

describe('distancePeriodProblems', () => {
  it('accepts a range inside the season with a link of its own or the course’s', () => {
    expect(distancePeriodProblems({ start: '2026-10-01', end: '2026-10-01', videoLink: link }, season, null)).toEqual(
      [],
    );
    expect(distancePeriodProblems({ start: '2026-10-01', end: '2026-10-31' }, season, link)).toEqual([]);
  });
  it('refuses a range ending before it starts, leaving the season, or without any link', () => {
    const codes = (range: { start: string; end: string; videoLink?: string }) =>
      distancePeriodProblems(range, season, null).map((p) => `${p.field}:${p.code}`);
    expect(codes({ start: '2026-10-15', end: '2026-10-01', videoLink: link })).toEqual([
      'end:DISTANCE_ENDS_BEFORE_START',
    ]);
    expect(codes({ start: '2026-08-31', end: '2026-09-10', videoLink: link })).toEqual([
      'start:DISTANCE_OUTSIDE_SEASON',
    ]);
    expect(codes({ start: '2027-07-01', end: '2027-07-05', videoLink: link })).toEqual(['end:DISTANCE_OUTSIDE_SEASON']);
    expect(codes({ start: '2026-10-01', end: '2026-10-02' })).toEqual(['videoLink:DISTANCE_NEEDS_LINK']);
  });
});

describe('distanceCancelProblems', () => {
  it('cancels a period to come or in progress, not one that ended before today', () => {
    expect(distanceCancelProblems({ end: '2026-10-15' }, '2026-10-01')).toEqual([]);
    expect(distanceCancelProblems({ end: '2026-10-15' }, '2026-10-15')).toEqual([]);
    expect(distanceCancelProblems({ end: '2026-10-15' }, '2026-10-16')).toEqual([
      { field: 'end', code: 'DISTANCE_PERIOD_ENDED' },
    ]);
  });
});

describe('lessonsWithModes', () => {
  const dates = ['2026-10-01', '2026-10-08', '2026-10-15'];
  it('puts at distance the lessons of a room course inside a period, the latest period winning', () => {
    const periods = [
      { start: '2026-10-08', end: '2026-10-15', videoLink: 'https://old.example.org' },
      { start: '2026-10-15', end: '2026-10-15', videoLink: 'https://new.example.org' },
    ];
    expect(lessonsWithModes(dates, { roomId: 'r', videoLink: null }, periods)).toEqual([
      { date: '2026-10-01', distance: false, videoLink: null },
      { date: '2026-10-08', distance: true, videoLink: 'https://old.example.org' },
      { date: '2026-10-15', distance: true, videoLink: 'https://new.example.org' },
    ]);
  });
  it('keeps every lesson of a distance course at distance with its link', () => {
    expect(
      lessonsWithModes(dates, { roomId: null, videoLink: link }, []).every((l) => l.distance && l.videoLink === link),
    ).toBe(true);
  });
});
