import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '@contracts';
import { createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import { DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  await loadDemoIfEmpty(ctx.deps);
});
afterAll(async () => ctx.close());

describe('the agency demo', () => {
  it('shows a living pipeline: files at every stage, ranked candidates, a dashboard with lead times', async () => {
    const stages = await ctx.deps.db.selectFrom('lesson_files').select('stage').execute();
    expect(new Set(stages.map((s) => s.stage))).toEqual(
      new Set([
        'new_request',
        'subscribed',
        'matching',
        'contact_handed_over',
        'first_lesson_scheduled',
        'ongoing',
        'closed',
      ]),
    );
    expect(stages.length).toBeGreaterThanOrEqual(15);

    const recruitment = await loginAs(ctx, 'recruitment@demo.example.org', DEMO_PASSWORD);
    const matching = (await recruitment.get('/api/files?stage=matching')).json() as {
      items: { id: string; instrument: string }[];
    };
    const piano = matching.items.find((f) => f.instrument === 'piano');
    const candidates = (await recruitment.get(`/api/requests/${piano?.id}/candidates`)).json() as Candidate[];
    expect(candidates.length).toBeGreaterThan(0);

    const followup = await loginAs(ctx, 'followup@demo.example.org', DEMO_PASSWORD);
    expect((await followup.post('/api/sweeps/run')).statusCode).toBe(200);
    const dashboard = (await followup.get('/api/dashboards/agency?service=followup')).json() as {
      myTasksToday: unknown[];
      billableWithoutLesson: unknown[];
      leadTimes: { requestToHandover: { medianDays: number | null } };
    };
    expect(dashboard.myTasksToday.length).toBeGreaterThan(0);
    expect(dashboard.billableWithoutLesson.length).toBeGreaterThan(0);
    expect(dashboard.leadTimes.requestToHandover.medianDays).not.toBeNull();
    // Files by stage: the count, median and oldest age of each open stage, as computed from every file.
    const byStage = (
      dashboard as unknown as {
        filesByStage: { stage: string; count: number; medianDaysInStage: number | null; oldestDays: number }[];
      }
    ).filesByStage;
    const files = await ctx.deps.db
      .selectFrom('lesson_files')
      .select(['stage', 'stage_changed_at'])
      .where('stage', '!=', 'closed')
      .execute();
    const age = (at: string) =>
      Math.max(0, Math.round((Date.parse('2026-11-23') - Date.parse(at.slice(0, 10))) / 86_400_000));
    for (const stage of new Set(files.map((f) => f.stage))) {
      const ages = files
        .filter((f) => f.stage === stage)
        .map((f) => age(f.stage_changed_at))
        .sort((a, b) => a - b);
      const mid = Math.floor(ages.length / 2);
      const median = ages.length % 2 ? ages[mid] : ((ages[mid - 1] ?? 0) + (ages[mid] ?? 0)) / 2;
      expect(byStage.find((s) => s.stage === stage)).toEqual({
        stage,
        count: ages.length,
        medianDaysInStage: median,
        oldestDays: ages[ages.length - 1],
      });
    }
    expect(byStage.some((s) => s.stage === 'closed')).toBe(false);
    // Teachers with few lessons (the low-activity rule): active ones only, the least busy first, each under it.
    const few = (dashboard as unknown as { teachersWithFewLessons: { teacherId: string; lessons: number }[] })
      .teachersWithFewLessons;
    const minLessons = (dashboard as unknown as { fewLessons: { minLessons: number } }).fewLessons.minLessons;
    expect(few.length).toBeGreaterThan(0);
    expect(few.map((t) => t.lessons)).toEqual([...few.map((t) => t.lessons)].sort((a, b) => a - b));
    const active = new Set(
      (await ctx.deps.db.selectFrom('teachers').select('person_id').where('status', '=', 'active').execute()).map(
        (t) => t.person_id,
      ),
    );
    expect(few.every((t) => active.has(t.teacherId) && t.lessons < minLessons)).toBe(true);

    // The demo teacher sees only their own students; the demo family its own file.
    const teacher = await loginAs(ctx, 'teacher@demo.example.org', DEMO_PASSWORD);
    const mine = (await teacher.get('/api/files')).json() as { items: { familyId: string }[] };
    expect(mine.items.length).toBeGreaterThan(0);
    const family = await loginAs(ctx, 'family@demo.example.org', DEMO_PASSWORD);
    const ours = (await family.get('/api/files')).json() as { items: { stage: string; familyId: string }[] };
    const own = await ctx.deps.db
      .selectFrom('users')
      .innerJoin('people', 'people.id', 'users.person_id')
      .select('people.family_id')
      .where('users.email', '=', 'family@demo.example.org')
      .executeTakeFirstOrThrow();
    expect(ours.items.length).toBeGreaterThan(0);
    expect(ours.items.every((i) => i.familyId === own.family_id)).toBe(true);
    expect(ours.items.map((i) => i.stage)).toContain('ongoing');
    // The portals ask for the files under way only: the server leaves out closed files and bare requests.
    const staffOpen = (await followup.get('/api/files?open=true&limit=200')).json() as { items: { stage: string }[] };
    const underWay = stages.filter((s) => s.stage !== 'closed' && s.stage !== 'new_request').length;
    expect(staffOpen.items).toHaveLength(underWay);
    expect(staffOpen.items.every((i) => i.stage !== 'closed' && i.stage !== 'new_request')).toBe(true);
    const familyOpen = (await family.get('/api/files?open=true')).json() as {
      items: { stage: string; familyId: string }[];
    };
    expect(familyOpen.items.length).toBeGreaterThan(0);
    expect(familyOpen.items.every((i) => i.familyId === own.family_id && i.stage !== 'closed')).toBe(true);
    expect((await family.get('/api/files?open=yes')).statusCode).toBe(400);
  });
});
