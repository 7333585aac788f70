import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { anonymous, createTestApp, loginAs, makeUser, type Agent, type TestContext } from '../../testing/harness.js';
import { TestClock } from '../../platform/clock.js';

let ctx: TestContext;
const as: Record<string, Agent> = {};

const schoolBody = {
  name: 'École du Centre',
  address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris' },
  phone: '01 43 55 00 00',
  email: 'centre@ecole.example.org',
  holidayZone: 'C',
  openingHours: [
    { weekday: 3, opens: '09:00', closes: '20:00' },
    { weekday: 6, opens: '09:00', closes: '18:00' },
  ],
  rooms: [
    { name: 'Salle Debussy', capacity: 2, equipment: ['grand_piano'] },
    { name: 'Auditorium', capacity: 40, equipment: ['stage', 'piano', 'music_stands'] },
  ],
};
const seasonBody = {
  name: '2026-2027',
  start: '2026-09-01',
  end: '2027-07-04',
  terms: [
    { name: '1er trimestre', start: '2026-09-14', end: '2026-12-19' },
    { name: '2e trimestre', start: '2027-01-04', end: '2027-03-27' },
    { name: '3e trimestre', start: '2027-03-29', end: '2027-06-26' },
  ],
};
// Zone C rows of the official file, as data.education.gouv.fr exports them (one per académie, instants in UTC).
const officialCsv = [
  'Description;Population;Date de début;Date de fin;Académies;Zones;annee_scolaire',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Paris;Zone C;2026-2027',
  'Vacances de la Toussaint;-;2026-10-16T22:00:00+00:00;2026-11-01T23:00:00+00:00;Créteil;Zone C;2026-2027',
  'Vacances de Noël;-;2026-12-18T23:00:00+00:00;2027-01-03T23:00:00+00:00;Paris;Zone C;2026-2027',
  "Vacances d'Hiver;-;2027-02-19T23:00:00+00:00;2027-03-07T23:00:00+00:00;Paris;Zone C;2026-2027",
  "Vacances d'Hiver;-;2027-02-05T23:00:00+00:00;2027-02-21T23:00:00+00:00;Lyon;Zone A;2026-2027",
  'Vacances de Printemps;-;2027-04-16T22:00:00+00:00;2027-05-02T22:00:00+00:00;Paris;Zone C;2026-2027',
].join('\n');

async function status(response: Promise<{ statusCode: number; body: string }>, expected: number) {
  const res = await response;
  expect(res.statusCode, res.body).toBe(expected);
  return JSON.parse(res.body || 'null');
}

beforeAll(async () => {
  ctx = await createTestApp({ clock: new TestClock('2026-08-20T09:00:00.000Z') });
  for (const role of ['admin', 'secretariat', 'board', 'teacher', 'guardian', 'sales'] as const) {
    as[role] = await loginAs(ctx, (await makeUser(ctx.deps, [role])).email);
  }
}, 60_000);
afterAll(async () => ctx?.close());

// One school's season, step by step: each test builds on the one before (so they keep their order).
describe('schools, rooms and the season calendar', { shuffle: false }, () => {
  let schoolId = '';
  let seasonId = '';

  it('lets the director create a school with rooms and opening hours, audited; others read it, cannot change it', async () => {
    const school = await status(as.admin!.post('/api/schools', schoolBody), 201);
    schoolId = school.id;
    expect(school).toMatchObject({ departement: '75', holidayZone: 'C', phone: '+33143550000' });
    expect(school.rooms.map((r: { name: string }) => r.name)).toEqual(['Salle Debussy', 'Auditorium']);
    for (const role of ['secretariat', 'board', 'teacher', 'guardian']) {
      expect((await as[role]!.get(`/api/schools/${schoolId}`)).statusCode).toBe(200);
    }
    for (const role of ['secretariat', 'board', 'sales']) {
      expect((await as[role]!.post('/api/schools', { ...schoolBody, name: `Autre ${role}` })).statusCode).toBe(403);
    }
    expect((await anonymous(ctx).get('/api/schools')).statusCode).toBe(401);
    const history = await status(as.board!.get(`/api/history/school/${schoolId}`), 200);
    expect(history.map((e: { action: string }) => e.action)).toContain('create');
  });

  it('refuses, per field, hours that close before opening, two rooms of one name and a taken school name', async () => {
    const bad = {
      ...schoolBody,
      name: 'École du Nord',
      openingHours: [{ weekday: 2, opens: '18:00', closes: '09:00' }],
      rooms: [
        { name: 'Salle 1', capacity: 10 },
        { name: 'salle  1', capacity: 12 },
      ],
    };
    const problem = await status(as.admin!.post('/api/schools', bad), 422);
    expect(problem.errors.map((e: { field: string }) => e.field)).toEqual(['openingHours.0.closes', 'rooms.1.name']);
    expect(problem.errors[0].message).toMatch(/fermeture/);
    const taken = await status(as.admin!.post('/api/schools', schoolBody), 409);
    expect(taken.errors[0].field).toBe('name');
    const badTime = await status(
      as.admin!.post('/api/schools', { ...bad, openingHours: [{ weekday: 2, opens: '25:00', closes: '26:00' }] }),
      400,
    );
    expect(badTime.errors[0].field).toContain('openingHours');
    expect((await ctx.deps.db.selectFrom('schools').select('id').execute()).length).toBe(1);
  });

  it('keeps a room’s id across an edit, renames rooms that swap names, and refuses a stale version', async () => {
    const school = await status(as.admin!.get(`/api/schools/${schoolId}`), 200);
    const [debussy, auditorium] = school.rooms;
    const swapped = {
      ...schoolBody,
      version: school.version,
      rooms: [
        { ...debussy, name: 'Auditorium' },
        { ...auditorium, name: 'Salle Debussy' },
        { name: 'Salle Ravel', capacity: 8, equipment: ['drums'] },
      ],
    };
    const after = await status(as.admin!.put(`/api/schools/${schoolId}`, swapped), 200);
    expect(after.rooms.map((r: { id: string; name: string }) => [r.id, r.name]).slice(0, 2)).toEqual([
      [debussy.id, 'Auditorium'],
      [auditorium.id, 'Salle Debussy'],
    ]);
    expect((await as.admin!.put(`/api/schools/${schoolId}`, swapped)).statusCode).toBe(409);
  });

  it('assigns only secretariat accounts to a school', async () => {
    const school = await status(as.admin!.get(`/api/schools/${schoolId}`), 200);
    const secretary = await makeUser(ctx.deps, ['secretariat']);
    const teacher = await makeUser(ctx.deps, ['teacher']);
    const refused = await status(
      as.admin!.put(`/api/schools/${schoolId}/staff`, { userIds: [secretary.id, teacher.id] }),
      422,
    );
    expect(refused.errors[0]).toMatchObject({ field: 'userIds.1', code: 'NOT_SECRETARIAT' });
    const saved = await status(as.admin!.put(`/api/schools/${schoolId}/staff`, { userIds: [secretary.id] }), 200);
    expect(saved.staffUserIds).toEqual([secretary.id]);
    expect(saved.version).toBe(school.version);
    expect((await as.secretariat!.put(`/api/schools/${schoolId}/staff`, { userIds: [] })).statusCode).toBe(403);
  });

  it('creates a season with its terms and refuses bad terms on their fields', async () => {
    const overlapping = {
      ...seasonBody,
      terms: [
        { name: 'T1', start: '2026-09-14', end: '2026-09-01' },
        { name: 'T2', start: '2026-12-01', end: '2027-03-27' },
        { name: 'T3', start: '2027-03-01', end: '2027-07-30' },
      ],
    };
    const problem = await status(as.admin!.post('/api/seasons', overlapping), 422);
    expect(problem.errors.map((e: { field: string; code: string }) => `${e.field}:${e.code}`)).toEqual([
      'terms.0.end:TERM_ENDS_BEFORE_START',
      'terms.2.end:TERM_OUTSIDE_SEASON',
      'terms.2.start:TERMS_OVERLAP',
    ]);
    // A season without a term: the message speaks of a list, not of a text too short.
    const termless = await status(as.admin!.post('/api/seasons', { ...seasonBody, terms: [] }), 400);
    expect(termless.errors).toEqual([
      {
        field: 'terms',
        code: 'too_few_items',
        message: 'Cette liste est incomplète : ajoutez-y au moins un élément.',
      },
    ]);
    expect((await as.board!.post('/api/seasons', seasonBody)).statusCode).toBe(403);
    const season = await status(as.admin!.post('/api/seasons', seasonBody), 201);
    seasonId = season.id;
    expect(season.terms).toHaveLength(3);
    expect((await as.admin!.post('/api/seasons', seasonBody)).statusCode).toBe(409);
  });

  it('imports a zone’s holidays from the official CSV (again: replaces them), refusing a file without any', async () => {
    const unreadable = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'C', format: 'csv', content: 'nom,prénom\nA,B' }),
      422,
    );
    expect(unreadable.errors[0]).toMatchObject({ field: 'content', code: 'HOLIDAY_FILE_UNREADABLE' });
    const none = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'B', format: 'csv', content: officialCsv }),
      422,
    );
    expect(none.code).toBe('HOLIDAY_FILE_NO_PERIOD');
    const first = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'C', format: 'csv', content: officialCsv }),
      200,
    );
    expect(first.imported.map((e: { start: string; end: string }) => `${e.start}/${e.end}`)).toEqual([
      '2026-10-17/2026-11-02',
      '2026-12-19/2027-01-04',
      '2027-02-20/2027-03-08',
      '2027-04-17/2027-05-03',
    ]);
    const again = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'C', format: 'csv', content: officialCsv }),
      200,
    );
    expect(again.replaced).toBe(4);
    expect(await status(as.secretariat!.get(`/api/seasons/${seasonId}/calendar-entries`), 200)).toHaveLength(4);
    expect(
      (await as.board!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'C', format: 'csv', content: officialCsv }))
        .statusCode,
    ).toBe(403);
  });

  it('imports holidays from an ICS feed too', async () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//test//FR',
      'BEGIN:VEVENT',
      'UID:1',
      'DTSTAMP:20260801T000000Z',
      'SUMMARY:Vacances de la Toussaint - Zone A',
      'DTSTART;VALUE=DATE:20261017',
      'DTEND;VALUE=DATE:20261102',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const result = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'A', format: 'ics', content: ics }),
      200,
    );
    expect(result.imported[0]).toMatchObject({
      start: '2026-10-17',
      end: '2026-11-02',
      label: 'Vacances de la Toussaint',
      zone: 'A',
    });
    const broken = await status(
      as.admin!.post(`/api/seasons/${seasonId}/holidays`, { zone: 'A', format: 'ics', content: 'BEGIN:nothing' }),
      422,
    );
    expect(broken.code).toBe('HOLIDAY_FILE_UNREADABLE');
  });

  it('lets the board close a bridge and open a solidarity day; the school calendar and its iCal feed show them', async () => {
    const badEntry = await status(
      as.board!.post(`/api/seasons/${seasonId}/calendar-entries`, {
        kind: 'open_day',
        start: '2027-05-17',
        end: '2027-05-18',
        label: 'Solidarité',
      }),
      422,
    );
    expect(badEntry.errors[0]).toMatchObject({ field: 'end', code: 'OPEN_DAY_SINGLE_DATE' });
    const outside = await status(
      as.board!.post(`/api/seasons/${seasonId}/calendar-entries`, {
        kind: 'closure',
        start: '2027-08-01',
        end: '2027-08-01',
        label: 'Été',
      }),
      422,
    );
    expect(outside.errors[0]).toMatchObject({ field: 'start', code: 'ENTRY_OUTSIDE_SEASON' });
    expect(
      (
        await as.secretariat!.post(`/api/seasons/${seasonId}/calendar-entries`, {
          kind: 'closure',
          start: '2027-05-07',
          end: '2027-05-07',
          label: 'Pont',
        })
      ).statusCode,
    ).toBe(403);

    const calendarBefore = await status(as.teacher!.get(`/api/schools/${schoolId}/calendar/${seasonId}`), 200);
    expect(calendarBefore.suggestedBridges.map((b: { start: string }) => b.start)).toContain('2027-05-07');
    await status(
      as.board!.post(`/api/seasons/${seasonId}/calendar-entries`, {
        kind: 'closure',
        start: '2027-05-07',
        end: '2027-05-07',
        label: 'Pont de l’Ascension',
      }),
      201,
    );
    await status(
      as.board!.post(`/api/seasons/${seasonId}/calendar-entries`, {
        kind: 'open_day',
        start: '2027-05-17',
        end: '2027-05-17',
        label: 'Journée de solidarité',
      }),
      201,
    );
    const calendar = await status(as.guardian!.get(`/api/schools/${schoolId}/calendar/${seasonId}`), 200);
    const day = (date: string) => calendar.days.find((d: { date: string }) => d.date === date);
    expect(day('2026-10-17')).toMatchObject({ open: true, term: '1er trimestre' });
    expect(day('2026-10-21')).toMatchObject({
      open: false,
      reason: 'school_holiday',
      label: 'Vacances de la Toussaint',
    });
    expect(day('2026-11-11')).toMatchObject({ open: false, reason: 'public_holiday' });
    expect(day('2027-05-07')).toMatchObject({ open: false, reason: 'closure', label: 'Pont de l’Ascension' });
    expect(day('2027-05-17')).toMatchObject({ open: true, label: 'Journée de solidarité' });
    expect(calendar.suggestedBridges.map((b: { start: string }) => b.start)).not.toContain('2027-05-07');
    expect(calendar.lessonDaysByWeekday['3']).toBeGreaterThan(25);
    expect(calendar.lessonDaysByWeekday['3']).toBeLessThan(33);

    const feed = await anonymous(ctx).get(`/api/calendars/${schoolId}/${seasonId}.ics`);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const events = new ICAL.Component(ICAL.parse(feed.body))
      .getAllSubcomponents('vevent')
      .map((e) => new ICAL.Event(e));
    const toussaint = events.find((e) => e.summary.includes('Toussaint'));
    expect(toussaint?.startDate.toString()).toBe('2026-10-18');
    // Closed 18–31 October for the holidays (the end is exclusive); 1 November is its own public holiday.
    expect(toussaint?.endDate.toString()).toBe('2026-11-01');
    expect(events.some((e) => e.summary === 'Fermé — Toussaint' && e.startDate.toString() === '2026-11-01')).toBe(true);
    expect(events.some((e) => e.summary === 'Ouvert — Journée de solidarité')).toBe(true);
    const seasonHistory = await status(as.admin!.get(`/api/history/season/${seasonId}`), 200);
    expect(seasonHistory.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'holidays-imported', 'calendar-closure-added', 'calendar-open-day-added']),
    );
  });

  it('removes a closure (board) but leaves imported holidays to a new import', async () => {
    const entries = await status(as.board!.get(`/api/seasons/${seasonId}/calendar-entries`), 200);
    const closure = entries.find((e: { kind: string }) => e.kind === 'closure');
    const holiday = entries.find((e: { kind: string }) => e.kind === 'school_holiday');
    expect((await as.board!.del(`/api/seasons/${seasonId}/calendar-entries/${holiday.id}`)).statusCode).toBe(403);
    expect((await as.board!.del(`/api/seasons/${seasonId}/calendar-entries/${closure.id}`)).statusCode).toBe(204);
    expect((await as.board!.del(`/api/seasons/${seasonId}/calendar-entries/${closure.id}`)).statusCode).toBe(404);
  });
});
