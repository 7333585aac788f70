import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, makeUser, type Agent } from '../../testing/harness.js';
import { newId } from '../../platform/ids.js';
import { createLocalStorage } from '../../platform/storage.js';
import { createTeachersTestApp, multipart, PDF_BYTES, staff, teacherWithLogin } from './teachers.test-support.js';

type Ctx = Awaited<ReturnType<typeof createTeachersTestApp>>;
let ctx: Ctx;
let owner: { id: string; agent: Agent };
beforeAll(async () => {
  ctx = await createTeachersTestApp();
  owner = await teacherWithLogin(ctx, 'Propriétaire');
});
afterAll(async () => ctx.close());

/** A PDF header, then a page of HTML: a browser sniffing it, or trusting its name, would run the script. */
const POLYGLOT = Buffer.from('%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n');

const upload = (data: Buffer, filename: string, contentType: string) => {
  const body = multipart({ category: 'diploma' }, { name: 'file', filename, contentType, data });
  return owner.agent.post(`/api/teachers/${owner.id}/documents`, body.payload, { headers: body.headers });
};
const storedFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    return e.isDirectory() ? storedFiles(path.join(dir, e.name)) : [path.join(dir, e.name)];
  });
const keyOf = async (documentId: string) => {
  const documents = ctx.deps.db.selectFrom('teacher_documents').select('storage_key');
  return (await documents.where('id', '=', documentId).executeTakeFirstOrThrow()).storage_key;
};

describe('uploaded files', () => {
  it('keep and serve a PDF+HTML polyglot named ../../../etc/evil.html as evil.pdf, an attachment', async () => {
    const res = await upload(POLYGLOT, '../../../etc/evil.html', 'text/html');
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json() as { id: string; originalName: string; contentType: string };
    expect(doc).toMatchObject({ originalName: 'evil.pdf', contentType: 'application/pdf' });
    // The bytes live under a key we made up; the uploaded name appears nowhere on disk.
    expect(await keyOf(doc.id)).toMatch(/^teachers\/[0-9a-f-]{36}$/);
    expect(storedFiles(ctx.storageDir).some((f) => /evil|etc/.test(path.relative(ctx.storageDir, f)))).toBe(false);

    const download = await owner.agent.get(`/api/teacher-documents/${doc.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="evil.pdf"; filename*=UTF-8''evil.pdf`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.rawPayload.equals(POLYGLOT)).toBe(true);
  });

  it('serve a document stored under its old name with the extension of its detected type', async () => {
    const doc = (await upload(PDF_BYTES, 'cv.pdf', 'application/pdf')).json() as { id: string };
    // A row written before names were corrected.
    const rename = ctx.deps.db.updateTable('teacher_documents').set({ original_name: 'evil.html' });
    await rename.where('id', '=', doc.id).execute();
    const followup = await staff(ctx, ['followup']);
    const download = await followup.get(`/api/teacher-documents/${doc.id}/content`);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="evil.pdf"; filename*=UTF-8''evil.pdf`);
  });

  it('give an accented name in UTF-8 (filename*) with an ASCII fallback', async () => {
    const uploaded = await upload(PDF_BYTES, 'diplôme d’État (DEM).PDF', 'application/pdf');
    const doc = uploaded.json() as { id: string; originalName: string };
    expect(doc.originalName).toBe('diplôme d_État (DEM).pdf');
    const download = await owner.agent.get(`/api/teacher-documents/${doc.id}/content`);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="diplome d_Etat (DEM).pdf"; filename*=UTF-8''dipl%C3%B4me%20d_%C3%89tat%20%28DEM%29.pdf`,
    );
  });
});

describe('the storage after a crash', () => {
  it('writes through a flushed temporary file and leaves none behind', async () => {
    const dir = path.join(ctx.storageDir, 'atomic');
    const storage = createLocalStorage(dir);
    await storage.put(`teachers/${newId()}`, Buffer.from('%PDF-1.4'), 'application/pdf');
    const files = storedFiles(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).not.toMatch(/\.tmp$/);
    expect(fs.statSync(files[0] ?? '').mode & 0o777).toBe(0o600);
    // A write that fails at the rename (here: a directory is in the way) cleans its temporary file up.
    const blocked = `teachers/${newId()}`;
    fs.mkdirSync(path.join(dir, ...blocked.split('/')));
    await expect(storage.put(blocked, Buffer.from('%PDF-1.4'), 'application/pdf')).rejects.toThrow();
    expect(storedFiles(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('removes old .tmp files and unreferenced files, keeps fresh ones, referenced ones and foreign ones', async () => {
    const now = ctx.clock.now().getTime();
    const place = (key: string, ageMinutes: number) => {
      const file = path.join(ctx.storageDir, ...key.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '%PDF-1.4');
      const at = new Date(now - ageMinutes * 60_000);
      fs.utimesSync(file, at, at);
      return file;
    };
    // What kill -9 leaves: a temporary file cut short, and bytes whose row was never written.
    const leftover = place(`teachers/${newId()}.0123456789abcdef.tmp`, 120);
    const orphan = place(`applications/${newId()}`, 120);
    // An upload in flight right now: its row is not there yet.
    const inFlight = place(`teachers/${newId()}`, 5);
    const freshTmp = place(`teachers/${newId()}.fedcba9876543210.tmp`, 5);
    // Files that are not ours are never touched, however old.
    const foreign = place('notes/readme.txt', 600);
    // A real document, old.
    const doc = (await upload(PDF_BYTES, 'old.pdf', 'application/pdf')).json() as { id: string };
    const kept = path.join(ctx.storageDir, ...(await keyOf(doc.id)).split('/'));
    fs.utimesSync(kept, new Date(now - 600 * 60_000), new Date(now - 600 * 60_000));

    // The registered sweep, as the timer (and the start-up) run it.
    const followup = await loginAs(ctx, (await makeUser(ctx.deps, ['followup'])).email);
    const run = await followup.post('/api/sweeps/run');
    expect(run.statusCode).toBe(200);
    const result = (run.json() as Record<string, unknown>)['storage.orphans'];
    expect(result).toEqual({ temporaryRemoved: 1, orphansRemoved: 1 });
    expect([leftover, orphan].map((f) => fs.existsSync(f))).toEqual([false, false]);
    expect([inFlight, freshTmp, foreign, kept].map((f) => fs.existsSync(f))).toEqual([true, true, true, true]);
    expect((await owner.agent.get(`/api/teacher-documents/${doc.id}/content`)).statusCode).toBe(200);
  });
});
