import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { makeFamily, makeTeacher } from '../../testing/factories.js';
import { pdfText } from '../../testing/pdf-text.js';
import { TestClock } from '../../platform/clock.js';
import { createSchoolsService } from './schools.service.js';
import { createReenrolmentService } from './reenrolment.service.js';
import { insertCourse, insertPlace, insertSchool, insertSeason } from './reenrolment.fixtures.js';

/**
 * Re-enrolment end to end on a real database (both engines): opening a campaign holds seats in the continuing
 * courses, packs go once by e-mail with a personal link, families answer (portal or link), only their own; reminders
 * at the configured days, each once; seats still held are released the day after the deadline, once, even by two
 * sweeps at the same moment.
 */
let ctx: TestContext & { mailbox?: Mailbox };
const clock = new TestClock('2027-05-03T08:00:00.000Z');
const as: Record<string, Agent> = {};
const ids: Record<string, string> = {};
const emails: Record<string, string> = {};
let campaignId = '';

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return res.body ? JSON.parse(res.body) : null;
}
const sweep = () => createReenrolmentService(ctx.deps, createSchoolsService(ctx.deps)).sweep();
const placeOf = async (courseId: string, studentId: string) =>
  ctx.deps.db
    .selectFrom('course_enrolments')
    .selectAll()
    .where('course_id', '=', courseId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();

beforeAll(async () => {
  ctx = await createTestApp({ clock, mailbox: true });
  const db = ctx.deps.db;
  ids.centre = await insertSchool(db, 'Centre');
  ids.nord = await insertSchool(db, 'Nord');
  ids.last = await insertSeason(db, '2026-2027', '2026-09-01', '2027-07-04');
  ids.next = await insertSeason(db, '2027-2028', '2027-09-01', '2028-07-02');
  const helene = (await makeTeacher(ctx.deps, { firstName: 'Hélène', lastName: 'Marchand' })).id;
  const paul = (await makeTeacher(ctx.deps, { firstName: 'Paul', lastName: 'Klein' })).id;
  const piano = { schoolId: ids.centre, teacherId: helene };
  ids.pianoLast = await insertCourse(db, { ...piano, seasonId: ids.last });
  // Next season: two piano Cycle 1 courses; the one with the same teacher on the same slot continues.
  ids.pianoOther = await insertCourse(db, { ...piano, seasonId: ids.next, teacherId: paul, weekday: 2 });
  ids.pianoNext = await insertCourse(db, { ...piano, seasonId: ids.next });
  const choir = { schoolId: ids.nord, teacherId: paul, discipline: 'choir', kind: 'group', level: 'Enfants' };
  ids.choirLast = await insertCourse(db, { ...choir, seasonId: ids.last, weekday: 3, start: '14:00' });
  ids.choirNext = await insertCourse(db, { ...choir, seasonId: ids.next, weekday: 3, start: '15:00' });
  // Violin Cycle 2 does not open next season: the pack says so, no seat held.
  ids.violinLast = await insertCourse(db, { ...piano, seasonId: ids.last, discipline: 'violin', level: 'Cycle 2' });

  for (const [key, name, student] of [
    ['martin', 'Martin', 'Léo'],
    ['bernard', 'Bernard', 'Inès'],
    ['petit', 'Petit', 'Hugo'],
  ] as const) {
    emails[key] = `${key}@famille.example.org`;
    const family = await makeFamily(ctx.deps, {
      name: name,
      guardian: { email: emails[key] },
      students: [{ firstName: student, birthDate: '2015-04-02' }],
    });
    ids[key] = family.id;
    ids[`${key}Student`] = family.students[0]!.id;
    as[key] = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]!.id })).email);
  }
  await insertPlace(db, ids.pianoLast, ids.martinStudent!, ids.martin!);
  await insertPlace(db, ids.violinLast, ids.martinStudent!, ids.martin!);
  await insertPlace(db, ids.choirLast, ids.bernardStudent!, ids.bernard!);
  await insertPlace(db, ids.choirLast, ids.petitStudent!, ids.petit!);

  as.secretariat = await loginAs(ctx, (await makeUser(ctx.deps, ['secretariat'])).email);
  const nordSecretary = await makeUser(ctx.deps, ['secretariat']);
  await db.insertInto('school_staff').values({ school_id: ids.nord, user_id: nordSecretary.id }).execute();
  as.secretariatNord = await loginAs(ctx, nordSecretary.email);
  as.teacher = await loginAs(ctx, (await makeUser(ctx.deps, ['teacher'], { personId: helene })).email);
});
afterAll(async () => ctx?.close());

// One story through the season's turn (each step builds on the last), as courses.test.ts does.
describe('re-enrolment campaign', { shuffle: false }, () => {
  it('opens with the default deadline: one pack per returning student, seats held in continuing courses', async () => {
    await status(as.teacher!.post('/api/reenrolment/campaigns', { fromSeasonId: ids.last, toSeasonId: ids.next }), 403);
    const wrongWay = { fromSeasonId: ids.next, toSeasonId: ids.last };
    await status(as.secretariat!.post('/api/reenrolment/campaigns', wrongWay), 422);
    const campaign = await status(
      as.secretariat!.post('/api/reenrolment/campaigns', { fromSeasonId: ids.last, toSeasonId: ids.next }),
      201,
    );
    campaignId = campaign.id;
    // 3 May + 30 days (the setting's default); reminders at the setting's days.
    expect(campaign).toMatchObject({ priorityDeadline: '2027-06-02', reminderDays: [14, 3], packs: 3, seatsHeld: 3 });
    const held = await placeOf(ids.pianoNext!, ids.martinStudent!);
    expect(held).toMatchObject({ status: 'held', origin: 'returning', held_until: '2027-06-02' });
    expect(await placeOf(ids.pianoOther!, ids.martinStudent!)).toBeUndefined();
    const again = await as.secretariat!.post('/api/reenrolment/campaigns', {
      fromSeasonId: ids.last,
      toSeasonId: ids.next,
    });
    expect(again.statusCode).toBe(409);
  });

  it('sends each pack once with a personal link hidden from the outbox, even by two sweeps at once', async () => {
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.packsSent + b.packsSent).toBe(3);
    expect((await sweep()).packsSent).toBe(0);
    await ctx.deps.mailer.flush();
    expect(ctx.mailbox!.to(emails.martin!)).toHaveLength(1);
    const link = ctx.mailbox!.linkTo(emails.martin!, '/reenrolment/');
    ids.martinLink = link.split('/reenrolment/')[1]!;
    const stored = await ctx.deps.db
      .selectFrom('outbox')
      .select(['text_body'])
      .where('to_address', '=', emails.martin!)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.text_body).not.toContain(ids.martinLink);
    ids.bernardLink = ctx.mailbox!.linkTo(emails.bernard!, '/reenrolment/').split('/reenrolment/')[1]!;
  });

  it('shows the family its own pack only, with the proposal and "fees to be voted"', async () => {
    const packs = await status(as.martin!.get('/api/reenrolment/packs'), 200);
    expect(packs).toHaveLength(1);
    const pack = packs[0];
    ids.martinPack = pack.id;
    expect(pack).toMatchObject({ studentName: 'Léo Martin', open: true, answer: null });
    expect(pack.proposal.feesVoted).toBe(false);
    const byDiscipline = Object.fromEntries(
      pack.proposal.lines.map((l: { last: { discipline: string } }) => [l.last.discipline, l]),
    );
    expect(byDiscipline.piano).toMatchObject({
      seatHeld: true,
      next: { courseId: ids.pianoNext, teacherName: 'Hélène Marchand' },
    });
    expect(byDiscipline.violin).toMatchObject({ seatHeld: false, next: null });
    await status(as.bernard!.get(`/api/reenrolment/packs/${pack.id}`), 404);
    await status(as.teacher!.get(`/api/reenrolment/packs/${pack.id}`), 403);
    await status(as.bernard!.post(`/api/reenrolment/packs/${pack.id}/answer`, { answer: 'declined' }), 404);
    await status(as.teacher!.post(`/api/reenrolment/packs/${pack.id}/answer`, { answer: 'declined' }), 403);
  });

  it('prints the pack as a PDF with this family’s data only', async () => {
    const res = await as.martin!.get(`/api/reenrolment/packs/${ids.martinPack}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const { text } = pdfText(res.rawPayload);
    expect(text).toContain('Léo Martin');
    expect(text).toContain('Tarifs à voter');
    expect(text).not.toContain('Bernard');
    expect(text).not.toContain('Petit');
  });

  it('takes the answer by the no-login link, once; another family signed in cannot use the link', async () => {
    const link = `/api/reenrolment-links/${ids.bernardLink}`;
    await status(as.martin!.get(link), 403);
    const view = await status(anonymous(ctx).get(link), 200);
    expect(view).toMatchObject({ studentName: 'Inès Bernard', open: true });
    await status(anonymous(ctx).post(`${link}/answer`, { answer: 'changed' }), 400);
    const answered = await status(
      anonymous(ctx).post(`${link}/answer`, { answer: 'changed', note: 'Plutôt le cours du samedi' }),
      200,
    );
    expect(answered).toMatchObject({ answer: 'changed', answerNote: 'Plutôt le cours du samedi', open: false });
    expect((await placeOf(ids.choirNext!, ids.bernardStudent!))!.status).toBe('released');
    await status(anonymous(ctx).post(`${link}/answer`, { answer: 'confirmed' }), 409);
    await status(anonymous(ctx).get('/api/reenrolment-links/not-a-real-token-but-long-enough'), 410);
  });

  it('confirms in the portal: the held seat becomes confirmed', async () => {
    const pack = await status(
      as.martin!.post(`/api/reenrolment/packs/${ids.martinPack}/answer`, { answer: 'confirmed' }),
      200,
    );
    expect(pack.answer).toBe('confirmed');
    expect((await placeOf(ids.pianoNext!, ids.martinStudent!))!.status).toBe('confirmed');
  });

  it('shows the progress per school; another school’s secretariat is refused', async () => {
    const all = await status(as.secretariat!.get(`/api/reenrolment/campaigns/${campaignId}/progress`), 200);
    const nord = all.schools.find((s: { schoolId: string }) => s.schoolId === ids.nord);
    expect(nord).toMatchObject({ packs: 2, answered: 1, changed: 1, notAnswered: 1 });
    expect(nord.waiting.map((w: { studentName: string }) => w.studentName)).toEqual(['Hugo Petit']);
    // …with the family's guardians to call or write to.
    expect(nord.waiting[0].contacts).toEqual([expect.objectContaining({ email: emails.petit })]);
    // The change asked through the link reaches the secretariat with its note.
    expect(nord.changes).toEqual([
      expect.objectContaining({ studentName: 'Inès Bernard', note: 'Plutôt le cours du samedi' }),
    ]);
    const own = await status(as.secretariatNord!.get(`/api/reenrolment/campaigns/${campaignId}/progress`), 200);
    expect(own.schools.map((s: { schoolId: string }) => s.schoolId)).toEqual([ids.nord]);
    await status(
      as.secretariatNord!.get(`/api/reenrolment/campaigns/${campaignId}/progress?schoolId=${ids.centre}`),
      403,
    );
    await status(as.martin!.get(`/api/reenrolment/campaigns/${campaignId}/progress`), 403);
    const list = await status(as.secretariat!.get('/api/reenrolment/campaigns'), 200);
    expect(list).toEqual([expect.objectContaining({ id: campaignId, status: 'open', packs: 3 })]);
    await status(as.martin!.get('/api/reenrolment/campaigns'), 403);
  });

  it('makes a change asked a task of the pack’s school’s secretariat, once, closed when handled', async () => {
    const tasks = await ctx.deps.db.selectFrom('tasks').selectAll().where('kind', '=', 'reenrolment-change').execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ service: 'secretariat', family_id: ids.bernard, school_id: ids.nord });
    expect(tasks[0]!.details).toContain('Plutôt le cours du samedi');
    const listed = await status(as.secretariatNord!.get('/api/tasks'), 200);
    const task = listed.items.find((t: { id: string }) => t.id === tasks[0]!.id);
    expect(task).toMatchObject({ service: 'secretariat', subject: { kind: 'family', id: ids.bernard } });
    // The secretariat of another school neither sees nor closes it.
    const centreSecretary = await makeUser(ctx.deps, ['secretariat']);
    await ctx.deps.db
      .insertInto('school_staff')
      .values({ school_id: ids.centre, user_id: centreSecretary.id })
      .execute();
    const centre = await loginAs(ctx, centreSecretary.email);
    const theirs = await status(centre.get('/api/tasks'), 200);
    expect(theirs.items.some((t: { id: string }) => t.id === task.id)).toBe(false);
    const done = { version: task.version, outcome: 'done', note: 'Inscrite au cours du samedi' };
    await status(centre.post(`/api/tasks/${task.id}/complete`, done), 404);
    await status(as.secretariatNord!.post(`/api/tasks/${task.id}/complete`, done), 200);
    const after = await status(as.secretariatNord!.get('/api/tasks'), 200);
    expect(after.items.some((t: { id: string }) => t.id === task.id)).toBe(false);
  });

  it('reminds the packs without answer at 14 and 3 days before the deadline, each once', async () => {
    expect((await sweep()).reminders).toBe(0); // 30 days before: nothing due
    clock.set('2027-05-19T08:00:00.000Z'); // 14 days before 2 June
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.reminders + b.reminders).toBe(1);
    expect((await sweep()).reminders).toBe(0);
    clock.set('2027-05-30T08:00:00.000Z'); // 3 days before
    expect((await sweep()).reminders).toBe(1);
    expect((await sweep()).reminders).toBe(0);
    await ctx.deps.mailer.flush();
    expect(ctx.mailbox!.to(emails.petit!)).toHaveLength(3);
    expect(ctx.mailbox!.to(emails.martin!)).toHaveLength(1);
  });

  it('releases the seats still held the day after the deadline, once, by two sweeps at once', async () => {
    clock.set('2027-06-02T20:00:00.000Z'); // the deadline itself: still held
    expect((await sweep()).seatsReleased).toBe(0);
    clock.set('2027-06-03T08:00:00.000Z');
    const [a, b] = await Promise.all([sweep(), sweep()]);
    expect(a.seatsReleased + b.seatsReleased).toBe(1);
    expect((await placeOf(ids.choirNext!, ids.petitStudent!))!.status).toBe('released');
    expect((await placeOf(ids.pianoNext!, ids.martinStudent!))!.status).toBe('confirmed');
    const audits = await ctx.deps.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'reenrolment-seat-released')
      .execute();
    expect(audits).toHaveLength(1);
    // After the deadline the latest link (from the last reminder) answers no more.
    const link = ctx.mailbox!.linkTo(emails.petit!, '/reenrolment/').split('/reenrolment/')[1]!;
    await status(anonymous(ctx).post(`/api/reenrolment-links/${link}/answer`, { answer: 'confirmed' }), 409);
  });
});
