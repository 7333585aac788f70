import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Candidate } from '@contracts';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import type { Mailbox } from '../../testing/mailbox.js';
import { makePlan, makeProfileTeacher, relaxRateLimit, requestBody } from './agency.test-support.js';

// E-mailed links are read where people get them (SMTP on loopback): the outbox's copies hide them.
let ctx: TestContext & { mailbox: Mailbox };
let sales: Agent;
let recruitment: Agent;
let followup: Agent;
let accounts: Agent;
let planId: string;
const staff: Record<string, string> = {};
/** Sessions expire when the test clock jumps ahead: log the staff in again at the new date. */
async function loginStaff() {
  sales = await loginAs(ctx, staff.sales as string);
  recruitment = await loginAs(ctx, staff.recruitment as string);
  followup = await loginAs(ctx, staff.followup as string);
  accounts = await loginAs(ctx, staff.accounts as string);
}
beforeAll(async () => {
  ctx = await createTestApp({ mailbox: true });
  await relaxRateLimit(ctx.deps);
  for (const role of ['sales', 'recruitment', 'followup', 'accounts'] as const)
    staff[role] = (await makeUser(ctx.deps, [role])).email;
  planId = await makePlan(ctx.deps);
});
// Some tests move the clock by days: each starts on the same date with staff logged in on it.
beforeEach(async () => {
  ctx.clock.set('2026-11-23T09:00:00.000Z');
  await loginStaff();
});
afterAll(async () => ctx.close());

async function newFile(overrides: Record<string, unknown> = {}) {
  const body = requestBody(overrides);
  const res = await sales.post('/api/requests', body);
  expect(res.statusCode, res.body).toBe(201);
  return { id: (res.json() as { id: string }).id, body };
}

async function subscribed(overrides: Record<string, unknown> = {}) {
  const file = await newFile(overrides);
  const res = await sales.post(`/api/files/${file.id}/subscription`, { planId });
  expect(res.statusCode, res.body).toBe(200);
  return file;
}

async function teacherLogin(teacherId: string) {
  const user = await makeUser(ctx.deps, ['teacher'], { personId: teacherId });
  return loginAs(ctx, user.email);
}

async function guardianLogin(fileId: string) {
  const file = await ctx.deps.db
    .selectFrom('lesson_files')
    .select('family_id')
    .where('id', '=', fileId)
    .executeTakeFirstOrThrow();
  const guardian = await ctx.deps.db
    .selectFrom('people')
    .select('id')
    .where('family_id', '=', file.family_id)
    .where('kind', '=', 'guardian')
    .executeTakeFirstOrThrow();
  const user = await makeUser(ctx.deps, ['guardian'], { personId: guardian.id });
  return loginAs(ctx, user.email);
}

/** The secret of the first-lesson link e-mailed to this address. */
const linkTokenTo = (address: string) => ctx.mailbox.linkTo(address, '/l/').split('/l/')[1] as string;

describe('subscription', () => {
  it('subscribes a new request to a plan, pending and not billable, and sends it to recruitment', async () => {
    const file = await subscribed();
    const sub = await ctx.deps.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ status: 'pending', billable_from: null, first_debit_by: null });
    const detail = (await recruitment.get(`/api/files/${file.id}`)).json() as {
      stage: string;
      ownerService: string;
      history: { from: string | null; to: string; reason: string }[];
    };
    expect(detail).toMatchObject({ stage: 'matching', ownerService: 'recruitment' });
    expect(detail.history.map((h) => h.to)).toEqual(['new_request', 'subscribed', 'matching']);
    expect(detail.history.every((h) => h.reason.length > 0)).toBe(true);
    expect((await sales.post(`/api/files/${file.id}/subscription`, { planId })).statusCode).toBe(409);
    expect((await recruitment.post(`/api/files/${(await newFile()).id}/subscription`, { planId })).statusCode).toBe(
      403,
    );
  });
});

describe('matching', () => {
  it('ranks teachers who pass the hard filters, with weighted parts and reasons in the user’s language', async () => {
    const near = await makeProfileTeacher(ctx.deps, { lastName: 'Proche', postalCode: '75011', styles: ['jazz'] });
    const far = await makeProfileTeacher(ctx.deps, { lastName: 'Loin', postalCode: '75016', maxTravelKm: 15 });
    const excluded = [
      // No slot in common with the family: not proposed (the "why nobody" panel counts them under availability).
      await makeProfileTeacher(ctx.deps, {
        lastName: 'Lundi',
        availability: [{ weekday: 1, startMinute: 600, endMinute: 700 }],
      }),
      await makeProfileTeacher(ctx.deps, { lastName: 'Suspendu', status: 'suspended' }),
      await makeProfileTeacher(ctx.deps, { lastName: 'Exclu', status: 'excluded' }),
      await makeProfileTeacher(ctx.deps, {
        lastName: 'Violon',
        instruments: [{ instrument: 'violin', levelMin: 1, levelMax: 3, ageMin: 5, ageMax: 99 }],
      }),
      await makeProfileTeacher(ctx.deps, {
        lastName: 'Avancé',
        instruments: [{ instrument: 'piano', levelMin: 3, levelMax: 3, ageMin: 5, ageMax: 99 }],
      }),
      await makeProfileTeacher(ctx.deps, {
        lastName: 'Adultes',
        instruments: [{ instrument: 'piano', levelMin: 1, levelMax: 3, ageMin: 18, ageMax: 99 }],
      }),
      await makeProfileTeacher(ctx.deps, { lastName: 'Lyon', postalCode: '69003' }),
      await makeProfileTeacher(ctx.deps, { lastName: 'EnLigne', home: false, online: true }),
      await makeProfileTeacher(ctx.deps, { lastName: 'Complet', capacity: 0 }),
    ];
    const file = await subscribed();
    const res = await recruitment.get(`/api/requests/${file.id}/candidates`, { headers: { 'accept-language': 'en' } });
    expect(res.statusCode, res.body).toBe(200);
    const candidates = res.json() as Candidate[];
    const ids = candidates.map((c) => c.teacherId);
    expect(ids).toContain(near);
    expect(ids).toContain(far);
    for (const id of excluded) expect(ids).not.toContain(id);
    expect(ids.indexOf(near)).toBeLessThan(ids.indexOf(far));
    const best = candidates.find((c) => c.teacherId === near) as Candidate;
    expect(best.fit).toBe('teaches piano to beginner to intermediate students aged 6–18');
    expect(best.parts.map((p) => p.key)).toEqual(['distance', 'availability', 'styles', 'load', 'outcomes']);
    expect(best.parts.find((p) => p.key === 'availability')?.reason).toBe('1 of 1 slots overlap');
    expect(best.parts.find((p) => p.key === 'load')?.reason).toBe(
      'only 0 lessons given in the last 30 days — gets priority',
    );
    expect(best.parts.find((p) => p.key === 'styles')?.reason).toBe('shares jazz');
    expect(candidates.find((c) => c.teacherId === far)?.parts[0]?.reason).toMatch(/^\d+\.\d km away$/);
    const fr = (
      await recruitment.get(`/api/requests/${file.id}/candidates`, { headers: { 'accept-language': 'fr' } })
    ).json() as Candidate[];
    expect(fr.find((c) => c.teacherId === near)?.parts.find((p) => p.key === 'availability')?.reason).toBe(
      '1 créneau sur 1 en commun',
    );

    const online = await subscribed({ place: 'online', address: null });
    const onlineIds = ((await recruitment.get(`/api/requests/${online.id}/candidates`)).json() as Candidate[]).map(
      (c) => c.teacherId,
    );
    expect(onlineIds).toContain(excluded[7]);
    expect(onlineIds).not.toContain(near);
  });

  it('admits a teacher beyond their travel distance when the commune is one of their zones', async () => {
    const zoned = await makeProfileTeacher(ctx.deps, {
      lastName: 'Zone',
      postalCode: '69003',
      zones: [{ kind: 'department', code: '75' }],
    });
    const file = await subscribed();
    const ids = ((await recruitment.get(`/api/requests/${file.id}/candidates`)).json() as Candidate[]).map(
      (c) => c.teacherId,
    );
    expect(ids).toContain(zoned);
  });

  it('keeps matching to recruitment and followup, and records external candidates', async () => {
    const file = await subscribed();
    expect((await sales.get(`/api/requests/${file.id}/candidates`)).statusCode).toBe(403);
    const ext = await recruitment.post(`/api/files/${file.id}/external-candidates`, {
      name: 'Jeanne Extérieure',
      contact: '06 00 00 00 00',
      notes: 'conservatoire du 11e',
    });
    expect(ext.statusCode).toBe(201);
    const detail = (await recruitment.get(`/api/files/${file.id}`)).json() as {
      externalCandidates: { name: string }[];
    };
    expect(detail.externalCandidates.map((c) => c.name)).toEqual(['Jeanne Extérieure']);
  });
});

describe('the loop from hand-over to a new search', () => {
  it('hands over, starts the billing clock, e-mails both sides, and goes on to lessons and a new search', async () => {
    const teacherId = await makeProfileTeacher(ctx.deps, {
      firstName: 'Hélène',
      lastName: 'Marchand',
      email: 'helene.marchand@example.org',
    });
    const file = await subscribed();

    const handover = await recruitment.post(`/api/files/${file.id}/handover`, { teacherId });
    expect(handover.statusCode, handover.body).toBe(200);
    expect(handover.json()).toMatchObject({ billableFrom: '2026-11-23', firstDebitBy: '2026-12-02' });
    const sub = await ctx.deps.db
      .selectFrom('subscriptions')
      .selectAll()
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ status: 'active', billable_from: '2026-11-23', first_debit_by: '2026-12-02' });

    const familyMail = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', file.body.guardian.email)
      .where('template', '=', 'agency.handover-family')
      .executeTakeFirstOrThrow();
    expect(familyMail.text_body).toContain('helene.marchand@example.org');
    const teacherMail = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', 'helene.marchand@example.org')
      .executeTakeFirstOrThrow();
    expect(teacherMail.text_body).toContain(file.body.guardian.email);

    let detail = (await followup.get(`/api/files/${file.id}`)).json() as {
      stage: string;
      ownerService: string;
      noLessonWhileBillable: boolean;
    };
    expect(detail).toMatchObject({
      stage: 'contact_handed_over',
      ownerService: 'followup',
      noLessonWhileBillable: true,
    });

    // The family answers from the e-mailed link, without logging in; the link is single use.
    const token = linkTokenTo(file.body.guardian.email);
    const view = await anonymous(ctx).get(`/api/links/${token}`);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ audience: 'family', otherName: 'Hélène Marchand', used: false });
    expect((await anonymous(ctx).post(`/api/links/${token}`, { date: '2026-11-25' })).statusCode).toBe(200);
    expect((await anonymous(ctx).post(`/api/links/${token}`, { date: '2026-11-26' })).statusCode).toBe(410);
    expect((await anonymous(ctx).get('/api/links/not-a-real-token-at-all-123456')).statusCode).toBe(410);
    const assignment = await ctx.deps.db
      .selectFrom('assignments')
      .selectAll()
      .where('file_id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(assignment.first_lesson_on).toBe('2026-11-25');
    detail = (await followup.get(`/api/files/${file.id}`)).json() as typeof detail;
    expect(detail.stage).toBe('first_lesson_scheduled');

    // The teacher records two lessons from their portal; the family confirms one and disputes the other.
    ctx.clock.set('2026-12-03T18:00:00.000Z');
    await loginStaff();
    const teacher = await teacherLogin(teacherId);
    const l1 = await teacher.post(`/api/files/${file.id}/lessons`, { date: '2026-11-25', minutes: 45, status: 'done' });
    expect(l1.statusCode, l1.body).toBe(201);
    const l2 = await teacher.post(`/api/files/${file.id}/lessons`, { date: '2026-12-02', minutes: 45, status: 'late' });
    expect(l2.statusCode).toBe(201);
    // a lesson in the future, or before the teacher's start, is refused on its date with a message that says which
    const future = await teacher.post(`/api/files/${file.id}/lessons`, {
      date: '2027-01-02',
      minutes: 45,
      status: 'done',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ errors: [{ field: 'date', code: 'lesson_date_future' }] });
    const before = await teacher.post(`/api/files/${file.id}/lessons`, {
      date: '2020-01-02',
      minutes: 45,
      status: 'done',
    });
    expect(before.json()).toMatchObject({ errors: [{ field: 'date', code: 'lesson_date_before_start' }] });
    detail = (await followup.get(`/api/files/${file.id}`)).json() as typeof detail;
    expect(detail).toMatchObject({ stage: 'ongoing', noLessonWhileBillable: false });

    const family = await guardianLogin(file.id);
    expect(
      (await family.post(`/api/lessons/${(l1.json() as { id: string }).id}/response`, { response: 'confirmed' }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await family.post(`/api/lessons/${(l2.json() as { id: string }).id}/response`, {
          response: 'disputed',
          reason: 'Arrivé 20 minutes en retard',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      await ctx.deps.db
        .selectFrom('tasks')
        .select('kind')
        .where('file_id', '=', file.id)
        .where('kind', '=', 'lesson-disputed')
        .executeTakeFirst(),
    ).toBeDefined();

    // Followup logs a call, then the family asks for another teacher: back to matching, first teacher excluded.
    expect(
      (
        await followup.post(`/api/files/${file.id}/contacts`, {
          channel: 'call',
          direction: 'out',
          summary: 'Appel de suivi : la famille souhaite changer de professeur',
          mediation: true,
        })
      ).statusCode,
    ).toBe(201);
    const ended = await followup.post(`/api/files/${file.id}/end-assignment`, {
      reason: 'mismatch',
      details: 'horaires incompatibles',
      newSearch: true,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    const back = (await recruitment.get(`/api/files/${file.id}`)).json() as {
      stage: string;
      contacts: { mediation: boolean }[];
      assignments: { endReason: string | null }[];
      subscription: { status: string };
    };
    expect(back.stage).toBe('matching');
    expect(back.contacts[0]?.mediation).toBe(true);
    expect(back.assignments[0]?.endReason).toBe('mismatch');
    expect(back.subscription.status).toBe('pending');
    const again = ((await recruitment.get(`/api/requests/${file.id}/candidates`)).json() as Candidate[]).map(
      (c) => c.teacherId,
    );
    expect(again).not.toContain(teacherId);
    const withPrevious = (
      (await recruitment.get(`/api/requests/${file.id}/candidates?includePrevious=true`)).json() as Candidate[]
    ).find((c) => c.teacherId === teacherId);
    // A mismatch is nobody's fault: the outcomes part does not lower the teacher for it.
    expect(withPrevious?.parts.find((p) => p.key === 'outcomes')?.reason).toBe('aucun suivi arrêté de son fait');
  });

  it('refuses to hand over to a suspended teacher, or a file without subscription', async () => {
    const suspended = await makeProfileTeacher(ctx.deps, { status: 'suspended' });
    const file = await subscribed();
    expect((await recruitment.post(`/api/files/${file.id}/handover`, { teacherId: suspended })).statusCode).toBe(422);
    const bare = await newFile();
    expect((await recruitment.post(`/api/files/${bare.id}/handover`, { teacherId: suspended })).statusCode).toBe(409);
    expect((await sales.post(`/api/files/${file.id}/handover`, { teacherId: suspended })).statusCode).toBe(403);
  });

  it('hands a billing question to accounts and brings the file back to its owner when solved', async () => {
    const file = await subscribed();
    const opened = await recruitment.post(`/api/files/${file.id}/tickets`, {
      subject: 'Double prélèvement ?',
      message: 'La famille pense avoir été prélevée deux fois.',
    });
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json() as { id: string; version: number };
    expect((await accounts.get('/api/tickets?status=open')).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: ticket.id })]),
    );
    expect(
      (await recruitment.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, status: 'solved' })).statusCode,
    ).toBe(403);
    const solved = await accounts.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, status: 'solved' });
    expect(solved.statusCode).toBe(200);
    const back = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('file_id', '=', file.id)
      .where('kind', '=', 'ticket-solved')
      .executeTakeFirstOrThrow();
    expect(back).toMatchObject({ service: 'recruitment', status: 'open' });
  });

  it('keeps the ticket conversation, lets followup read and write in it but only accounts move it, and refuses a stale status', async () => {
    const file = await subscribed();
    const opened = await followup.post(`/api/files/${file.id}/tickets`, {
      subject: 'Adresse de facturation',
      message: 'La famille a déménagé.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const ticket = opened.json() as {
      id: string;
      version: number;
      status: string;
      fileId: string;
      familyId: string;
      openedBy: string;
      messages: { body: string; authorName: string }[];
    };
    expect(ticket).toMatchObject({ status: 'open', fileId: file.id, messages: [{ body: 'La famille a déménagé.' }] });
    const replied = await followup.post(`/api/tickets/${ticket.id}/messages`, {
      body: 'Nouvelle adresse : 3 rue des Lilas.',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect((replied.json() as typeof ticket).messages.map((m) => m.body)).toEqual([
      'La famille a déménagé.',
      'Nouvelle adresse : 3 rue des Lilas.',
    ]);
    expect((await followup.get('/api/tickets?status=open')).statusCode).toBe(200);
    expect(
      (await followup.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, status: 'in_progress' }))
        .statusCode,
    ).toBe(403);
    const taken = await accounts.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, status: 'in_progress' });
    expect(taken.statusCode, taken.body).toBe(200);
    expect(taken.json()).toMatchObject({ status: 'in_progress', version: ticket.version + 1, messages: [{}, {}] });
    expect(
      (await accounts.patch(`/api/tickets/${ticket.id}`, { version: ticket.version, status: 'solved' })).statusCode,
    ).toBe(409);
    const detail = (await followup.get(`/api/files/${file.id}`)).json() as {
      tickets: { id: string; status: string; subject: string }[];
    };
    expect(detail.tickets).toEqual([
      expect.objectContaining({ id: ticket.id, status: 'in_progress', subject: 'Adresse de facturation' }),
    ]);
    expect((await accounts.get('/api/tickets?status=in_progress')).json()).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: ticket.id })]),
    );
  });

  it('closes a file with a reason, ending its subscription', async () => {
    const file = await subscribed();
    expect(
      (await sales.post(`/api/files/${file.id}/close`, { reason: 'La famille a trouvé un cours ailleurs' })).statusCode,
    ).toBe(200);
    const row = await ctx.deps.db
      .selectFrom('lesson_files')
      .selectAll()
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      stage: 'closed',
      owner_service: 'none',
      closed_reason: 'La famille a trouvé un cours ailleurs',
    });
    expect(
      (
        await ctx.deps.db
          .selectFrom('subscriptions')
          .select('status')
          .where('file_id', '=', file.id)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe('ended');
  });
});

describe('access', () => {
  it('never shows a teacher another teacher’s students, nor a family another family’s file or link', async () => {
    const t1 = await makeProfileTeacher(ctx.deps, { lastName: 'Un' });
    const t2 = await makeProfileTeacher(ctx.deps, { lastName: 'Deux' });
    const a = await subscribed();
    const b = await subscribed();
    await recruitment.post(`/api/files/${a.id}/handover`, { teacherId: t1 });
    await recruitment.post(`/api/files/${b.id}/handover`, { teacherId: t2 });
    const teacher1 = await teacherLogin(t1);
    expect((await teacher1.get(`/api/files/${a.id}`)).statusCode).toBe(200);
    expect((await teacher1.get(`/api/files/${b.id}`)).statusCode).toBe(403);
    expect(
      (await teacher1.post(`/api/files/${b.id}/lessons`, { date: '2026-12-01', minutes: 45, status: 'done' }))
        .statusCode,
    ).toBe(403);
    expect((await teacher1.get(`/api/requests/${a.id}/candidates`)).statusCode).toBe(403);
    const mine = (await teacher1.get('/api/files')).json() as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual([a.id]);

    const familyA = await guardianLogin(a.id);
    expect((await familyA.get(`/api/files/${a.id}`)).statusCode).toBe(200);
    expect((await familyA.get(`/api/files/${b.id}`)).statusCode).toBe(403);
    expect(((await familyA.get('/api/files')).json() as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
      a.id,
    ]);
    const familyView = (await familyA.get(`/api/files/${a.id}`)).json() as {
      tasks: unknown[];
      history: unknown[];
      contacts: unknown[];
    };
    expect(familyView.tasks).toEqual([]);
    expect(familyView.contacts).toEqual([]);

    // Family A, logged in, cannot use family B's e-mailed link.
    const tokenB = linkTokenTo(b.body.guardian.email);
    expect((await familyA.get(`/api/links/${tokenB}`)).statusCode).toBe(403);
    expect((await familyA.post(`/api/links/${tokenB}`, { date: '2026-11-28' })).statusCode).toBe(403);
    expect(
      (
        await ctx.deps.db
          .selectFrom('assignments')
          .select('first_lesson_on')
          .where('file_id', '=', b.id)
          .executeTakeFirstOrThrow()
      ).first_lesson_on,
    ).toBeNull();
    // A link expires.
    ctx.clock.set('2027-02-01T09:00:00.000Z');
    expect((await anonymous(ctx).get(`/api/links/${tokenB}`)).statusCode).toBe(410);
    ctx.clock.set('2026-11-23T09:00:00.000Z');

    expect((await anonymous(ctx).get(`/api/files/${a.id}`)).statusCode).toBe(401);
    expect((await familyA.post(`/api/files/${a.id}/end-assignment`, { reason: 'mismatch' })).statusCode).toBe(403);
  });
});

describe('plans', () => {
  it('lets the director create and change plans, and sales read them', async () => {
    const admin = await loginAs(ctx, (await makeUser(ctx.deps, ['admin'])).email);
    const created = await admin.post('/api/plans', {
      name: 'Hebdo 60 min',
      lessonMinutes: 60,
      frequency: 'weekly',
      lessonsPerSeason: 32,
      priceCents: 18_000,
      billingPeriod: 'monthly',
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json() as { id: string; version: number };
    expect(
      (await admin.patch(`/api/plans/${plan.id}`, { version: plan.version, priceCents: 18_500 })).json(),
    ).toMatchObject({ priceCents: 18_500, version: 2 });
    expect((await admin.patch(`/api/plans/${plan.id}`, { version: plan.version, priceCents: 1 })).statusCode).toBe(409);
    expect(
      (
        await sales.post('/api/plans', {
          name: 'X',
          lessonMinutes: 60,
          frequency: 'weekly',
          lessonsPerSeason: 32,
          priceCents: 1,
          billingPeriod: 'monthly',
        })
      ).statusCode,
    ).toBe(403);
    expect(((await sales.get('/api/plans')).json() as { id: string }[]).map((p) => p.id)).toContain(plan.id);
  });
});

describe('the OpenAPI document', () => {
  it('describes the answers of the file page, tickets, dashboard, links and actions', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            responses?: Record<
              string,
              { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
            >;
          }
        >
      >;
    };
    const answer = (method: string, path: string, status: string) =>
      doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema?.properties ?? {};
    expect(Object.keys(answer('get', '/api/files/{id}', '200'))).toEqual(
      expect.arrayContaining(['stage', 'family', 'assignments', 'lessons', 'tickets', 'history']),
    );
    expect(Object.keys(answer('get', '/api/tickets/{id}', '200'))).toEqual(
      expect.arrayContaining(['subject', 'status', 'version', 'messages']),
    );
    expect(Object.keys(answer('post', '/api/files/{id}/tickets', '201'))).toContain('messages');
    expect(Object.keys(answer('patch', '/api/tickets/{id}', '200'))).toContain('status');
    expect(Object.keys(answer('get', '/api/dashboards/agency', '200'))).toEqual(
      expect.arrayContaining(['myTasksToday', 'filesByStage', 'leadTimes']),
    );
    expect(Object.keys(answer('get', '/api/links/{token}', '200'))).toEqual(
      expect.arrayContaining(['audience', 'used', 'firstLessonOn']),
    );
    for (const [method, path, status] of [
      ['post', '/api/files/{id}/handover', '200'],
      ['post', '/api/files/{id}/subscription', '200'],
      ['post', '/api/files/{id}/lessons', '201'],
      ['post', '/api/files/{id}/end-assignment', '200'],
      ['post', '/api/files/{id}/close', '200'],
      ['post', '/api/requests', '201'],
    ] as const) {
      expect(Object.keys(answer(method, path, status)), `${method} ${path}`).toContain('id');
    }
  });
});
