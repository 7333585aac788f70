import { beforeAll, describe, expect, it, vi } from 'vitest';
import { formatPhone, loadPhoneLib } from './phone';

beforeAll(loadPhoneLib);

describe('formatPhone (one shared way to show and dial a number)', () => {
  it('shows a French number in national format and dials it in E.164', () => {
    expect(formatPhone('+33612345678')).toEqual({ text: '06 12 34 56 78', href: 'tel:+33612345678' });
    expect(formatPhone('0612345678')).toEqual({ text: '06 12 34 56 78', href: 'tel:+33612345678' });
  });
  it('shows the number as stored until the library has loaded', async () => {
    vi.resetModules();
    const fresh = await import('./phone');
    expect(fresh.formatPhone('+33612345678')).toEqual({ text: '+33612345678', href: 'tel:+33612345678' });
  });
  it('keeps a foreign number international, and a number that does not parse as typed', () => {
    expect(formatPhone('+32 470 12 34 56').text).toBe('+32 470 12 34 56');
    expect(formatPhone('+32 470 12 34 56').href).toBe('tel:+32470123456');
    expect(formatPhone('12')).toEqual({ text: '12', href: 'tel:12' });
  });
});
