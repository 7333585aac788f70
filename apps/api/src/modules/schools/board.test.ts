import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';

let ctx: TestContext;
const as: Record<string, Agent> = {};
const seasons: Record<string, string> = {};

const vote = { votesFor: 9, votesAgainst: 1, abstentions: 1, membersPresent: 9, membersRepresented: 2 };
const tariffs = {
  membership: { basis: 'family', feeCents: 3000 },
  courseFees: [
    { discipline: 'piano', durationMinutes: 30, feeCents: 45000 },
    { discipline: 'music_theory', durationMinutes: 60, feeCents: 18000 },
  ],
  familyDiscounts: [10, 20],
  solidarityRates: [{ criterion: 'Quotient familial inférieur à 600 €', percent: 50 }],
};
const decision = (seasonName: string, extra: Record<string, unknown> = {}) => ({
  decidedOn: '2026-06-20',
  subject: `Tarifs ${seasonName}`,
  text: 'Le conseil adopte les tarifs de la saison.',
  vote,
  kind: 'tariffs',
  seasonId: seasons[seasonName],
  tariffs,
  ...extra,
});

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-08-20T09:00:00.000Z') });
  for (const role of ['admin', 'board', 'secretariat', 'accounts', 'sales', 'teacher', 'guardian'] as const) {
    as[role] = await loginAs(ctx, (await makeUser(ctx.deps, [role])).email);
  }
  for (const [name, start, end] of [
    ['2025-2026', '2025-09-01', '2026-07-04'],
    ['2026-2027', '2026-09-01', '2027-07-04'],
    ['2027-2028', '2027-09-01', '2028-07-04'],
  ] as const) {
    const body = { name, start, end, terms: [{ name: 'Année', start, end }] };
    seasons[name] = (await status(as.admin!.post('/api/seasons', body), 201)).id;
  }
}, 60_000);
afterAll(async () => ctx?.close());

describe('the board’s register of decisions and the season tariffs', () => {
  it('lets the board record a tariffs decision: audited, linked to the season, the fees on the season', async () => {
    // Decided later than the other tests' decisions on this season: its tariffs are the season's whatever the order.
    const later = decision('2025-2026', { decidedOn: '2026-07-01' });
    const recorded = await status(as.board!.post('/api/board/decisions', later), 201);
    expect(recorded).toMatchObject({ kind: 'tariffs', adopted: true, seasonName: '2025-2026', vote });
    expect(recorded.links).toEqual([{ type: 'tariffs', targetId: seasons['2025-2026'], label: '2025-2026' }]);
    for (const role of ['board', 'secretariat', 'accounts', 'admin']) {
      const { tariffs: read } = await status(as[role]!.get(`/api/seasons/${seasons['2025-2026']}/tariffs`), 200);
      expect(read).toMatchObject({ ...tariffs, decisionId: recorded.id, copiedFromSeasonId: null });
    }
    const register = await status(as.secretariat!.get('/api/board/decisions'), 200);
    expect(register.map((d: { id: string }) => d.id)).toContain(recorded.id);
    const history = await status(as.board!.get(`/api/history/board_decision/${recorded.id}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toEqual(['create']);
    expect(JSON.stringify(history[0].changes)).toContain('45000');
  });

  it('refuses to record to everyone but the board and the director, and shows the register to its readers only', async () => {
    for (const role of ['secretariat', 'accounts', 'sales', 'teacher', 'guardian']) {
      const body = decision('2026-2027', { subject: `Essai ${role}` });
      expect((await as[role]!.post('/api/board/decisions', body)).statusCode, role).toBe(403);
    }
    for (const role of ['sales', 'teacher', 'guardian']) {
      expect((await as[role]!.get('/api/board/decisions')).statusCode, role).toBe(403);
      expect((await as[role]!.get(`/api/seasons/${seasons['2026-2027']}/tariffs`)).statusCode, role).toBe(403);
    }
    expect((await anonymous(ctx).get('/api/board/decisions')).statusCode).toBe(401);
    const general = { ...decision('2026-2027'), kind: 'general', tariffs: null, seasonId: null, subject: 'Local' };
    await status(as.admin!.post('/api/board/decisions', general), 201);
  });

  it('refuses bad votes and tariffs on their fields, in the caller’s language, and stores nothing', async () => {
    const count = async () => (await ctx.deps.db.selectFrom('board_decisions').select('id').execute()).length;
    const before = await count();
    const tooMany = await status(
      as.board!.post('/api/board/decisions', decision('2026-2027', { vote: { ...vote, abstentions: 5 } })),
      422,
    );
    expect(tooMany.errors).toEqual([expect.objectContaining({ field: 'vote.votesFor', code: 'VOTES_EXCEED_MEMBERS' })]);
    expect(tooMany.errors[0].message).toMatch(/plus de voix/);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ vote: { ...vote, membersPresent: 0 } }, 'vote.membersPresent', 'NO_MEMBER_PRESENT'],
      [{ decidedOn: '2026-08-21' }, 'decidedOn', 'DECISION_IN_FUTURE'],
      [{ vote: { ...vote, votesFor: 1, votesAgainst: 5 } }, 'vote.votesFor', 'TARIFFS_NOT_ADOPTED'],
      [{ seasonId: null }, 'seasonId', 'DECISION_NEEDS_SEASON'],
      [{ seasonId: '00000000-0000-4000-8000-000000000000' }, 'seasonId', 'SEASON_UNKNOWN'],
      [{ tariffs: null }, 'tariffs', 'TARIFFS_REQUIRED'],
      [
        { tariffs: { ...tariffs, courseFees: [...tariffs.courseFees, tariffs.courseFees[0]] } },
        'tariffs.courseFees.2.durationMinutes',
        'TARIFF_DUPLICATE',
      ],
    ];
    for (const [change, field, code] of cases) {
      const problem = await status(as.board!.post('/api/board/decisions', decision('2026-2027', change)), 422);
      expect(problem.errors, code).toContainEqual(expect.objectContaining({ field, code }));
    }
    const english = await as.board!.post('/api/board/decisions', decision('2026-2027', { decidedOn: '2027-01-01' }), {
      headers: { 'accept-language': 'en' },
    });
    expect(english.json().errors[0].message).toMatch(/future/);
    const negative = { tariffs: { ...tariffs, membership: { basis: 'family', feeCents: -1 } } };
    const bad = await status(as.board!.post('/api/board/decisions', decision('2026-2027', negative)), 400);
    expect(bad.errors[0].field).toBe('tariffs.membership.feeCents');
    const text = await status(
      as.board!.post('/api/board/decisions', decision('2026-2027', { subject: 'a\u202Eb' })),
      400,
    );
    expect(text.errors[0].field).toBe('subject');
    expect(await count()).toBe(before);
  });

  it('carries last season’s tariffs over in one decision, and refuses when last season has none', async () => {
    // 2026-2027 takes 2025-2026's (recorded here so the test stands alone whatever order the file runs in).
    await status(as.board!.post('/api/board/decisions', decision('2025-2026', { subject: 'Tarifs (rappel)' })), 201);
    const unchanged = { kind: 'tariffs_unchanged', tariffs: null, subject: 'Tarifs inchangés' };
    const copied = await status(as.board!.post('/api/board/decisions', decision('2026-2027', unchanged)), 201);
    const { tariffs: read } = await status(as.board!.get(`/api/seasons/${seasons['2026-2027']}/tariffs`), 200);
    expect(read).toMatchObject({ ...tariffs, decisionId: copied.id, copiedFromSeasonId: seasons['2025-2026'] });
    // The first season has no season before it: nothing to carry over.
    const first = await status(as.board!.post('/api/board/decisions', decision('2025-2026', unchanged)), 422);
    expect(first.errors[0]).toMatchObject({ field: 'seasonId', code: 'NO_TARIFFS_TO_COPY' });
  });

  it('links a decision to the closure it set, once, audited; refuses what does not exist', async () => {
    const seasonId = seasons['2026-2027']!;
    const closure = await status(
      as.admin!.post(`/api/seasons/${seasonId}/calendar-entries`, {
        kind: 'closure',
        start: '2027-05-07',
        end: '2027-05-08',
        label: 'Pont de l’Ascension',
      }),
      201,
    );
    const general = { kind: 'general', tariffs: null, subject: 'Fermeture du pont', seasonId };
    const recorded = await status(as.board!.post('/api/board/decisions', decision('2026-2027', general)), 201);
    const body = { type: 'calendar_entry', targetId: closure.id };
    expect((await as.secretariat!.post(`/api/board/decisions/${recorded.id}/links`, body)).statusCode).toBe(403);
    const linked = await status(as.board!.post(`/api/board/decisions/${recorded.id}/links`, body), 200);
    expect(linked.links).toEqual([
      { type: 'calendar_entry', targetId: closure.id, label: expect.stringContaining('Pont') },
    ]);
    await status(as.board!.post(`/api/board/decisions/${recorded.id}/links`, body), 200);
    const history = await status(as.board!.get(`/api/history/board_decision/${recorded.id}`), 200);
    expect(history.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'linked']);
    const unknown = { type: 'payment_deferral', targetId: closure.id };
    const refused = await status(as.board!.post(`/api/board/decisions/${recorded.id}/links`, unknown), 422);
    expect(refused.errors[0]).toMatchObject({ field: 'targetId', code: 'DECISION_LINK_UNKNOWN' });
    expect((await as.board!.get('/api/board/decisions/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
