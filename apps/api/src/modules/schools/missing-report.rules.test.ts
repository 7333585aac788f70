import { describe, expect, it } from 'vitest';
import { contactValues, flagHolds, missingReason, missingSince } from './missing-report.rules.js';

describe('missing students', () => {
  it('starts from the date asked, else the setting’s days before today', () => {
    expect(missingSince('2026-11-20', 21)).toBe('2026-10-30');
    expect(missingSince('2026-11-20', 21, '2026-11-10')).toBe('2026-11-10');
  });

  it('finds missing who never came since: absent at least once, or never marked', () => {
    expect(missingReason(['absent', 'absent'])).toBe('absent');
    expect(missingReason(['absent', 'cancelled_by_school'])).toBe('absent');
    expect(missingReason([])).toBe('silent');
    expect(missingReason(['absent', 'late'])).toBeNull();
    expect(missingReason(['present', 'absent'])).toBeNull();
    expect(missingReason(['excused'])).toBeNull();
    expect(missingReason(['cancelled_by_teacher'])).toBeNull();
  });

  it('keeps a flag while the family’s contact values are those seen', () => {
    const seen = contactValues(['A@x.org', null, 'b@x.org']);
    expect(seen).toBe('a@x.org\nb@x.org');
    expect(flagHolds(seen, contactValues(['b@x.org', 'a@x.org']))).toBe(true);
    expect(flagHolds(seen, contactValues(['a@x.org', 'c@x.org']))).toBe(false);
  });
});
