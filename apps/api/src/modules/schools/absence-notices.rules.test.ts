import { describe, expect, it } from 'vitest';
import { digestWeek, inNextDigest, noticeHorizon, noticeMode } from './absence-notices.rules.js';

describe('absence notices', () => {
  it('tells as the family chose, but a minor’s absence when the school requires it', () => {
    expect(noticeMode('weekly', '2015-04-02', '2026-11-18', true)).toBe('weekly');
    expect(noticeMode('never', '2015-04-02', '2026-11-18', false)).toBe('never');
    expect(noticeMode('never', '2015-04-02', '2026-11-18', true)).toBe('each');
    expect(noticeMode('never', '2000-04-02', '2026-11-18', true)).toBe('never');
    expect(noticeMode('never', null, '2026-11-18', true)).toBe('never');
  });

  it('sends a digest once a week with the weeks before, and forgets absences older than four weeks', () => {
    expect(digestWeek('2026-11-23')).toBe('2026-W48');
    expect(inNextDigest('2026-11-18', '2026-11-23')).toBe(true);
    expect(inNextDigest('2026-11-23', '2026-11-23')).toBe(false);
    expect(inNextDigest('2026-11-18', '2026-11-20')).toBe(false);
    expect(noticeHorizon('2026-11-30')).toBe('2026-11-02');
  });
});
