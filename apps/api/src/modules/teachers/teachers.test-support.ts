import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@contracts';
import { createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { makeTeacher } from '../../testing/factories.js';
import { writeSetting } from '../../platform/settings.js';
import type { Mailbox } from '../../testing/mailbox.js';

/** Real file contents for upload tests: types are detected from these bytes, never from the names given. */
export const PDF_BYTES = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
export const PNG_BYTES = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** A Windows executable header ("MZ" … "PE"): what a renamed .exe starts with. */
export const EXE_BYTES = (() => {
  const b = Buffer.alloc(512);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
})();

/** A multipart/form-data body as a browser sends it. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; filename: string; contentType: string; data: Buffer },
) {
  const boundary = `----harmonie${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: ${file.contentType}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * A test app whose uploads go to a throw-away directory (the local storage backend, for real) and whose e-mails
 * go through SMTP on loopback (`ctx.mailbox`: what teachers receive, links included).
 */
export async function createTeachersTestApp(): Promise<TestContext & { storageDir: string; mailbox: Mailbox }> {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harmonie-files-'));
  const ctx = await createTestApp({ env: { STORAGE_DIR: storageDir }, mailbox: true });
  const close = ctx.close;
  return {
    ...ctx,
    storageDir,
    close: async () => {
      await close();
      fs.rmSync(storageDir, { recursive: true, force: true });
    },
  };
}

export async function staff(
  ctx: TestContext,
  roles: Role[],
  displayName?: string,
): Promise<Agent & { userId: string; email: string }> {
  const user = await makeUser(ctx.deps, roles, { displayName });
  return Object.assign(await loginAs(ctx, user.email), { userId: user.id, email: user.email });
}

/**
 * A logged-in client that logs in again before each request: tests that move the clock by days would
 * otherwise outlive the session (sessions expire after hours of inactivity).
 */
export function freshAgent(ctx: TestContext, email: string): Agent {
  const login = () => loginAs(ctx, email);
  return {
    csrf: '',
    cookie: '',
    get: async (url, o) => (await login()).get(url, o),
    post: async (url, body, o) => (await login()).post(url, body, o),
    patch: async (url, body, o) => (await login()).patch(url, body, o),
    put: async (url, body, o) => (await login()).put(url, body, o),
    del: async (url, o) => (await login()).del(url, o),
  };
}

/** A teacher with a working login (re-logging in on each request, see freshAgent). */
export async function teacherWithLogin(
  ctx: TestContext,
  firstName = 'Paul',
): Promise<{ id: string; email: string; agent: Agent }> {
  const teacher = await makeTeacher(ctx.deps, { firstName });
  const user = await makeUser(ctx.deps, ['teacher'], { personId: teacher.id });
  return { id: teacher.id, email: user.email, agent: freshAgent(ctx, user.email) };
}

/** Saves an organisation setting, named by its key or by its definition (`SETTINGS.x`). */
export async function setSetting(ctx: TestContext, setting: string | { key: string }, value: unknown): Promise<void> {
  const key = typeof setting === 'string' ? setting : setting.key;
  await writeSetting(ctx.deps.db, key, value, ctx.clock.now().toISOString());
}

export const applicationData = (overrides: Record<string, unknown> = {}) => ({
  firstName: 'Jeanne',
  lastName: 'Candidate',
  email: `jeanne-${Math.random().toString(16).slice(2, 10)}@example.org`,
  phone: '06 11 22 33 44',
  locale: 'fr',
  postalCode: '69003',
  city: 'Lyon',
  instruments: [{ instrument: 'Violon', levelMin: 1, levelMax: 3, ageMin: 6, ageMax: 99 }],
  styles: ['classique', 'baroque'],
  zones: [
    { kind: 'postal_code', code: '69003' },
    { kind: 'department', code: '69' },
  ],
  maxTravelKm: 15,
  teachesAtHome: true,
  teachesAtSchool: false,
  teachesOnline: true,
  availability: [{ weekday: 3, startMinute: 14 * 60, endMinute: 18 * 60 }],
  background: 'Conservatoire de Lyon, DEM de violon, 10 ans d’orchestre.',
  approach: 'Le plaisir d’abord, la technique au service du répertoire.',
  ...overrides,
});
