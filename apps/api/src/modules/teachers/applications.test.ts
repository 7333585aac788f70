import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Agent } from '../../testing/harness.js';
import { SETTINGS } from './teachers.settings.js';
import {
  applicationData,
  createTeachersTestApp,
  EXE_BYTES,
  multipart,
  PDF_BYTES,
  PNG_BYTES,
  setSetting,
  staff,
} from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let followup: Agent;

beforeAll(async () => {
  ctx = await createTeachersTestApp();
  await setSetting(ctx, SETTINGS.applicationsPerIpPerHour, 100);
  followup = await staff(ctx, ['followup'], 'Fanny Suivi');
});
afterAll(async () => ctx.close());

const apply = (
  data: Record<string, unknown>,
  file?: { filename: string; data: Buffer; contentType?: string },
  headers: Record<string, string> = {},
  remoteAddress?: string,
) => {
  const body = multipart(
    { data: JSON.stringify(data) },
    file
      ? { name: 'cv', filename: file.filename, contentType: file.contentType ?? 'application/pdf', data: file.data }
      : undefined,
  );
  const from = { headers: { ...body.headers, ...headers }, remoteAddress };
  return anonymous(ctx).post('/api/public/teacher-applications', body.payload, from);
};

async function latestApplication(email: string) {
  return ctx.deps.db
    .selectFrom('teacher_applications')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}

describe('public teacher application', () => {
  it('accepts an application with a PDF CV, acknowledges it and gives followup a call task', async () => {
    const data = applicationData();
    const res = await apply(data, { filename: 'cv.pdf', data: PDF_BYTES });
    expect(res.statusCode).toBe(201);
    const row = await latestApplication(data.email as string);
    expect(row.status).toBe('new');
    const docs = await ctx.deps.db
      .selectFrom('teacher_documents')
      .selectAll()
      .where('application_id', '=', row.id)
      .execute();
    expect(docs).toMatchObject([
      { category: 'cv', content_type: 'application/pdf', original_name: 'cv.pdf', size_bytes: PDF_BYTES.length },
    ]);
    const mail = await ctx.deps.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', data.email as string)
      .execute();
    expect(mail.map((m) => m.template)).toEqual(['teachers.application-received']);
    const task = await ctx.deps.db
      .selectFrom('tasks')
      .selectAll()
      .where('dedupe_key', '=', `call-applicant:${row.id}`)
      .executeTakeFirst();
    expect(task).toMatchObject({ service: 'followup', status: 'open' });
  });

  it('accepts an image CV, detected by its content', async () => {
    const data = applicationData();
    expect((await apply(data, { filename: 'scan.png', data: PNG_BYTES, contentType: 'image/png' })).statusCode).toBe(
      201,
    );
    const row = await latestApplication(data.email as string);
    const doc = await ctx.deps.db
      .selectFrom('teacher_documents')
      .selectAll()
      .where('application_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(doc.content_type).toBe('image/png');
  });

  it('refuses an executable renamed .pdf, whatever the name and declared type say', async () => {
    const data = applicationData();
    const res = await apply(data, { filename: 'cv.pdf', data: EXE_BYTES, contentType: 'application/pdf' });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'FILE_TYPE_NOT_ALLOWED',
      errors: [{ field: 'file', code: 'FILE_TYPE_NOT_ALLOWED' }],
    });
    expect(res.json().title).toMatch(/PDF/);
    expect(
      await ctx.deps.db
        .selectFrom('teacher_applications')
        .select('id')
        .where('email', '=', data.email as string)
        .execute(),
    ).toHaveLength(0);
  });

  it('refuses a file larger than the setting allows, with a clear message', async () => {
    await setSetting(ctx, SETTINGS.documentMaxBytes, 2048);
    try {
      const big = Buffer.concat([PDF_BYTES, Buffer.alloc(4096, 0x20)]);
      const res = await apply(applicationData(), { filename: 'cv.pdf', data: big }, { 'accept-language': 'en' });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'FILE_TOO_LARGE', title: 'The file is larger than allowed.' });
    } finally {
      await setSetting(ctx, SETTINGS.documentMaxBytes, 5 * 1024 * 1024);
    }
  });

  it('accepts a 2 MB CV although JSON bodies are limited to 1 MB', async () => {
    const big = Buffer.concat([PDF_BYTES, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    expect((await apply(applicationData(), { filename: 'cv.pdf', data: big })).statusCode).toBe(201);
  });

  it('refuses an empty file and a missing file', async () => {
    const empty = await apply(applicationData(), { filename: 'cv.pdf', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(422);
    expect(empty.json()).toMatchObject({ code: 'FILE_EMPTY' });
    const missing = await apply(applicationData());
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'FILE_REQUIRED' });
  });

  it('refuses invalid data with field errors (slot ending before it starts, ages upside down)', async () => {
    const res = await apply(
      applicationData({
        availability: [{ weekday: 2, startMinute: 600, endMinute: 540 }],
        instruments: [{ instrument: 'piano', levelMin: 3, levelMax: 1, ageMin: 20, ageMax: 10 }],
      }),
      { filename: 'cv.pdf', data: PDF_BYTES },
    );
    expect(res.statusCode).toBe(400);
    const fields = (res.json() as { errors: { field: string; code: string }[] }).errors;
    expect(fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'availability.0.endMinute', code: 'slot_end_before_start' }),
        expect.objectContaining({ field: 'instruments.0.levelMax', code: 'level_range' }),
        expect.objectContaining({ field: 'instruments.0.ageMax', code: 'age_range' }),
      ]),
    );
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const data = applicationData({ website: 'http://spam.example' });
    expect((await apply(data, { filename: 'cv.pdf', data: PDF_BYTES })).statusCode).toBe(201);
    expect(
      await ctx.deps.db
        .selectFrom('teacher_applications')
        .select('id')
        .where('email', '=', data.email as string)
        .execute(),
    ).toHaveLength(0);
  });

  it('limits submissions per IP address', async () => {
    await setSetting(ctx, SETTINGS.applicationsPerIpPerHour, 1);
    try {
      const cv = { filename: 'cv.pdf', data: PDF_BYTES };
      expect((await apply(applicationData(), cv, {}, '203.0.113.9')).statusCode).toBe(201);
      const second = await apply(applicationData(), cv, {}, '203.0.113.9');
      expect(second.statusCode).toBe(429);
    } finally {
      await setSetting(ctx, SETTINGS.applicationsPerIpPerHour, 100);
    }
  });
});

describe('application pipeline', () => {
  async function newApplication() {
    const data = applicationData();
    expect((await apply(data, { filename: 'cv.pdf', data: PDF_BYTES })).statusCode).toBe(201);
    return latestApplication(data.email as string);
  }

  it('is for followup and recruitment only', async () => {
    const app = await newApplication();
    const sales = await staff(ctx, ['sales']);
    expect((await sales.get('/api/teacher-applications')).statusCode).toBe(403);
    expect((await sales.get(`/api/teacher-applications/${app.id}`)).statusCode).toBe(403);
    expect((await anonymous(ctx).get('/api/teacher-applications')).statusCode).toBe(401);
    const recruitment = await staff(ctx, ['recruitment']);
    expect((await recruitment.get(`/api/teacher-applications/${app.id}`)).statusCode).toBe(200);
    const list = await followup.get('/api/teacher-applications?status=new');
    expect(list.json().map((a: { id: string }) => a.id)).toContain(app.id);
  });

  it('requires a reason to decline and refuses skipping stages', async () => {
    const app = await newApplication();
    const noReason = await followup.post(`/api/teacher-applications/${app.id}/transition`, {
      version: 1,
      to: 'declined',
    });
    expect(noReason.json()).toMatchObject({ code: 'DECLINE_REASON_REQUIRED' });
    const skip = await followup.post(`/api/teacher-applications/${app.id}/transition`, {
      version: 1,
      to: 'interview_done',
    });
    expect(skip.statusCode).toBe(409);
    const accepted = await followup.post(`/api/teacher-applications/${app.id}/accept`, { version: 1 });
    expect(accepted.json()).toMatchObject({ code: 'APPLICATION_TRANSITION_INVALID' });
    const declined = await followup.post(`/api/teacher-applications/${app.id}/transition`, {
      version: 1,
      to: 'declined',
      reason: 'Pas disponible avant un an',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', decisionReason: 'Pas disponible avant un an' });
    const task = await ctx.deps.db
      .selectFrom('tasks')
      .select('status')
      .where('dedupe_key', '=', `call-applicant:${app.id}`)
      .executeTakeFirstOrThrow();
    expect(task.status).toBe('done');
  });

  it('accepting creates the teacher from the application, moves the CV and invites a teacher account', async () => {
    const app = await newApplication();
    let r = await followup.post(`/api/teacher-applications/${app.id}/transition`, { version: 1, to: 'called' });
    expect(r.statusCode).toBe(200);
    r = await followup.put(`/api/teacher-applications/${app.id}/interview`, {
      version: 2,
      background: 'DEM, orchestre',
      approach: 'Par le jeu',
      conditionsExplained: false,
      notes: 'Très motivée',
    });
    expect(r.json().interview).toMatchObject({ background: 'DEM, orchestre', conditionsExplained: false });
    r = await followup.post(`/api/teacher-applications/${app.id}/transition`, { version: 3, to: 'interview_done' });
    expect(r.json().status).toBe('interview_done');
    const incomplete = await followup.post(`/api/teacher-applications/${app.id}/accept`, { version: 4 });
    expect(incomplete.json()).toMatchObject({ code: 'INTERVIEW_INCOMPLETE' });
    r = await followup.put(`/api/teacher-applications/${app.id}/interview`, {
      version: 4,
      background: 'DEM, orchestre',
      approach: 'Par le jeu',
      conditionsExplained: true,
      notes: 'Très motivée',
    });
    expect(r.json().interview.conditionsExplained).toBe(true);
    expect((await followup.post(`/api/teacher-applications/${app.id}/accept`, { version: 4 })).statusCode).toBe(409);
    const accepted = await followup.post(`/api/teacher-applications/${app.id}/accept`, { version: 5 });
    expect(accepted.statusCode).toBe(200);
    const teacherId = accepted.json().teacherId as string;
    expect(accepted.json().status).toBe('accepted');

    const profile = (await followup.get(`/api/teachers/${teacherId}/profile`)).json();
    expect(profile).toMatchObject({
      firstName: 'Jeanne',
      status: 'active',
      instruments: [{ instrument: 'violon', levelMin: 1, levelMax: 3, ageMin: 6, ageMax: 99 }],
      styles: ['classique', 'baroque'],
      maxTravelKm: 15,
      teachesAtHome: true,
      teachesOnline: true,
      availability: [{ weekday: 3, startMinute: 840, endMinute: 1080 }],
    });
    expect(profile.zones).toHaveLength(2);
    expect(profile.place.inseeCode).toBe('69383');

    const docs = (await followup.get(`/api/teachers/${teacherId}/documents`)).json();
    expect(docs).toMatchObject([{ category: 'cv' }]);
    const user = await ctx.deps.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', app.email)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({ status: 'invited', person_id: teacherId });
    const roles = await ctx.deps.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
    expect(roles.map((x) => x.role)).toEqual(['teacher']);
    expect(ctx.mailbox.linkTo(app.email, '/invitation?token=')).toMatch(/^http:\/\/localhost:3999\//);
    const audit = await ctx.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', app.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['create', 'called', 'interview', 'interview_done', 'accepted']),
    );
  });
});
