import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@contracts';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../testing/harness.js';
import { assignTeacher, makeFamily, makeTeacher } from '../testing/factories.js';

/**
 * Authorisation matrix of the foundation endpoints: for every role, which calls are granted (2xx) and which
 * are denied (403), plus the relation rules (a guardian reaches only their family, a teacher only their students).
 */
let ctx: TestContext;
const agents = {} as Record<Role, Agent>;
let ownFamilyId = '';
let otherFamilyId = '';
let taughtFamilyId = '';
let ownGuardianId = '';
let otherGuardianId = '';
let taughtStudentId = '';
let teacherId = '';
let otherTeacherId = '';
let someUserId = '';

beforeAll(async () => {
  ctx = await createTestApp();
  const own = await makeFamily(ctx.deps, { name: 'Propre' });
  const other = await makeFamily(ctx.deps, { name: 'Autre' });
  const taught = await makeFamily(ctx.deps, { name: 'Enseignée' });
  ownFamilyId = own.id;
  otherFamilyId = other.id;
  taughtFamilyId = taught.id;
  ownGuardianId = own.guardians[0]?.id ?? '';
  otherGuardianId = other.guardians[0]?.id ?? '';
  taughtStudentId = taught.students[0]?.id ?? '';
  const teacher = await makeTeacher(ctx.deps, { lastName: 'Moi' });
  teacherId = teacher.id;
  otherTeacherId = (await makeTeacher(ctx.deps, { lastName: 'Collègue' })).id;
  await assignTeacher(ctx.deps, teacherId, taughtStudentId, taughtFamilyId);
  const roles: Role[] = [
    'admin',
    'sales',
    'recruitment',
    'followup',
    'accounts',
    'secretariat',
    'board',
    'teacher',
    'guardian',
  ];
  for (const role of roles) {
    const personId = role === 'guardian' ? ownGuardianId : role === 'teacher' ? teacherId : null;
    const user = await makeUser(ctx.deps, [role], { personId });
    someUserId = user.id;
    agents[role] = await loginAs(ctx, user.email);
  }
});
afterAll(async () => ctx.close());

type Call = { name: string; run: (a: Agent) => Promise<{ statusCode: number }>; allowed: Role[] };
const STAFF: Role[] = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board'];
const WRITERS: Role[] = ['admin', 'sales', 'followup', 'accounts', 'secretariat'];

const calls: Call[] = [
  { name: 'search people', run: (a) => a.get('/api/search?q=dupont'), allowed: STAFF },
  { name: 'list families', run: (a) => a.get('/api/families'), allowed: STAFF },
  {
    name: 'create a family',
    run: (a) =>
      a.post('/api/families', {
        guardians: [{ firstName: 'Anne', lastName: 'Neuve', email: `anne${Math.random()}@example.org` }],
      }),
    allowed: WRITERS,
  },
  { name: 'read own family', run: (a) => a.get(`/api/families/${ownFamilyId}`), allowed: [...STAFF, 'guardian'] },
  { name: 'read another family', run: (a) => a.get(`/api/families/${otherFamilyId}`), allowed: STAFF },
  {
    name: 'read a family the teacher teaches',
    run: (a) => a.get(`/api/families/${taughtFamilyId}`),
    allowed: [...STAFF, 'teacher'],
  },
  { name: 'read own guardian', run: (a) => a.get(`/api/people/${ownGuardianId}`), allowed: [...STAFF, 'guardian'] },
  { name: 'read another family’s guardian', run: (a) => a.get(`/api/people/${otherGuardianId}`), allowed: STAFF },
  {
    name: 'read a student the teacher teaches',
    run: (a) => a.get(`/api/people/${taughtStudentId}`),
    allowed: [...STAFF, 'teacher'],
  },
  { name: 'read another teacher', run: (a) => a.get(`/api/people/${otherTeacherId}`), allowed: STAFF },
  {
    name: 'edit another family’s guardian',
    run: async (a) =>
      a.patch(`/api/people/${otherGuardianId}`, {
        version: (await agents.admin.get(`/api/people/${otherGuardianId}`)).json().version,
        lastName: 'Autre',
      }),
    allowed: WRITERS,
  },
  { name: 'list teachers', run: (a) => a.get('/api/teachers'), allowed: STAFF },
  {
    name: 'create a teacher',
    run: (a) =>
      a.post('/api/teachers', { firstName: 'Nina', lastName: 'Prof', email: `nina${Math.random()}@example.org` }),
    allowed: ['admin', 'recruitment', 'followup'],
  },
  { name: 'read a family’s history', run: (a) => a.get(`/api/history/family/${otherFamilyId}`), allowed: STAFF },
  {
    name: 'read the contact log',
    run: (a) => a.get(`/api/contacts?familyId=${otherFamilyId}`),
    allowed: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board'],
  },
  {
    name: 'log a contact',
    run: (a) =>
      a.post('/api/contacts', { channel: 'call', familyId: otherFamilyId, summary: 'Called about the timetable' }),
    allowed: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
  },
  {
    name: 'read the outbox',
    run: (a) => a.get('/api/outbox'),
    allowed: ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
  },
  { name: 'list users', run: (a) => a.get('/api/users'), allowed: ['admin'] },
  {
    name: 'invite a user',
    run: (a) =>
      a.post('/api/users', { email: `u${Math.random()}@example.org`, displayName: 'Nouvelle', roles: ['sales'] }),
    allowed: ['admin'],
  },
  {
    name: 'edit a user',
    run: async (a) =>
      a.patch(`/api/users/${someUserId}`, {
        version: (await agents.admin.get('/api/users')).json().find((u: { id: string }) => u.id === someUserId).version,
        displayName: 'Renamed',
      }),
    allowed: ['admin'],
  },
  { name: 'read settings', run: (a) => a.get('/api/settings'), allowed: STAFF },
  {
    name: 'change settings',
    run: (a) => a.patch('/api/settings', { values: { 'organisation.name': 'École' } }),
    allowed: ['admin'],
  },
];

describe('authorisation by role and relation', () => {
  for (const call of calls) {
    for (const role of [
      'admin',
      'sales',
      'recruitment',
      'followup',
      'accounts',
      'secretariat',
      'board',
      'teacher',
      'guardian',
    ] as Role[]) {
      const granted = call.allowed.includes(role);
      it(`${granted ? 'grants' : 'denies'} ${role}: ${call.name}`, async () => {
        const res = await call.run(agents[role]);
        if (granted) expect(res.statusCode, (res as { body?: string }).body).toBeLessThan(300);
        else expect(res.statusCode).toBe(403);
      });
    }
  }

  it('refuses every non-public endpoint to an anonymous caller with 401', async () => {
    for (const url of [
      '/api/search?q=du',
      '/api/families',
      `/api/families/${ownFamilyId}`,
      '/api/users',
      '/api/outbox',
      '/api/settings',
      '/api/me',
    ]) {
      expect((await anonymous(ctx).get(url)).statusCode, url).toBe(401);
    }
  });

  it('hides staff notes from the family itself', async () => {
    const family = (await agents.sales.get(`/api/families/${ownFamilyId}`)).json();
    await agents.sales.patch(`/api/families/${ownFamilyId}`, { version: family.version, notes: 'Late payer' });
    expect((await agents.sales.get(`/api/families/${ownFamilyId}`)).json().notes).toBe('Late payer');
    expect((await agents.guardian.get(`/api/families/${ownFamilyId}`)).json().notes).toBeNull();
  });

  it('keeps at least one active administrator', async () => {
    // On its own database: it demotes every other administrator, which the other tests log in as.
    const own = await createTestApp();
    try {
      const admins = await Promise.all([1, 2, 3].map(() => makeUser(own.deps, ['admin'])));
      const admin = await loginAs(own, admins[0]?.email ?? '');
      type User = { id: string; roles: string[]; version: number; email: string };
      const users = (await admin.get('/api/users')).json() as User[];
      expect(users.filter((u) => u.roles.includes('admin'))).toHaveLength(3);
      for (const other of users.filter((u) => u.roles.includes('admin') && u.id !== admins[0]?.id)) {
        const demoted = await admin.patch(`/api/users/${other.id}`, { version: other.version, roles: ['sales'] });
        expect(demoted.statusCode).toBe(200);
      }
      const last = ((await admin.get('/api/users')).json() as typeof users).find((u) => u.roles.includes('admin'));
      const res = await admin.patch(`/api/users/${last?.id}`, { version: last?.version, roles: ['sales'] });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('LAST_ADMIN');
    } finally {
      await own.close();
    }
  });
});
