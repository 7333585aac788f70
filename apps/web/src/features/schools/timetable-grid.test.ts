import { describe, expect, it } from 'vitest';
import { endOf, weekGrid } from './timetable-grid';

describe('the week grid of a timetable', () => {
  it('spans the hours from the first course to the last, Sunday only when used', () => {
    const courses = [
      { id: 'a', weekday: 3, start: '14:30' },
      { id: 'b', weekday: 3, start: '14:00' },
      { id: 'c', weekday: 6, start: '10:00' },
    ];
    const grid = weekGrid(courses);
    expect(grid.days).toEqual([1, 2, 3, 4, 5, 6]);
    expect(grid.hours).toEqual([10, 11, 12, 13, 14]);
    expect(grid.cell(3, 14).map((c) => c.id)).toEqual(['b', 'a']);
    expect(grid.hourLabel(9)).toBe('09:00');
    expect(weekGrid([{ weekday: 7, start: '09:00' }]).days).toContain(7);
  });

  it('ends a slot after its duration', () => {
    expect(endOf('09:30', 45)).toBe('10:15');
    expect(endOf('23:30', 60)).toBe('00:30');
  });
});
