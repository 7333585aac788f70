import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loginAs, makeUser, type Agent } from '../../testing/harness.js';
import { assignTeacher, makeFamily } from '../../testing/factories.js';
import { createLocalStorage, streamToBuffer } from '../../platform/storage.js';
import {
  createTeachersTestApp,
  EXE_BYTES,
  multipart,
  PDF_BYTES,
  PNG_BYTES,
  staff,
  teacherWithLogin,
} from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let owner: { id: string; agent: Agent };
let other: { id: string; agent: Agent };
let guardian: Agent;
let followup: Agent;

beforeAll(async () => {
  ctx = await createTeachersTestApp();
});
// Teachers and family of each test are its own: a teacher's document list is read whole.
beforeEach(async () => {
  owner = await teacherWithLogin(ctx, 'Propriétaire');
  other = await teacherWithLogin(ctx, 'Autre');
  const family = await makeFamily(ctx.deps);
  // The family is taught by the owner: even so, it never sees the teacher's documents.
  await assignTeacher(ctx.deps, owner.id, family.students[0]!.id, family.id);
  guardian = await loginAs(ctx, (await makeUser(ctx.deps, ['guardian'], { personId: family.guardians[0]!.id })).email);
  followup = await staff(ctx, ['followup']);
});
afterAll(async () => ctx.close());

const upload = (agent: Agent, teacherId: string, data: Buffer, filename: string, category = 'diploma') => {
  const body = multipart({ category }, { name: 'file', filename, contentType: 'application/pdf', data });
  return agent.post(`/api/teachers/${teacherId}/documents`, body.payload, { headers: body.headers });
};

describe('teacher documents', () => {
  it('lets a teacher upload a diploma to their own space and read it back', async () => {
    const res = await upload(owner.agent, owner.id, PDF_BYTES, 'diplôme DEM.pdf');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      category: 'diploma',
      contentType: 'application/pdf',
      originalName: 'diplôme DEM.pdf',
    });
    const list = (await owner.agent.get(`/api/teachers/${owner.id}/documents`)).json();
    expect(list).toHaveLength(1);
    const download = await owner.agent.get(`/api/teacher-documents/${res.json().id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.rawPayload.equals(PDF_BYTES)).toBe(true);
  });

  it('never lets a teacher see or add another teacher’s documents', async () => {
    const doc = (await upload(owner.agent, owner.id, PNG_BYTES, 'id.png', 'id')).json();
    expect((await other.agent.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(403);
    expect((await other.agent.get(`/api/teachers/${owner.id}/documents`)).statusCode).toBe(403);
    expect((await upload(other.agent, owner.id, PDF_BYTES, 'x.pdf')).statusCode).toBe(403);
    expect((await other.agent.del(`/api/teacher-documents/${doc.id}`)).statusCode).toBe(403);
  });

  it('never shows teacher documents to a family, even the teacher’s own students’', async () => {
    const doc = (await upload(owner.agent, owner.id, PDF_BYTES, 'certificat.pdf', 'certificate')).json();
    expect((await guardian.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(403);
    expect((await guardian.get(`/api/teachers/${owner.id}/documents`)).statusCode).toBe(403);
  });

  it('shows all teacher documents to followup, not to sales', async () => {
    const doc = (await upload(owner.agent, owner.id, PDF_BYTES, 'cv.pdf', 'cv')).json();
    expect((await followup.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(200);
    const sales = await staff(ctx, ['sales']);
    expect((await sales.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(403);
  });

  it('refuses an executable renamed .pdf, and an empty file', async () => {
    const exe = await upload(owner.agent, owner.id, EXE_BYTES, 'diplome.pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED' });
    const empty = await upload(owner.agent, owner.id, Buffer.alloc(0), 'vide.pdf');
    expect(empty.json()).toMatchObject({ code: 'FILE_EMPTY' });
    const badCategory = await upload(owner.agent, owner.id, PDF_BYTES, 'x.pdf', 'passport-scan');
    expect(badCategory.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'category' }] });
  });

  it('removes a document and its bytes', async () => {
    const doc = (await upload(owner.agent, owner.id, PDF_BYTES, 'old.pdf')).json();
    const row = await ctx.deps.db
      .selectFrom('teacher_documents')
      .select('storage_key')
      .where('id', '=', doc.id)
      .executeTakeFirstOrThrow();
    const file = path.join(ctx.storageDir, ...row.storage_key.split('/'));
    expect(fs.existsSync(file)).toBe(true);
    expect((await owner.agent.del(`/api/teacher-documents/${doc.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    expect((await owner.agent.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(404);
  });
});

describe('local storage backend', () => {
  it('puts, streams back and deletes bytes, and refuses unsafe keys', async () => {
    const storage = createLocalStorage(path.join(ctx.storageDir, 'unit'));
    await storage.put('teachers/abc-123', Buffer.from('hello'), 'text/plain');
    expect((await streamToBuffer(await storage.getStream('teachers/abc-123'))).toString()).toBe('hello');
    await storage.delete('teachers/abc-123');
    await expect(storage.getStream('teachers/abc-123')).rejects.toThrow();
    await expect(storage.put('../escape', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Unsafe/);
    await expect(storage.put('/etc/passwd', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Unsafe/);
  });
});
