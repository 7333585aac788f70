import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, type TestContext } from '../../testing/harness.js';
import { newId } from '../../platform/ids.js';
import { attendanceSchool, placedFamily } from './attendance.test-support.js';
import { calendarFeedWindow, lessonTimes, meetingInTeacherCalendar } from './calendar-feeds.rules.js';

/**
 * Private calendar feeds (issue 18, item 7): a teacher's, a family's and a school's lessons as iCalendar, read by a
 * calendar app without a session; the URL is shown once, replaced or revoked at will, and stops answering when the
 * account loses the relation. Both engines; each test has its own school.
 */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

// Friday 20 November 2026: the feed covers 13 November to 15 January, so the course's Wednesdays 18 November to
// 16 December (the term ends on the 19th).
const TODAY = '2026-11-20T10:00:00.000Z';
const WEDNESDAYS = ['2026-11-18', '2026-11-25', '2026-12-02', '2026-12-09', '2026-12-16'];

type Event = { uid: string; summary: string; start: string; location: string | null };
function eventsOf(text: string): Event[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, start: e.startDate.toString(), location: e.location };
  });
}

async function meeting(teacherId: string, subject: string, startsAt: string, response: string | null) {
  const now = ctx.clock.now().toISOString();
  const id = newId();
  await ctx.deps.db
    .insertInto('meetings')
    .values({
      id,
      subject,
      starts_at: startsAt,
      ends_at: startsAt.replace('T18:', 'T20:'),
      place: 'Salle Rameau',
      video_url: null,
      facilitator: 'Claire',
      capacity: 20,
      notes: null,
      attendance_recorded_at: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  await ctx.deps.db
    .insertInto('meeting_invitations')
    .values({
      id: newId(),
      meeting_id: id,
      teacher_id: teacherId,
      invited_at: now,
      response,
      responded_at: null,
      attended: null,
      token_hash: newId(),
      token_used_at: null,
    })
    .execute();
}

const feedPath = (url: string) => new URL(url).pathname;

describe('calendar feed rules', () => {
  it('covers the past week and the next eight weeks, gives lessons local times, and drops declined meetings', () => {
    expect(calendarFeedWindow('2026-11-20')).toEqual({ start: '2026-11-13', end: '2027-01-15' });
    expect(lessonTimes('2026-11-18', '17:30', 45)).toEqual({
      start: '2026-11-18T17:30:00',
      end: '2026-11-18T18:15:00',
    });
    expect([null, 'yes', 'no'].map(meetingInTeacherCalendar)).toEqual([true, true, false]);
  });
});

describe('calendar feeds', () => {
  it('gives a teacher a feed of their lessons and meetings, read without a session, never another teacher’s', async () => {
    ctx.clock.set(TODAY);
    const school = await attendanceSchool(ctx.deps);
    const other = await attendanceSchool(ctx.deps);
    await meeting(school.teacherId, 'Réunion pédagogique', '2026-12-05T18:00:00.000Z', 'yes');
    await meeting(school.teacherId, 'Réunion déclinée', '2026-12-12T18:00:00.000Z', 'no');
    const teacher = await loginAs(ctx, school.teacherEmail);

    const listed = await teacher.get('/api/calendar-feeds');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toEqual({ feeds: [], subjects: [{ scope: 'teacher', schoolId: null, schoolName: null }] });
    const created = await teacher.post('/api/calendar-feeds', { scope: 'teacher' });
    expect(created.statusCode, created.body).toBe(201);
    const url: string = created.json().url;
    expect(url).toMatch(/^http.*\/api\/feeds\/[\w-]{40,}\.ics$/);

    const feed = await anonymous(ctx).get(feedPath(url));
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.headers['cache-control']).toBe('private, no-store');
    const events = eventsOf(feed.body);
    const lessons = events.filter((e) => e.uid.startsWith('course-'));
    expect(lessons.map((e) => e.start)).toEqual(WEDNESDAYS.map((d) => `${d}T17:00:00`));
    expect(lessons.every((e) => e.uid.includes(school.courseId) && e.summary === 'choir — Chœur enfants')).toBe(true);
    expect(lessons.some((e) => e.uid.includes(other.courseId))).toBe(false);
    expect(events.filter((e) => e.uid.startsWith('meeting-')).map((e) => [e.summary, e.location])).toEqual([
      ['Réunion pédagogique', 'Salle Rameau'],
    ]);

    // The list shows the feed and when it was read, never its URL.
    const after = (await teacher.get('/api/calendar-feeds')).body;
    expect(after).not.toContain(new URL(url).pathname.split('/').pop()!.replace('.ics', ''));
    expect(JSON.parse(after).feeds).toEqual([expect.objectContaining({ scope: 'teacher', lastReadAt: TODAY })]);
  });

  it('gives a family its children’s lessons only, from the first day of each place', async () => {
    ctx.clock.set(TODAY);
    const school = await attendanceSchool(ctx.deps);
    const alma = await placedFamily(ctx.deps, school.courseId, 'confirmed', '2026-12-01', 'Alma');
    await placedFamily(ctx.deps, school.courseId, 'confirmed', null, 'Basile');
    const guardian = await loginAs(ctx, alma.guardianEmail);
    const created = await guardian.post('/api/calendar-feeds', { scope: 'family' });
    expect(created.statusCode, created.body).toBe(201);
    const events = eventsOf((await anonymous(ctx).get(feedPath(created.json().url))).body);
    expect(events.map((e) => [e.start, e.summary])).toEqual(
      WEDNESDAYS.slice(2).map((d) => [`${d}T17:00:00`, 'choir — Chœur enfants — Alma']),
    );
    expect(JSON.stringify(events)).not.toContain('Basile');
  });

  it('refuses a feed the account has no relation to, and gives staff their own schools only', async () => {
    ctx.clock.set(TODAY);
    const school = await attendanceSchool(ctx.deps);
    const other = await attendanceSchool(ctx.deps);
    const family = await placedFamily(ctx.deps, school.courseId);
    const guardian = await loginAs(ctx, family.guardianEmail);
    const asTeacher = await guardian.post('/api/calendar-feeds', { scope: 'teacher' });
    expect(asTeacher.statusCode).toBe(422);
    expect(asTeacher.json().errors).toEqual([
      expect.objectContaining({ field: 'scope', code: 'CALENDAR_FEED_NOT_YOURS' }),
    ]);

    const secretary = await loginAs(ctx, school.secretary.email);
    const elsewhere = await secretary.post('/api/calendar-feeds', { scope: 'school', schoolId: other.schoolId });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().errors).toEqual([expect.objectContaining({ field: 'schoolId' })]);
    const mine = await secretary.post('/api/calendar-feeds', { scope: 'school', schoolId: school.schoolId });
    expect(mine.statusCode, mine.body).toBe(201);
    const events = eventsOf((await anonymous(ctx).get(feedPath(mine.json().url))).body);
    expect(events.map((e) => e.start)).toEqual(WEDNESDAYS.map((d) => `${d}T17:00:00`));
    expect(events[0]?.location).toContain('École');

    // Another account cannot revoke it; anonymous callers cannot list or create.
    expect((await guardian.del(`/api/calendar-feeds/${mine.json().id}`)).statusCode).toBe(404);
    expect((await anonymous(ctx).get('/api/calendar-feeds')).statusCode).toBe(401);
  });

  it('stops answering a replaced or revoked URL, and a disabled account’s, as an unknown one', async () => {
    ctx.clock.set(TODAY);
    const school = await attendanceSchool(ctx.deps);
    const teacher = await loginAs(ctx, school.teacherEmail);
    const first = (await teacher.post('/api/calendar-feeds', { scope: 'teacher' })).json();
    const second = (await teacher.post('/api/calendar-feeds', { scope: 'teacher' })).json();
    const read = async (url: string) => (await anonymous(ctx).get(feedPath(url))).statusCode;
    expect([await read(first.url), await read(second.url)]).toEqual([404, 200]);
    expect((await teacher.get('/api/calendar-feeds')).json().feeds.map((f: { id: string }) => f.id)).toEqual([
      second.id,
    ]);
    const revoked = await teacher.del(`/api/calendar-feeds/${second.id}`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().feeds).toEqual([]);
    expect(await read(second.url)).toBe(404);
    expect(await read('http://x/api/feeds/not-a-real-token-at-all-0123456789.ics')).toBe(404);

    const third = (await teacher.post('/api/calendar-feeds', { scope: 'teacher' })).json();
    const user = await ctx.deps.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', school.teacherEmail)
      .executeTakeFirstOrThrow();
    await ctx.deps.db.updateTable('users').set({ status: 'disabled' }).where('id', '=', user.id).execute();
    expect(await read(third.url)).toBe(404);

    // Audited, without the URL's secret.
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'changes', 'summary'])
      .where('entity_id', '=', user.id)
      .where('action', 'like', 'calendar-feed-%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'calendar-feed-created',
      'calendar-feed-created',
      'calendar-feed-created',
      'calendar-feed-revoked',
    ]);
    const secrets = [first.url, second.url, third.url].map((u: string) => u.split('/').pop()!.replace('.ics', ''));
    for (const secret of secrets) expect(JSON.stringify(audit)).not.toContain(secret);
  });
});
