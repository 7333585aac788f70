import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SETTING_LABELS } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';

/** Issue 13, item 13: the admin's settings page shows every setting by its label, validates and audits. */
let ctx: TestContext;
let admin: Agent;
let board: Agent;
beforeAll(async () => {
  ctx = await createTestApp();
  admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
  board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
});
afterAll(async () => ctx.close());

describe('the settings page', { shuffle: false }, () => {
  it('has a label in French and English for every setting the app registers, and its parts', async () => {
    const values = (await admin.get('/api/settings')).json() as Record<string, unknown>;
    const unlabelled = Object.keys(values).filter((key) => !SETTING_LABELS[key]?.fr || !SETTING_LABELS[key]?.en);
    expect(unlabelled).toEqual([]);
    for (const [key, value] of Object.entries(values)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
      expect(Object.keys(SETTING_LABELS[key]?.parts ?? {}).sort(), key).toEqual(Object.keys(value).sort());
    }
  });

  it('refuses an invalid value on its field (the part that failed), in the admin’s language, and changes nothing', async () => {
    const res = await admin.patch('/api/settings', {
      values: {
        'agency.firstDebitDays': 5,
        'agency.matchingWeights': { distance: 300, availability: 30, styles: 10, load: 20, outcomes: 10 },
      },
    });
    expect(res.statusCode, res.body).toBe(400);
    const problem = res.json() as { errors: { field: string; code: string; message: string }[] };
    expect(problem.errors).toEqual([
      expect.objectContaining({ field: 'agency.matchingWeights.distance', code: 'out_of_range' }),
    ]);
    const values = (await admin.get('/api/settings')).json() as Record<string, unknown>;
    expect(values['agency.firstDebitDays']).toBe(9);
  });

  it('saves a valid change with its audit trail; the board reads but may not change', async () => {
    const res = await admin.patch('/api/settings', { values: { 'agency.firstDebitDays': 7 } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Record<string, unknown>)['agency.firstDebitDays']).toBe(7);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'settings')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.changes)).toEqual({ 'agency.firstDebitDays': { before: 9, after: 7 } });
    expect((await board.get('/api/settings')).statusCode).toBe(200);
    expect((await board.patch('/api/settings', { values: { 'agency.firstDebitDays': 8 } })).statusCode).toBe(403);
  });
});
