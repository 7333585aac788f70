import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Role } from '@contracts';
import { anonymous, createTestApp, loginAs, type Agent, type TestContext } from '../../testing/harness.js';
import type { Mailbox, ReceivedMail } from '../../testing/mailbox.js';
import { DEMO_DOMAIN, DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo.js';
import type { DB } from '../../db/tables.js';
import type { Kysely } from 'kysely';
import { insertCourse, insertPlace, insertSeason } from '../schools/reenrolment.fixtures.js';

/**
 * Every e-mail that carries a personal link is sent on a demo organisation (outside demo mode), then every GET
 * endpoint of the OpenAPI document is walked as every role, with real ids from the database: no answer may contain
 * any of the live secrets the recipients received. A new endpoint must be mapped below, or this test fails.
 */
let ctx: TestContext & { mailbox: Mailbox };
const ROLES: Role[] = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board'];
ROLES.push('teacher', 'guardian');
const LOGIN: Record<string, string> = { teacher: 'teacher', guardian: 'family' };
const agents: Partial<Record<Role, Agent>> = {};
const as = (role: Role) => loginAs(ctx, `${LOGIN[role] ?? role}@${DEMO_DOMAIN}`, DEMO_PASSWORD);

beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  await loadDemoIfEmpty(ctx.deps);
});
afterAll(async () => ctx.close());

/** Up to `limit` ids of a table, newest first (what the actions below touched comes first). */
type Table = 'families' | 'people' | 'teacher_documents' | 'teacher_applications' | 'meetings' | 'teacher_suspensions';
type MoreTables = 'lesson_files' | 'tickets' | 'invoices' | 'collection_batches' | 'tax_certificates' | 'outbox';
type Billing = 'payment_deferrals' | 'schools' | 'seasons' | 'courses' | 'board_decisions' | 'reenrolment_packs';
async function ids(db: Kysely<DB>, table: Table | MoreTables | Billing, limit = 12) {
  const newest = sql.ref(table === 'tax_certificates' ? 'generated_at' : 'created_at');
  const query = sql<{ id: string }>`select id from ${sql.table(table)} order by ${newest} desc, id limit ${limit}`;
  const rows = await query.execute(db);
  return rows.rows.map((r) => r.id);
}

/** For each GET path of the API, the URLs to read with real ids (token paths read a secret, they never show one). */
/** When the personal links began to be sent: only what was written since can hold one. */
let since = '';

async function urlsFor(path: string): Promise<string[] | 'skip'> {
  const db = ctx.deps.db;
  const fill = async (table: Parameters<typeof ids>[1], limit?: number) =>
    (await ids(db, table, limit)).map((id) => path.replace('{id}', id));
  const bySchool = async () =>
    (await db.selectFrom('schools').select('id').orderBy('id').limit(2).execute()).map((r) =>
      path.replace('{schoolId}', r.id),
    );
  const teachers = async () => {
    const rows = await db.selectFrom('teachers').select('person_id').orderBy('updated_at', 'desc').limit(6).execute();
    return rows.map((t) => path.replace('{id}', t.person_id));
  };
  const month = ctx.clock.now().toISOString().slice(0, 7);
  const schoolSeasons = async (template: string) => {
    const [schools, seasons] = [await ids(db, 'schools', 2), await ids(db, 'seasons', 1)];
    return schools.flatMap((id) => seasons.map((season) => template.replace('{id}', id).replace('{seasonId}', season)));
  };
  const byPath: Record<string, () => Promise<string[] | 'skip'>> = {
    '/api/auth/tokens/{token}': async () => 'skip',
    '/api/links/{token}': async () => 'skip',
    '/api/links/meeting-invitations/{token}': async () => 'skip',
    '/api/search': async () => ['/api/search?q=lef', '/api/search?q=demo.example', '/api/search?q=0612'],
    '/api/lessons': async () => [`/api/lessons?month=${month}`],
    '/api/contacts': async () => [
      ...(await ids(db, 'families', 6)).map((id) => `/api/contacts?familyId=${id}`),
      ...(await ids(db, 'people', 6)).map((id) => `/api/contacts?personId=${id}`),
    ],
    '/api/outbox': async () => {
      const recipients = [...new Set(ctx.mailbox.received.map((m) => m.to))];
      return ['/api/outbox?limit=200', ...recipients.map((to) => `/api/outbox?to=${encodeURIComponent(to)}`)];
    },
    '/api/outbox/{id}': async () => {
      const rows = await db.selectFrom('outbox').select('id').where('created_at', '>=', since).execute();
      return rows.map((r) => `/api/outbox/${r.id}`);
    },
    '/api/history/{entityType}/{entityId}': async () => {
      const audited = db.selectFrom('audit_log').select(['entity_type', 'entity_id']).distinct();
      const pairs = await audited.where('at', '>=', since).execute();
      return pairs.map((p) => `/api/history/${p.entity_type}/${p.entity_id}`);
    },
    '/api/families/{id}': () => fill('families'),
    '/api/billing/families/{id}/mandates': () => fill('families', 6),
    '/api/billing/families/{id}/overview': () => fill('families', 6),
    '/api/people/{id}': () => fill('people'),
    '/api/teachers/{id}': teachers,
    '/api/teachers/{id}/profile': teachers,
    '/api/teachers/{id}/documents': teachers,
    '/api/teachers/{id}/meeting-invitations': teachers,
    '/api/teachers/{id}/incidents': teachers,
    '/api/teachers/{id}/suspensions': teachers,
    '/api/teachers/{id}/open-requests': teachers,
    '/api/teacher-documents/{id}/content': () => fill('teacher_documents', 4),
    '/api/teacher-applications/{id}': () => fill('teacher_applications'),
    '/api/meetings/{id}': () => fill('meetings'),
    '/api/teacher-suspensions/{id}': () => fill('teacher_suspensions'),
    '/api/requests/{id}/candidates': () => fill('lesson_files', 4),
    '/api/requests/{id}/candidates/exclusions': () => fill('lesson_files', 4),
    '/api/requests/{id}/merge-preview': () => fill('lesson_files', 4),
    '/api/files/{id}': () => fill('lesson_files'),
    '/api/tickets/{id}': () => fill('tickets'),
    '/api/billing/invoices/{id}': () => fill('invoices', 6),
    '/api/billing/invoices/{id}/pdf': () => fill('invoices', 2),
    '/api/billing/batches/{id}': () => fill('collection_batches', 4),
    '/api/billing/batches/{id}/file': () => fill('collection_batches', 2),
    '/api/billing/certificates/{id}/pdf': () => fill('tax_certificates', 2),
    '/api/billing/deferrals/{id}': () => fill('payment_deferrals', 2),
    // The school network holds no personal link: its pages are walked all the same.
    '/api/schools/{id}': () => fill('schools', 2),
    '/api/seasons/{id}': () => fill('seasons', 2),
    '/api/seasons/{id}/calendar-entries': () => fill('seasons', 2),
    '/api/seasons/{id}/timetable-conflicts': () => fill('seasons', 2),
    '/api/seasons/{id}/tariffs': () => fill('seasons', 2),
    '/api/seasons/{id}/choice-opening': () => fill('seasons', 2),
    '/api/seasons/{id}/reports': () => fill('seasons', 2),
    '/api/seasons/{id}/reports.csv': () => fill('seasons', 2),
    '/api/board/decisions/{id}': () => fill('board_decisions', 2),
    '/api/courses/{id}': () => fill('courses', 2),
    '/api/courses/{id}/lessons': () => fill('courses', 2),
    // Attendance sheets (issue 16): no personal link of their own; a course's sheet and its PDF are walked.
    '/api/attendance/courses/{id}': () => fill('courses', 2),
    '/api/attendance/courses/{id}/pdf': () => fill('courses', 2),
    // Distance lessons (issue 16): the link's own path reads a secret; the lesson the links were sent for is walked.
    '/api/distance-links/{token}': async () => 'skip',
    '/api/attendance/courses/{id}/lessons/{date}/distance': async () => {
      const lessons = await db
        .selectFrom('distance_materials')
        .innerJoin('attendance_lessons', 'attendance_lessons.id', 'distance_materials.lesson_id')
        .select(['attendance_lessons.course_id', 'attendance_lessons.lesson_date'])
        .distinct()
        .execute();
      return lessons.map((l) => path.replace('{id}', l.course_id).replace('{date}', l.lesson_date));
    },
    // Absence notices (issue 16): a family's choice, walked for the newest families.
    '/api/families/{id}/absence-notices': () => fill('families', 2),
    // Replacements (issue 16): no personal link of their own; an absence's proposals are walked.
    '/api/replacements/absences/{id}/proposals': async () =>
      (await db.selectFrom('teacher_absences').select('id').limit(2).execute()).map((r) => path.replace('{id}', r.id)),
    '/api/schools/{id}/calendar/{seasonId}': async () => schoolSeasons('/api/schools/{id}/calendar/{seasonId}'),
    '/api/calendars/{id}/{seasonId}.ics': async () => schoolSeasons('/api/calendars/{id}/{seasonId}.ics'),
    // Re-enrolment (issue 15): the link's own paths read a secret; the office's and the portal's are walked.
    '/api/reenrolment-links/{token}': async () => 'skip',
    // Calendar feeds (issue 18): the feed's own path reads a secret; the account's list of feeds is walked.
    '/api/feeds/{token}.ics': async () => 'skip',
    '/api/reenrolment-links/{token}/pdf': async () => 'skip',
    '/api/reenrolment/campaigns/{id}/progress': async () =>
      (await db.selectFrom('reenrolment_campaigns').select('id').execute()).map((r) => path.replace('{id}', r.id)),
    '/api/reenrolment/packs/{id}': () => fill('reenrolment_packs', 4),
    '/api/reenrolment/packs/{id}/pdf': () => fill('reenrolment_packs', 2),
    // Admission, timetable choice and fees (issue 15): no personal link of their own; their pages are walked.
    '/api/public/admissions/{schoolId}': bySchool,
    '/api/schools/{schoolId}/registrations': bySchool,
    '/api/courses/{id}/waiting-list': () => fill('courses', 2),
    '/api/fees/schools/{schoolId}/policy': bySchool,
    '/api/fees/schools/{schoolId}/special-rules': bySchool,
    '/api/fees/families/{familyId}/seasons/{seasonId}': async () => {
      const family = await db.selectFrom('families').select('id').orderBy('id').executeTakeFirstOrThrow();
      const seasons = await db.selectFrom('seasons').select('id').orderBy('id').limit(2).execute();
      return seasons.map((r) => path.replace('{familyId}', family.id).replace('{seasonId}', r.id));
    },
  };
  const mapped = byPath[path];
  if (mapped) return mapped();
  if (path.includes('{')) throw new Error(`${path}: say with which ids to read it, in personal-links-walk.test.ts`);
  return [path];
}

describe('no endpoint shows anyone a live personal link', () => {
  it('sends every kind of personal link, then finds none of them anywhere, as any role', async () => {
    for (const role of ROLES) agents[role] = await as(role);
    since = ctx.clock.now().toISOString();
    const admin = agents.admin as Agent;
    const followup = agents.followup as Agent;
    const recruitment = agents.recruitment as Agent;

    // Reset links (asked anonymously, and sent by followup to a teacher), an invitation.
    for (const login of ['admin', 'family', 'accounts']) {
      await anonymous(ctx).post('/api/auth/password-reset', { email: `${login}@${DEMO_DOMAIN}` });
    }
    const users = ctx.deps.db.selectFrom('users').select('id');
    const teacherUser = await users.where('email', '=', `teacher@${DEMO_DOMAIN}`).executeTakeFirst();
    expect((await followup.post(`/api/users/${teacherUser?.id}/reset-link`)).statusCode).toBe(204);
    const invitation = { email: 'nouvelle.recrue@example.org', displayName: 'Nouvelle Recrue', roles: ['sales'] };
    expect((await admin.post('/api/users', invitation)).statusCode).toBe(201);

    // First-lesson links: a hand-over, then the reminders of the follow-up sweep.
    const files = ctx.deps.db.selectFrom('lesson_files').select('id');
    const matching = await files.where('stage', '=', 'matching').execute();
    let handedOver = false;
    for (const file of matching) {
      const candidates = await recruitment.get(`/api/requests/${file.id}/candidates`);
      const first = (candidates.json() as { teacherId: string }[])[0];
      if (!first) continue;
      const handover = await recruitment.post(`/api/files/${file.id}/handover`, { teacherId: first.teacherId });
      if (handover.statusCode === 200) {
        handedOver = true;
        break;
      }
    }
    expect(handedOver).toBe(true);
    ctx.clock.advanceMinutes(4 * 24 * 60);
    for (const role of ROLES) agents[role] = await as(role);
    expect((await (agents.followup as Agent).post('/api/sweeps/run')).statusCode).toBe(200);

    // Meeting answer links.
    const startsAt = new Date(ctx.clock.now().getTime() + 10 * 86_400_000).toISOString();
    const facilitator = agents.followup as Agent;
    const meeting = await facilitator.post('/api/meetings', {
      subject: 'Rencontre',
      startsAt,
      durationMinutes: 90,
      place: 'Salle 1',
      facilitator: 'Fanny Suivi',
      capacity: 40,
    });
    expect(meeting.statusCode).toBe(201);
    const url = `/api/meetings/${meeting.json().id}/invitations`;
    const invited = await facilitator.post(url, { mode: 'never-attended' });
    expect(invited.statusCode).toBe(200);

    // Re-enrolment pack links (issue 15): a returning student of the demo family, its pack sent by the sweep.
    const guardian = await ctx.deps.db
      .selectFrom('users')
      .innerJoin('people', 'people.id', 'users.person_id')
      .select('people.family_id')
      .where('users.email', '=', `family@${DEMO_DOMAIN}`)
      .executeTakeFirstOrThrow();
    const student = await ctx.deps.db
      .selectFrom('people')
      .select('id')
      .where('kind', '=', 'student')
      .where('family_id', '=', guardian.family_id)
      .executeTakeFirstOrThrow();
    const course = await ctx.deps.db.selectFrom('courses').selectAll().orderBy('id').executeTakeFirstOrThrow();
    const nextSeason = await insertSeason(ctx.deps.db, '2099-2100', '2099-09-01', '2100-07-01');
    await insertPlace(ctx.deps.db, course.id, student.id, guardian.family_id!);
    await insertCourse(ctx.deps.db, {
      seasonId: nextSeason,
      schoolId: course.school_id,
      teacherId: course.teacher_id,
      discipline: course.discipline,
      kind: course.kind,
      level: course.level,
    });
    const campaign = { fromSeasonId: course.season_id, toSeasonId: nextSeason };
    expect((await (agents.admin as Agent).post('/api/reenrolment/campaigns', campaign)).statusCode).toBe(201);
    expect((await (agents.admin as Agent).post('/api/sweeps/run')).statusCode).toBe(200);

    // Distance lesson "ok" links (issue 16): material posted again to the demo's distance lesson's class.
    const distance = await ctx.deps.db
      .selectFrom('distance_materials')
      .innerJoin('attendance_lessons', 'attendance_lessons.id', 'distance_materials.lesson_id')
      .select(['attendance_lessons.course_id', 'attendance_lessons.lesson_date'])
      .executeTakeFirstOrThrow();
    const lesson = `/api/attendance/courses/${distance.course_id}/lessons/${distance.lesson_date}`;
    const posted = await (agents.admin as Agent).post(`${lesson}/materials`, { text: 'Exercice du jour' });
    expect(posted.statusCode, posted.body).toBe(200);
    expect((await (agents.admin as Agent).post('/api/sweeps/run')).statusCode).toBe(200);

    // The live secrets, as their recipients got them.
    const secrets = new Map<string, string>();
    for (const mail of ctx.mailbox.received) {
      const links =
        /\/(reset-password\?token=|invitation\?token=|l\/|meeting-answer\/|reenrolment\/|ack\/)([\w-]{20,})/g;
      for (const match of mail.text.matchAll(links)) {
        secrets.set(match[2] as string, `${match[1] ?? ''} to ${mail.to}`);
      }
    }
    // Calendar feed URLs (issue 18): shown once to their owner in the answer that makes them, never again.
    for (const [role, scope] of [
      ['teacher', 'teacher'],
      ['guardian', 'family'],
    ] as const) {
      const feed = await (agents[role] as Agent).post('/api/calendar-feeds', { scope });
      expect(feed.statusCode, feed.body).toBe(201);
      const token = /\/api\/feeds\/([\w-]{20,})\.ics$/.exec(feed.json().url as string)?.[1];
      secrets.set(token!, `calendar feed of the ${role}`);
    }
    const kinds = new Set([...secrets.values()].map((v) => v.split(' ')[0]));
    expect([...kinds].sort()).toEqual([
      'ack/',
      'calendar',
      'invitation?token=',
      'l/',
      'meeting-answer/',
      'reenrolment/',
      'reset-password?token=',
    ]);
    const isReminder = (m: ReceivedMail) => /premier cours/i.test(m.subject) && m.text.includes('/l/');
    const reminders = ctx.mailbox.received.filter(isReminder);
    expect(reminders.length).toBeGreaterThan(0);

    const doc = (await admin.get('/api/openapi.json')).json() as { paths: Record<string, { get?: unknown }> };
    const leaks: string[] = [];
    let reads = 0;
    let outboxShown = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.get) continue;
      const urls = await urlsFor(path);
      if (urls === 'skip') continue;
      for (const url of urls) {
        for (const role of ROLES) {
          const res = await (agents[role] as Agent).get(url);
          reads += 1;
          const body = res.rawPayload.toString('latin1');
          if (url.startsWith('/api/outbox') && res.statusCode === 200 && body.includes('[lien personnel masqu')) {
            outboxShown += 1;
          }
          for (const [secret, what] of secrets) {
            if (body.includes(secret)) leaks.push(`${role} GET ${url} shows the link ${what}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    // The walk read what it set out to read: the outbox shows these messages, with their links hidden.
    expect(outboxShown).toBeGreaterThan(10);
    expect(reads).toBeGreaterThan(500);
  }, 240_000);
});
