import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/harness.js';
import { closeTasks, createTask } from './tasks.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe('tasks', () => {
  it('creates a task once per dedupe key, even when asked twice at the same time', async () => {
    const task = {
      kind: 'check-in',
      service: 'followup' as const,
      title: 'Call the family',
      dueOn: '2026-09-02',
      dedupeKey: 'check-in:file-1:1',
    };
    const created = await Promise.all([
      createTask(ctx.deps.db, ctx.clock, task),
      createTask(ctx.deps.db, ctx.clock, task),
    ]);
    expect(created.filter(Boolean)).toHaveLength(1);
    const rows = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('dedupe_key', '=', 'check-in:file-1:1')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('closes the open tasks of a kind on a subject', async () => {
    await createTask(ctx.deps.db, ctx.clock, {
      kind: 'alert',
      service: 'followup',
      title: 'No date',
      dueOn: '2026-09-02',
      fileId: 'f2',
      dedupeKey: 'alert:f2',
    });
    await closeTasks(ctx.deps.db, ctx.clock, { kind: 'alert', fileId: 'f2' }, 'first lesson recorded');
    const row = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('dedupe_key', '=', 'alert:f2')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', outcome: 'first lesson recorded' });
  });
});
