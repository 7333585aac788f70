import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';
import { DEMO_DOMAIN, DEMO_PASSWORD, loadDemoIfEmpty } from '../../seed/demo.js';

let ctx: TestContext;
let secretariat: Agent;
let board: Agent;

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-12-01T09:00:00.000Z') });
  await loadDemoIfEmpty(ctx.deps);
  secretariat = await loginAs(ctx, `secretariat@${DEMO_DOMAIN}`, DEMO_PASSWORD);
  board = await loginAs(ctx, `board@${DEMO_DOMAIN}`, DEMO_PASSWORD);
}, 120_000);
afterAll(async () => ctx?.close());

describe('the demo’s school network', () => {
  it('has two schools with rooms, the current season with its terms and zone C holidays, and last season’s tariffs', async () => {
    const res = await secretariat.get('/api/schools');
    expect(res.statusCode, res.body).toBe(200);
    const schools = res.json() as { name: string; rooms: unknown[] }[];
    expect(schools).toHaveLength(2);
    for (const school of schools) expect(school.rooms.length).toBeGreaterThanOrEqual(4);
    const seasons = (await secretariat.get('/api/seasons')).json() as { id: string; name: string; terms: unknown[] }[];
    const current = seasons.find((s) => s.name === '2026-2027')!;
    const last = seasons.find((s) => s.name === '2025-2026')!;
    expect(current.terms).toHaveLength(3);
    const entries = (await secretariat.get(`/api/seasons/${current.id}/calendar-entries`)).json() as {
      kind: string;
      zone: string;
    }[];
    expect(entries.filter((e) => e.kind === 'school_holiday' && e.zone === 'C')).toHaveLength(4);
    const { tariffs } = (await secretariat.get(`/api/seasons/${last.id}/tariffs`)).json();
    expect(tariffs).toMatchObject({ membership: { basis: 'family', feeCents: 3000 }, familyDiscounts: [10, 20] });
    const decisions = (await board.get('/api/board/decisions')).json() as { kind: string; adopted: boolean }[];
    expect(decisions).toContainEqual(expect.objectContaining({ kind: 'tariffs', adopted: true }));
    // The board can carry them over to the current season in one decision.
    const unchanged = {
      decidedOn: '2026-06-20',
      subject: 'Tarifs 2026-2027 inchangés',
      text: 'Le conseil reconduit les tarifs de la saison précédente.',
      vote: { votesFor: 10, votesAgainst: 0, abstentions: 1, membersPresent: 9, membersRepresented: 2 },
      kind: 'tariffs_unchanged',
      seasonId: current.id,
    };
    expect((await board.post('/api/board/decisions', unchanged)).statusCode).toBe(201);
    const copied = (await board.get(`/api/seasons/${current.id}/tariffs`)).json().tariffs;
    expect(copied).toMatchObject({ copiedFromSeasonId: last.id, courseFees: tariffs.courseFees });
  });

  it('has about thirty courses across the disciplines, on a timetable without conflicts', async () => {
    const seasons = (await secretariat.get('/api/seasons')).json() as { id: string; name: string }[];
    const current = seasons.find((s) => s.name === '2026-2027')!;
    const courses = (await secretariat.get(`/api/courses?seasonId=${current.id}`)).json() as {
      discipline: string;
      kind: string;
      schoolName: string;
    }[];
    expect(courses.length).toBeGreaterThanOrEqual(28);
    expect(new Set(courses.map((c) => c.discipline)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(courses.map((c) => c.schoolName)).size).toBe(2);
    expect(new Set(courses.map((c) => c.kind))).toEqual(new Set(['individual', 'group']));
    const conflicts = await secretariat.get(`/api/seasons/${current.id}/timetable-conflicts`);
    expect(conflicts.statusCode, conflicts.body).toBe(200);
    expect(conflicts.json()).toEqual([]);
  });

  it('has new families enrolled at the first school, in rank order, one flagged as a possible duplicate', async () => {
    const schools = (await secretariat.get('/api/schools')).json() as { id: string; name: string }[];
    const centre = schools.find((s) => s.name === 'École de musique du Centre')!;
    const list = (await secretariat.get(`/api/schools/${centre.id}/registrations`)).json() as {
      items: { rank: number; familyName: string; duplicateFamilyName: string | null }[];
    };
    expect(list.items.slice(0, 3).map((r) => [r.rank, r.familyName, r.duplicateFamilyName])).toEqual([
      [1, 'Famille Bernard', null],
      [2, 'Famille Nguyen', null],
      [3, 'Famille Bernard-Roux', 'Famille Bernard'],
    ]);
  });

  it('has next season’s re-enrolment campaign under way: packs confirmed, one changed with a note, one declined, several not answered', async () => {
    const campaigns = (await secretariat.get('/api/reenrolment/campaigns')).json() as {
      id: string;
      status: string;
      priorityDeadline: string;
      packs: number;
    }[];
    expect(campaigns).toHaveLength(1);
    const campaign = campaigns[0]!;
    expect(campaign.status).toBe('open');
    expect(campaign.priorityDeadline > '2026-12-01').toBe(true);
    const res = await secretariat.get(`/api/reenrolment/campaigns/${campaign.id}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const schools = (res.json() as { schools: Record<string, number | unknown[]>[] }).schools;
    const total = (field: string) => schools.reduce((sum, school) => sum + (school[field] as number), 0);
    expect(total('confirmed')).toBeGreaterThanOrEqual(2);
    expect(total('changed')).toBe(1);
    expect(total('declined')).toBe(1);
    expect(total('notAnswered')).toBeGreaterThanOrEqual(3);
    const changes = schools.flatMap((school) => school.changes as { familyName: string; note: string }[]);
    expect(changes).toEqual([expect.objectContaining({ familyName: 'Famille Dubois', note: expect.any(String) })]);
    // The family of the demo login `family-pack` has two packs to answer, inside the priority window.
    const family = await loginAs(ctx, `family-pack@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const packs = (await family.get('/api/reenrolment/packs')).json() as { open: boolean; answer: string | null }[];
    expect(packs.map((p) => [p.open, p.answer])).toEqual([
      [true, null],
      [true, null],
    ]);
  });

  it('has a full course with new students on its waiting list, the first holding an open offer', async () => {
    const seasons = (await secretariat.get('/api/seasons')).json() as { id: string; name: string }[];
    const current = seasons.find((s) => s.name === '2026-2027')!;
    const courses = (await secretariat.get(`/api/courses?seasonId=${current.id}`)).json() as { id: string }[];
    const lists = await Promise.all(
      courses.map(async (c) => (await secretariat.get(`/api/courses/${c.id}/waiting-list`)).json()),
    );
    const full = lists.filter((l: { entries: unknown[] }) => l.entries.length > 0) as {
      seatsLeft: number;
      entries: { status: string; position: number | null; familyName: string; offerExpiresAt: string | null }[];
    }[];
    expect(full).toHaveLength(1);
    const list = full[0]!;
    expect(list.seatsLeft).toBe(0);
    expect(list.entries.map((e) => [e.status, e.position, e.familyName])).toEqual([
      ['offered', null, 'Famille Roussel'],
      ['waiting', 1, 'Famille Blanc'],
      ['waiting', 2, 'Famille Haddad'],
    ]);
    expect(list.entries[0]!.offerExpiresAt! > '2026-12-01T09:00:00.000Z').toBe(true);
    // The family of the demo login `family-offer` sees the offer in its portal.
    const family = await loginAs(ctx, `family-offer@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const view = (await family.get('/api/portal/choice')).json() as { places: { status: string }[] };
    expect(view.places.map((p) => p.status)).toEqual(['offered']);
  });

  it('has a family that cancelled one of its two courses before the deadline, credited, on three SEPA instalments', async () => {
    const family = await loginAs(ctx, `family-cancel@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const res = await family.get('/api/fees/mine');
    expect(res.statusCode, res.body).toBe(200);
    const fees = res.json() as {
      plan: { plan: string; method: string };
      places: { status: string }[];
      cancellations: { creditCents: number; creditNoteNumber: string | null; owedCents: number }[];
      invoices: { kind: string; instalments: { method: string; status: string }[] }[];
    };
    expect(fees.plan).toMatchObject({ plan: 'three', method: 'sepa' });
    expect(fees.places.map((p) => p.status).sort()).toEqual(['cancelled', 'confirmed']);
    expect(fees.cancellations).toHaveLength(1);
    const [cancellation] = fees.cancellations;
    expect(cancellation!.creditCents).toBeGreaterThan(0);
    expect(cancellation!.creditNoteNumber).toMatch(/^A/);
    expect(fees.invoices.map((i) => i.kind).sort()).toEqual(['credit_note', 'invoice']);
    const invoice = fees.invoices.find((i) => i.kind === 'invoice')!;
    const open = invoice.instalments.filter((i) => i.status !== 'cancelled');
    expect(open.map((i) => i.method)).toEqual(['sepa', 'sepa', 'sepa']);
  });

  it('has a distance lesson with its material posted and some of the class’s "ok" given', async () => {
    const acks = await ctx.deps.db
      .selectFrom('distance_acks')
      .innerJoin('attendance_marks', (j) =>
        j
          .onRef('attendance_marks.lesson_id', '=', 'distance_acks.lesson_id')
          .onRef('attendance_marks.student_id', '=', 'distance_acks.student_id'),
      )
      .select(['attendance_marks.mark', 'attendance_marks.source'])
      .execute();
    expect(acks.length).toBeGreaterThan(0);
    expect(acks.every((a) => a.mark === 'present' && a.source === 'acknowledgement')).toBe(true);
    const open = await ctx.deps.db
      .selectFrom('distance_acks')
      .select('id')
      .where('acknowledged_at', 'is', null)
      .execute();
    expect(open.length).toBeGreaterThan(0);
  });

  it('has a replacement under way this month, which the substitute sees in the portal', async () => {
    const overview = (await secretariat.get('/api/replacements')).json() as {
      absences: { courses: { replacements: { substituteId: string; endsOn: string }[] }[] }[];
    };
    const replaced = overview.absences.flatMap((a) => a.courses.flatMap((c) => c.replacements));
    expect(replaced).toHaveLength(1);
    expect(replaced[0]!.endsOn >= '2026-12-01').toBe(true);
    const teacher = await loginAs(ctx, `teacher@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const mine = (await teacher.get('/api/replacements/mine')).json() as { replacements: unknown[] };
    expect(mine.replacements).toHaveLength(1);
  });

  it('has last month’s sheets filled, so that its hours report shows taught, replaced and unworked hours', async () => {
    const res = await secretariat.get('/api/teacher-hours?month=2026-11');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as Record<string, number>[];
    const sum = (figure: string) => rows.reduce((total, row) => total + row[figure]!, 0);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    expect(rows.every((row) => row.contractMinutes! > 0)).toBe(true);
    expect(sum('taughtMinutes')).toBeGreaterThan(0);
    expect(sum('replacedGivenMinutes')).toBeGreaterThan(0);
    expect(sum('replacedReceivedMinutes')).toBe(sum('replacedGivenMinutes'));
    expect(sum('cancelledBySchoolMinutes')).toBeGreaterThan(0);
    expect(sum('cancelledByTeacherMinutes')).toBeGreaterThan(0);
    // The demo teacher sees their own hours of last month.
    const teacher = await loginAs(ctx, `teacher@${DEMO_DOMAIN}`, DEMO_PASSWORD);
    const mine = (await teacher.get('/api/teacher-hours/mine?month=2026-11')).json();
    expect(mine.rows[0]).toMatchObject({
      replacedGivenMinutes: expect.any(Number),
      unworkedMinutes: expect.any(Number),
    });
    expect(mine.rows[0].replacedGivenMinutes + mine.rows[0].unworkedMinutes).toBeGreaterThan(0);
  });
});
