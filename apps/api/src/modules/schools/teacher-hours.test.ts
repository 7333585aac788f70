import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, makeUser, type TestContext } from '../../testing/harness.js';
import { attendanceSchool } from './attendance.test-support.js';
import { hoursSchool } from './teacher-hours.test-support.js';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

// Thursday 3 December 2026: November's report is last month's.
const TODAY = '2026-12-03T09:00:00.000Z';

type Row = { teacherId: string; schoolId: string; [figure: string]: unknown };

async function setUp() {
  ctx.clock.set(TODAY);
  const school = await hoursSchool(ctx.deps);
  const office = await loginAs(ctx, school.secretary.email);
  const teacher = await loginAs(ctx, school.teacherEmail);
  return { school, office, teacher };
}

describe('teachers’ hours', () => {
  it('reports last month’s contract, taught, replaced and unworked hours per teacher and school, and as a CSV', async () => {
    const { school, office, teacher } = await setUp();
    const contract = {
      teacherId: school.teacherId,
      schoolId: school.schoolId,
      weeklyMinutes: 180,
      validFrom: '2026-09-01',
    };
    const created = await office.post('/api/teacher-contracts', contract);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ weeklyMinutes: 180, validTo: null, version: 1 });
    // The Friday lesson of the 20th, marked through the sheet.
    const marked = await teacher.put(`/api/attendance/courses/${school.fridayId}/lessons/${school.toMark}`, {
      mark: 'present',
    });
    expect(marked.statusCode, marked.body).toBe(200);

    const res = await office.get(`/api/teacher-hours?month=2026-11&schoolId=${school.schoolId}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as { month: string; months: unknown; rows: Row[]; schools: Row[] };
    expect(report.month).toBe('2026-11');
    expect(report.months).toEqual({ current: '2026-12', previous: '2026-10', next: '2026-12' });
    const own = report.rows.find((r) => r.teacherId === school.teacherId);
    expect(school.suspendedLessons).toBe(5);
    expect(own).toMatchObject({
      weeklyMinutes: 180,
      // Four school weeks (Thursdays 5, 12, 19 and 26 November) of 3 hours.
      contractMinutes: 720,
      // 4 November (60) and 20 November (45).
      taughtMinutes: 105,
      replacedGivenMinutes: 60,
      replacedReceivedMinutes: 0,
      cancelledBySchoolMinutes: 45,
      closureMinutes: 60,
      // The suspended Monday course: five Mondays of 30 minutes.
      suspendedMinutes: 30 * school.suspendedLessons,
      unworkedMinutes: 255,
      cancelledByTeacherMinutes: 45,
    });
    const colleague = report.rows.find((r) => r.teacherId === school.colleagueId);
    expect(colleague).toMatchObject({
      weeklyMinutes: null,
      contractMinutes: 0,
      taughtMinutes: 60,
      replacedReceivedMinutes: 60,
      replacedGivenMinutes: 0,
      unworkedMinutes: 0,
    });
    expect(report.schools).toEqual([
      expect.objectContaining({ schoolId: school.schoolId, taughtMinutes: 165, unworkedMinutes: 255 }),
    ]);

    const csv = await office.get(`/api/teacher-hours.csv?month=2026-11&schoolId=${school.schoolId}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('heures-professeurs-2026-11.csv');
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toContain('Heures non travaillées (activité partielle)');
    const line = lines.find((l) => l.includes(school.teacherId))!.split(';');
    // Month, school, teacher, id, hours a week, then contract, taught, given, received, by school, closures,
    // suspended, unworked, by the teacher.
    expect(line.slice(4)).toEqual(['3,00', '12,00', '1,75', '1,00', '0,00', '0,75', '1,00', '2,50', '4,25', '0,75']);

    // A teacher reads their own hours only; the colleague's row holds nothing of theirs.
    const mine = await teacher.get('/api/teacher-hours/mine?month=2026-11');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().rows).toEqual([expect.objectContaining({ teacherId: school.teacherId, unworkedMinutes: 255 })]);
    const theirs = await (await loginAs(ctx, school.colleagueEmail)).get('/api/teacher-hours/mine?month=2026-11');
    expect(theirs.json().rows).toEqual([
      expect.objectContaining({ teacherId: school.colleagueId, replacedReceivedMinutes: 60, unworkedMinutes: 0 }),
    ]);
  });

  it('logs a check-in call with a teacher in the contact log and shows its day on the teacher’s row', async () => {
    const { school, office } = await setUp();
    const call = await office.post('/api/contacts', {
      channel: 'call',
      direction: 'out',
      personId: school.teacherId,
      subjectType: 'teacher_hours',
      subjectId: '2026-11',
      summary: 'Point mensuel : heures non travaillées de novembre vues ensemble.',
    });
    expect(call.statusCode, call.body).toBe(201);
    const report = (await office.get(`/api/teacher-hours?month=2026-11&schoolId=${school.schoolId}`)).json();
    const row = (report.rows as Row[]).find((r) => r.teacherId === school.teacherId);
    expect(row).toMatchObject({ lastCallOn: '2026-12-03' });
    const logged = await office.get(`/api/contacts?personId=${school.teacherId}`);
    expect(logged.json()).toEqual([expect.objectContaining({ subjectType: 'teacher_hours', subjectId: '2026-11' })]);
  });

  it('keeps contracts to their school’s staff: no overlap, no end before start, a stale edit refused, audited', async () => {
    const { school, office, teacher } = await setUp();
    const body = {
      teacherId: school.teacherId,
      schoolId: school.schoolId,
      weeklyMinutes: 120,
      validFrom: '2026-09-01',
    };
    const first = (await office.post('/api/teacher-contracts', { ...body, validTo: '2026-12-31' })).json();
    const overlap = await office.post('/api/teacher-contracts', { ...body, validFrom: '2026-12-01' });
    expect(overlap.statusCode).toBe(422);
    expect(overlap.json().errors[0]).toMatchObject({ field: 'validFrom', code: 'CONTRACT_OVERLAPS' });
    const backwards = await office.post('/api/teacher-contracts', {
      ...body,
      validFrom: '2027-03-01',
      validTo: '2027-01-01',
    });
    expect(backwards.json().errors[0]).toMatchObject({ field: 'validTo', code: 'CONTRACT_ENDS_BEFORE_START' });
    const notTeacher = await office.post('/api/teacher-contracts', { ...body, teacherId: school.secretary.id });
    expect(notTeacher.statusCode).toBe(422);
    const next = await office.post('/api/teacher-contracts', { ...body, weeklyMinutes: 150, validFrom: '2027-01-01' });
    expect(next.statusCode, next.body).toBe(201);

    const change = { weeklyMinutes: 90, validFrom: '2026-09-01', validTo: '2026-11-30', version: 1 };
    const updated = await office.put(`/api/teacher-contracts/${first.id}`, change);
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ weeklyMinutes: 90, validTo: '2026-11-30', version: 2 });
    const stale = await office.put(`/api/teacher-contracts/${first.id}`, { ...change, weeklyMinutes: 60 });
    expect(stale.statusCode).toBe(409);
    const listed = await office.get(`/api/teacher-contracts?schoolId=${school.schoolId}`);
    expect(listed.json().contracts.map((c: { weeklyMinutes: number }) => c.weeklyMinutes)).toEqual([90, 150]);

    const history = await office.get(`/api/history/teacher_contract/${first.id}`);
    expect(history.statusCode, history.body).toBe(200);
    expect(
      history
        .json()
        .map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['teacher-contract-created', 'teacher-contract-updated']);
    expect((await teacher.get(`/api/history/teacher_contract/${first.id}`)).statusCode).toBe(200);
    const stranger = await loginAs(ctx, school.colleagueEmail);
    expect((await stranger.get(`/api/history/teacher_contract/${first.id}`)).statusCode).toBe(404);
  });

  it('refuses the report to teachers, families and another school’s secretariat, and contracts to the board', async () => {
    const { school, teacher } = await setUp();
    const other = await attendanceSchool(ctx.deps);
    const elsewhere = await loginAs(ctx, other.secretary.email);
    const out = await elsewhere.get(`/api/teacher-hours?month=2026-11&schoolId=${school.schoolId}`);
    expect(out.statusCode).toBe(403);
    expect(out.json().code).toBe('SCHOOL_OUT_OF_SCOPE');
    const theirs = (await elsewhere.get('/api/teacher-hours?month=2026-11')).json();
    expect((theirs.rows as Row[]).filter((r) => r.schoolId === school.schoolId)).toEqual([]);
    expect((await elsewhere.get(`/api/teacher-hours.csv?schoolId=${school.schoolId}`)).statusCode).toBe(403);
    const contract = {
      teacherId: school.teacherId,
      schoolId: school.schoolId,
      weeklyMinutes: 60,
      validFrom: '2026-09-01',
    };
    expect((await elsewhere.post('/api/teacher-contracts', contract)).statusCode).toBe(403);

    expect((await teacher.get('/api/teacher-hours?month=2026-11')).statusCode).toBe(403);
    expect((await teacher.get('/api/teacher-hours.csv')).statusCode).toBe(403);
    expect((await teacher.post('/api/teacher-contracts', contract)).statusCode).toBe(403);
    const family = await loginAs(ctx, school.guardianEmail);
    expect((await family.get('/api/teacher-hours')).statusCode).toBe(403);
    expect((await family.get('/api/teacher-hours/mine')).statusCode).toBe(403);
    expect((await family.get('/api/teacher-contracts')).statusCode).toBe(403);

    // The board reads the network's report and contracts, and changes nothing.
    const board = await loginAs(ctx, (await makeUser(ctx.deps, ['board'])).email);
    const read = await board.get(`/api/teacher-hours?month=2026-11&schoolId=${school.schoolId}`);
    expect(read.statusCode, read.body).toBe(200);
    expect((read.json().rows as Row[]).some((r) => r.teacherId === school.teacherId)).toBe(true);
    expect((await board.get('/api/teacher-contracts')).statusCode).toBe(200);
    expect((await board.post('/api/teacher-contracts', contract)).statusCode).toBe(403);
    const bad = await board.get('/api/teacher-hours?month=2026-13');
    expect(bad.statusCode).toBe(400);
  });
});
