import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { runSweeps } from '../../platform/jobs.js';
import { writeSetting } from '../../platform/settings.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';

let ctx: TestContext & { mailbox: Mailbox };

beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
});
afterAll(async () => ctx.close());

// Friday 20 November 2026 (ISO week 47): the course's Wednesdays are the 4th, 18th and 25th (the 11th is a holiday).
const FRIDAY = '2026-11-20T10:00:00.000Z';
const lessonUrl = (courseId: string, date: string) => `/api/attendance/courses/${courseId}/lessons/${date}`;

async function setUp() {
  ctx.clock.set(FRIDAY);
  const school = await attendanceSchool(ctx.deps);
  const teacher = await loginAs(ctx, school.teacherEmail);
  return { school, teacher };
}

/** The guardian's address (the one notices go to) of a family placed by `placedFamily`. */
async function addressOf(familyId: string): Promise<string> {
  const row = await ctx.deps.db
    .selectFrom('people')
    .select('email')
    .where('family_id', '=', familyId)
    .where('kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  return row.email!;
}

async function preference(guardianEmail: string, choice: 'each' | 'weekly' | 'never') {
  const family = await loginAs(ctx, guardianEmail);
  const mine = await family.get('/api/portal/absence-notices');
  expect(mine.statusCode, mine.body).toBe(200);
  const saved = await family.put('/api/portal/absence-notices', { preference: choice, version: mine.json().version });
  expect(saved.statusCode, saved.body).toBe(200);
  return saved.json();
}

describe('absence notices', () => {
  it('tells each absence once, in the guardian’s language, even to two sweeps at once; a corrected mark is not told', async () => {
    const { school, teacher } = await setUp();
    const a = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Anna');
    const b = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Basile');
    const en = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Emma');
    await ctx.deps.db.updateTable('users').set({ locale: 'en' }).where('email', '=', en.guardianEmail).execute();
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'present' });
    const absent = { mark: 'absent', studentIds: [a.studentId, b.studentId, en.studentId] };
    expect((await teacher.put(lessonUrl(school.courseId, '2026-11-18'), absent)).statusCode).toBe(200);
    // Basile was there after all: corrected before the sweep, never told.
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'present', studentIds: [b.studentId] });

    await Promise.all([runSweeps(ctx.deps), runSweeps(ctx.deps)]);
    await runSweeps(ctx.deps);

    const toA = ctx.mailbox.to(await addressOf(a.familyId));
    expect(toA).toHaveLength(1);
    expect(toA[0]!.subject).toBe('Absence de Anna Dupont — choir — Chœur enfants, 17:00 le 2026-11-18');
    expect(toA[0]!.text).toContain('/family/absence-notices');
    const toEn = ctx.mailbox.to(await addressOf(en.familyId));
    expect(toEn.map((m) => m.subject)).toEqual(['Emma Dupont absent — choir — Chœur enfants, 17:00 on 2026-11-18']);
    expect(ctx.mailbox.to(await addressOf(b.familyId))).toEqual([]);
    const rows = await ctx.deps.db
      .selectFrom('absence_notices')
      .select(['student_id', 'mode', 'recipients'])
      .where('student_id', 'in', [a.studentId, b.studentId])
      .execute();
    expect(rows).toEqual([{ student_id: a.studentId, mode: 'each', recipients: 1 }]);
  });

  it('sends a weekly family one digest a week with the absences of the weeks before', async () => {
    const { school, teacher } = await setUp();
    const c = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Chloé');
    const saved = await preference(c.guardianEmail, 'weekly');
    expect(saved).toMatchObject({ preference: 'weekly', requiredForMinors: false });
    const address = await addressOf(c.familyId);
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'absent', studentIds: [c.studentId] });

    await runSweeps(ctx.deps); // Friday of the same week: the absence waits for the digest
    expect(ctx.mailbox.to(address)).toEqual([]);
    ctx.clock.set('2026-11-23T08:00:00.000Z'); // Monday, week 48
    await Promise.all([runSweeps(ctx.deps), runSweeps(ctx.deps)]);
    ctx.clock.set('2026-11-24T08:00:00.000Z');
    await runSweeps(ctx.deps);
    expect(ctx.mailbox.to(address).map((m) => m.subject)).toEqual(['Absences de la semaine 2026-W48']);
    expect(ctx.mailbox.to(address)[0]!.text).toContain('- 2026-11-18 : Chloé Dupont, choir');

    ctx.clock.set('2026-11-25T18:00:00.000Z');
    const again = await loginAs(ctx, school.teacherEmail); // the session of last week has expired
    const later = await again.put(lessonUrl(school.courseId, '2026-11-25'), {
      mark: 'absent',
      studentIds: [c.studentId],
    });
    expect(later.statusCode, later.body).toBe(200);
    ctx.clock.set('2026-11-27T08:00:00.000Z');
    await runSweeps(ctx.deps); // this week's digest is sent already: the new absence waits for next week's
    expect(ctx.mailbox.to(address)).toHaveLength(1);
    ctx.clock.set('2026-11-30T08:00:00.000Z'); // Monday, week 49
    await runSweeps(ctx.deps);
    const mails = ctx.mailbox.to(address);
    expect(mails.map((m) => m.subject)).toEqual(['Absences de la semaine 2026-W48', 'Absences de la semaine 2026-W49']);
    expect(mails[1]!.text).toContain('2026-11-25');
    expect(mails[1]!.text).not.toContain('2026-11-18');
  });

  it('honours "never", except for minors when the school requires notices', async () => {
    const { school, teacher } = await setUp();
    const quiet = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Nina');
    await preference(quiet.guardianEmail, 'never');
    await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'absent', studentIds: [quiet.studentId] });
    await runSweeps(ctx.deps);
    expect(ctx.mailbox.to(await addressOf(quiet.familyId))).toEqual([]);

    await writeSetting(ctx.deps.db, 'schools.absenceNoticeForMinors', 'required', FRIDAY);
    try {
      const minor = await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Marc');
      const shown = await preference(minor.guardianEmail, 'never');
      expect(shown).toMatchObject({ preference: 'never', requiredForMinors: true, minors: ['Marc Dupont'] });
      await teacher.put(lessonUrl(school.courseId, '2026-11-18'), { mark: 'absent', studentIds: [minor.studentId] });
      await runSweeps(ctx.deps);
      expect(ctx.mailbox.to(await addressOf(minor.familyId))).toHaveLength(1);
      // Nina's absence was already settled as "never": it is not told afterwards.
      expect(ctx.mailbox.to(await addressOf(quiet.familyId))).toEqual([]);
    } finally {
      await writeSetting(ctx.deps.db, 'schools.absenceNoticeForMinors', 'optional', FRIDAY);
    }
  });

  it('lets the secretariat set a family’s choice (audited); a teacher and another family may not', async () => {
    const { school, teacher } = await setUp();
    const f = await placedFamily(ctx.deps, school.courseId);
    const other = await placedFamily(ctx.deps, school.courseId);
    const office = await loginAs(ctx, school.secretary.email);
    const read = await office.get(`/api/families/${f.familyId}/absence-notices`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ preference: 'each' });
    const put = await office.put(`/api/families/${f.familyId}/absence-notices`, {
      preference: 'weekly',
      version: read.json().version,
    });
    expect(put.statusCode, put.body).toBe(200);
    const stale = await office.put(`/api/families/${f.familyId}/absence-notices`, {
      preference: 'never',
      version: read.json().version,
    });
    expect(stale.statusCode).toBe(409);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('changes')
      .where('entity_id', '=', f.familyId)
      .where('action', '=', 'absence-notices-changed')
      .execute();
    expect(audit).toHaveLength(1);

    expect((await teacher.get(`/api/families/${f.familyId}/absence-notices`)).statusCode).toBe(403);
    expect((await teacher.get('/api/portal/absence-notices')).statusCode).toBe(403);
    const family = await loginAs(ctx, other.guardianEmail);
    expect((await family.get(`/api/families/${f.familyId}/absence-notices`)).statusCode).toBe(403);
    const own = await family.get('/api/portal/absence-notices');
    expect(own.json()).toMatchObject({ familyId: other.familyId, preference: 'each' });
  });
});
