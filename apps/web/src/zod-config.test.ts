import { describe, expect, it } from 'vitest';

describe('zod-config (the web entry, before zod loads)', () => {
  it('makes zod parse without eval, as z.config({ jitless: true }) would', async () => {
    await import('./zod-config');
    const { z } = await import('zod');
    expect(z.config().jitless).toBe(true);
    // and a schema built afterwards parses
    expect(z.object({ a: z.string() }).parse({ a: 'x' })).toEqual({ a: 'x' });
  });
});
