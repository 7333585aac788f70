import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../testing/harness.js';
import { makeTeacher } from '../testing/factories.js';
import { TestClock } from './clock.js';
import { registerSweep, runSweeps, startSweepTimer, type SweepFailure } from './jobs.js';

let ctx: TestContext;
let ranAfter = 0;
const removals: (() => void)[] = [];
beforeEach(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-09-14T06:00:00.000Z') });
  ranAfter = 0;
  // A sweep that fails, then one registered after it: the second must run all the same.
  removals.push(registerSweep({ name: 'test.failing', run: () => Promise.reject(new Error('the disk is full')) }));
  removals.push(registerSweep({ name: 'test.after', run: async () => ({ ran: (ranAfter += 1) }) }));
});
afterEach(async () => {
  removals.splice(0).forEach((remove) => remove());
  await ctx.close();
});

/** A teacher suspended until tomorrow, then the clock on that day: the expiry sweep makes them active again. */
async function teacherSuspendedUntilToday(): Promise<string> {
  const teacher = await makeTeacher(ctx.deps);
  const followup = await loginAs(ctx, (await makeUser(ctx.deps, ['followup'])).email);
  const suspension = { kind: 'temporary', reason: 'Déménagement', untilDate: '2026-09-15' };
  const res = await followup.post(`/api/teachers/${teacher.id}/suspensions`, suspension);
  expect(res.statusCode, res.body).toBe(201);
  expect(await statusOf(teacher.id)).toBe('suspended');
  ctx.clock.set('2026-09-15T06:00:00.000Z');
  return teacher.id;
}
const statusOf = async (id: string) =>
  (await ctx.deps.db.selectFrom('teachers').select('status').where('person_id', '=', id).executeTakeFirstOrThrow())
    .status;

describe('a failing sweep', () => {
  it('makes runSweeps reject with an AggregateError naming it, after every other sweep has run', async () => {
    const teacherId = await teacherSuspendedUntilToday();
    const error: unknown = await runSweeps(ctx.deps).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AggregateError);
    const failures = (error as AggregateError).errors as SweepFailure[];
    expect(failures.map((f) => f.sweep)).toEqual(['test.failing']);
    expect(failures[0]?.message).toBe('sweep test.failing failed: the disk is full');
    expect(ranAfter).toBe(1);
    expect(await statusOf(teacherId)).toBe('active');
  });

  it('answers the on-demand run with a 500 problem that does not show the error', async () => {
    const followup = await loginAs(ctx, (await makeUser(ctx.deps, ['followup'])).email);
    const res = await followup.post('/api/sweeps/run');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    expect(res.body).not.toContain('disk is full');
    expect(ranAfter).toBe(1);
  });

  it('is logged at error level by the production timer, which runs the other sweeps and keeps going', async () => {
    const teacherId = await teacherSuspendedUntilToday();
    const lines: { level: number; msg: string; sweep?: string; err?: { message: string } }[] = [];
    // The same pino logger as `app.log` in main.ts, writing to memory.
    const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
    const logger = Fastify({ logger: { level: 'info', stream } });
    const stop = startSweepTimer(ctx.deps, 0.001, logger.log); // every 60 ms
    try {
      await expect.poll(() => lines.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    } finally {
      stop();
      await logger.close();
    }
    expect(lines[0]).toMatchObject({
      level: 50,
      sweep: 'test.failing',
      msg: 'sweep test.failing failed: the disk is full',
      err: { message: 'the disk is full' },
    });
    expect(ranAfter).toBeGreaterThanOrEqual(2);
    expect(await statusOf(teacherId)).toBe('active');
  });
});

describe('sweeps that succeed', () => {
  it('return each sweep’s counts by name', async () => {
    removals.splice(0, 1).forEach((remove) => remove()); // without the failing one
    const results = await runSweeps(ctx.deps);
    expect(results['test.after']).toEqual({ ran: 1 });
    const real = ['billing', 'agency-followup', 'teachers.suspension-expiry', 'teachers.meeting-suspensions'];
    expect(Object.keys(results)).toEqual(expect.arrayContaining(real));
  });
});
