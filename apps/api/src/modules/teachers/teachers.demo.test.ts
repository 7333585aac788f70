import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoIfEmpty } from '../../seed/demo.js';
import { createTeachersTestApp } from './teachers.test-support.js';
import './teachers.demo.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
beforeAll(async () => {
  ctx = await createTeachersTestApp();
  await loadDemoIfEmpty(ctx.deps, { families: 8, teachers: 9 });
});
afterAll(async () => ctx.close());

describe('teachers lifecycle demo', () => {
  it('shows applications at each stage, meetings past and upcoming, an incident and a pending exclusion', async () => {
    const statuses = await ctx.deps.db.selectFrom('teacher_applications').select('status').execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(
      new Set(['new', 'called', 'interview_done', 'accepted', 'declined', 'withdrawn']),
    );
    const meetings = await ctx.deps.db.selectFrom('meetings').select('starts_at').execute();
    const now = ctx.clock.now().toISOString();
    expect(meetings.some((m) => m.starts_at < now) && meetings.some((m) => m.starts_at > now)).toBe(true);
    expect(await ctx.deps.db.selectFrom('teacher_incidents').select('id').execute()).not.toHaveLength(0);
    expect(
      await ctx.deps.db.selectFrom('teacher_suspensions').select('id').where('status', '=', 'proposed').execute(),
    ).toHaveLength(1);
    const suspended = await ctx.deps.db
      .selectFrom('teachers')
      .select(['status', 'status_reason'])
      .where('status', '=', 'suspended')
      .execute();
    expect(suspended).toEqual([{ status: 'suspended', status_reason: 'meetings' }]);
  });
});
