import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { isValidIBAN } from 'ibantools';
import { openDatabase, type Database } from '../db/database.js';
import { createTestDatabase } from '../testing/harness.js';
import { searchContact, searchName } from '../platform/search-text.js';
import { SYSTEM } from '../platform/actor.js';
import { createPeopleService } from '../modules/people/people.service.js';
import type { Deps } from '../platform/deps.js';
import { TestClock, systemClock } from '../platform/clock.js';
import { createInvoicesService } from '../modules/billing/invoices.service.js';
import { loadConfig } from '../config.js';
import { isTeacherCausedEnding } from '../modules/agency/matching/matching.rules.js';
import { Mailer } from '../platform/mailer.js';
import { fastSearchContact, fastSearchName, frenchIban, seedBulk, type BulkSeedResult } from './bulk-seed.js';

describe('the bulk seed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let result: BulkSeedResult;

  beforeAll(async () => {
    const target = await createTestDatabase();
    drop = target.drop;
    result = await seedBulk(target.url, {
      teachers: 60,
      families: 80,
      lessons: 400,
      mandates: 20,
      requests: 5,
      seed: 7,
      today: '2026-11-23',
    });
    database = openDatabase(target.url);
  }, 120_000);
  afterAll(async () => {
    await database?.destroy();
    await drop?.();
  });

  /** A transaction on the seeded data, rolled back when the test ends: every test reads the data as seeded. */
  async function rolledBack() {
    const tx = await database.db.startTransaction().execute();
    onTestFinished(async () => {
      await tx.rollback().execute();
    });
    return tx;
  }

  it('writes the same search text as the people service, without re-parsing every phone number', () => {
    for (const [first, last] of [
      ['Hélène', 'Lefèvre'],
      ['Jérôme', 'Béranger'],
      ['Maëlle', 'Lemaître'],
    ] as const)
      expect(fastSearchName(first, last)).toBe(searchName(first, last));
    for (const phone of ['+33612345678', '+33700000001', null])
      expect(fastSearchContact('Helene.Martin3@exemple.fr', phone)).toBe(
        searchContact('Helene.Martin3@exemple.fr', phone),
      );
  });

  it('generates valid French IBANs for the mandates', () => {
    for (const n of [0, 1, 49_999, 123_456]) expect(isValidIBAN(frenchIban(n))).toBe(true);
  });

  it('loads families, teachers with profiles, lessons, open requests and mandates', async () => {
    const { db } = database;
    const count = async (
      table: 'people' | 'teachers' | 'lessons' | 'teacher_instruments' | 'teacher_match_index' | 'sepa_mandates',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('people')).toBe(result.people);
    expect(await count('teachers')).toBe(60);
    expect(await count('lessons')).toBe(result.lessons);
    expect(result.lessons).toBeGreaterThan(0);
    expect(result.requests).toBe(5);
    expect(await count('sepa_mandates')).toBe(20);
    // Matching's denormalised rows are rebuilt after the bare load, one per taught instrument.
    expect(await count('teacher_match_index')).toBe(await count('teacher_instruments'));
  });

  it('leaves person search working after building the full-text indexes at the end', async () => {
    const deps: Deps = {
      db: database.db,
      engine: database.engine,
      clock: systemClock,
      mailer: new Mailer(database.db, systemClock, undefined, 'x@example.org'),
      config: loadConfig({ LOG_LEVEL: 'silent' }),
    };
    const hits = await createPeopleService(deps).search(SYSTEM, 'helene ma', 20);
    expect(hits.some((h) => h.displayName === 'Hélène Marchand')).toBe(true);
    const phone =
      (await database.db.selectFrom('people').select('phone').where('phone', 'is not', null).executeTakeFirstOrThrow())
        .phone ?? '';
    const byPhone = await createPeopleService(deps).search(SYSTEM, `0${phone.slice(3)}`, 5);
    expect(byPhone.length).toBeGreaterThan(0);
  });

  it('fills and keeps what ranking reads about each teacher (migration 0600): name, styles, availability, assignment counts', async () => {
    const db = await rolledBack();
    const windowsOf = (list: string | null) => (list ? list.split(',').sort() : []);
    // What the rows should hold, recomputed from the source tables.
    const expected = async (teacherId: string) => {
      const person = await db
        .selectFrom('people')
        .select(['first_name', 'last_name'])
        .where('id', '=', teacherId)
        .executeTakeFirstOrThrow();
      const teacher = await db
        .selectFrom('teachers')
        .select('styles')
        .where('person_id', '=', teacherId)
        .executeTakeFirstOrThrow();
      const availability = await db
        .selectFrom('teacher_availability')
        .selectAll()
        .where('teacher_id', '=', teacherId)
        .execute();
      const assignments = await db
        .selectFrom('assignments')
        .select(['ended_on', 'end_reason'])
        .where('teacher_id', '=', teacherId)
        .execute();
      return {
        first_name: person.first_name,
        last_name: person.last_name,
        styles: teacher.styles,
        availability: availability.map((a) => `${a.weekday}:${a.start_minute}:${a.end_minute}`).sort(),
        open_assignments: assignments.filter((a) => a.ended_on === null).length,
        mismatches: assignments.filter((a) => isTeacherCausedEnding(a.end_reason)).length,
      };
    };
    const actual = async (teacherId: string) => {
      const rows = await db
        .selectFrom('teacher_match_index')
        .select(['first_name', 'last_name', 'styles', 'availability', 'open_assignments', 'mismatches'])
        .where('teacher_id', '=', teacherId)
        .execute();
      expect(rows.length).toBeGreaterThan(0);
      return rows.map((r) => ({
        ...r,
        availability: windowsOf(r.availability),
        open_assignments: Number(r.open_assignments),
        mismatches: Number(r.mismatches),
      }));
    };

    // After the bulk load (rebuilt in one statement), for teachers with and without assignments.
    const withAssignment = await db
      .selectFrom('assignments')
      .innerJoin('teacher_match_index as ti', 'ti.teacher_id', 'assignments.teacher_id')
      .select('assignments.teacher_id')
      .executeTakeFirstOrThrow();
    const teachers = [
      withAssignment.teacher_id,
      ...(await db.selectFrom('teacher_match_index').select('teacher_id').distinct().limit(5).execute()).map(
        (t) => t.teacher_id,
      ),
    ];
    for (const id of teachers) for (const row of await actual(id)) expect(row).toEqual(await expected(id));

    // Then through the triggers: a rename, new styles, availability replaced, an assignment the teacher ended.
    const id = withAssignment.teacher_id;
    await db
      .updateTable('people')
      .set({ first_name: 'Renée', last_name: 'Nouveau-Nom' })
      .where('id', '=', id)
      .execute();
    await db
      .updateTable('teachers')
      .set({ styles: JSON.stringify(['jazz', 'baroque']) })
      .where('person_id', '=', id)
      .execute();
    await db.deleteFrom('teacher_availability').where('teacher_id', '=', id).execute();
    await db
      .insertInto('teacher_availability')
      .values([
        { teacher_id: id, weekday: 3, start_minute: 600, end_minute: 720 },
        { teacher_id: id, weekday: 6, start_minute: 540, end_minute: 660 },
      ])
      .execute();
    await db
      .updateTable('teacher_availability')
      .set({ end_minute: 750 })
      .where('teacher_id', '=', id)
      .where('weekday', '=', 3)
      .execute();
    const assignment = await db
      .selectFrom('assignments')
      .selectAll()
      .where('teacher_id', '=', id)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('assignments')
      .set({ ended_on: '2026-11-20', end_reason: 'teacher_unavailable' })
      .where('id', '=', assignment.id)
      .execute();
    for (const row of await actual(id)) {
      expect(row).toEqual(await expected(id));
      expect(row).toMatchObject({
        first_name: 'Renée',
        last_name: 'Nouveau-Nom',
        availability: ['3:600:750', '6:540:660'],
      });
      expect(row.mismatches).toBeGreaterThanOrEqual(1);
    }
    const extra = { ...assignment, id: '00000000-0000-7000-8000-0000000000aa', ended_on: null, end_reason: null };
    await db.insertInto('assignments').values(extra).execute();
    for (const row of await actual(id)) expect(row).toEqual(await expected(id));
    await db.deleteFrom('assignments').where('id', '=', extra.id).execute();
    for (const row of await actual(id)) expect(row).toEqual(await expected(id));
    // A new instrument row starts with the teacher's current values.
    await db.deleteFrom('teacher_instruments').where('teacher_id', '=', id).where('instrument', '=', 'harp').execute();
    await db
      .insertInto('teacher_instruments')
      .values({ teacher_id: id, instrument: 'harp', level_min: 1, level_max: 3, age_min: 6, age_max: 99 })
      .execute();
    for (const row of await actual(id)) expect(row).toEqual(await expected(id));
  });

  it('keeps matching rows in step with later profile writes (triggers of migration 0400)', async () => {
    const db = await rolledBack();
    const teacher = await db
      .selectFrom('teacher_instruments')
      .select(['teacher_id', 'instrument'])
      .executeTakeFirstOrThrow();
    await db
      .updateTable('teachers')
      .set({ status: 'suspended', latitude: 45.75 })
      .where('person_id', '=', teacher.teacher_id)
      .execute();
    const row = await db
      .selectFrom('teacher_match_index')
      .selectAll()
      .where('teacher_id', '=', teacher.teacher_id)
      .where('instrument', '=', teacher.instrument)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'suspended', latitude: 45.75 });
    await db
      .updateTable('teacher_instruments')
      .set({ level_max: 3 })
      .where('teacher_id', '=', teacher.teacher_id)
      .where('instrument', '=', teacher.instrument)
      .execute();
    expect(
      (
        await db
          .selectFrom('teacher_match_index')
          .select('level_max')
          .where('teacher_id', '=', teacher.teacher_id)
          .where('instrument', '=', teacher.instrument)
          .executeTakeFirstOrThrow()
      ).level_max,
    ).toBe(3);
    await db.deleteFrom('teacher_instruments').where('teacher_id', '=', teacher.teacher_id).execute();
    expect(
      await db
        .selectFrom('teacher_match_index')
        .select('instrument')
        .where('teacher_id', '=', teacher.teacher_id)
        .execute(),
    ).toEqual([]);
    await db
      .insertInto('teacher_instruments')
      .values({
        teacher_id: teacher.teacher_id,
        instrument: 'cello',
        level_min: 1,
        level_max: 2,
        age_min: 6,
        age_max: 99,
      })
      .execute();
    expect(
      await db
        .selectFrom('teacher_match_index')
        .select(['instrument', 'status'])
        .where('teacher_id', '=', teacher.teacher_id)
        .execute(),
    ).toEqual([{ instrument: 'cello', status: 'suspended' }]);
  });

  it('seeds a billing history the app continues: paid past periods, open current ones, counters after the numbers', async () => {
    const { db } = database;
    const invoices = await db
      .selectFrom('invoices')
      .select(['number', 'status', 'issued_on', 'subscription_id'])
      .orderBy('number')
      .execute();
    expect(invoices.length).toBeGreaterThan(0);
    // Chronological, gap-free numbers from 1, and the counter at the last one.
    expect(invoices.map((i) => i.number)).toEqual(invoices.map((_, n) => `F2026-${String(n + 1).padStart(6, '0')}`));
    expect(invoices.map((i) => i.issued_on)).toEqual([...invoices.map((i) => i.issued_on)].sort());
    expect(await db.selectFrom('billing_counters').selectAll().execute()).toEqual([
      { series: 'F', year: 2026, last_value: invoices.length },
    ]);
    expect(invoices.some((i) => i.status === 'paid') && invoices.some((i) => i.status === 'open')).toBe(true);
    // About one pre-notified SEPA debit due per mandate.
    const due = await db
      .selectFrom('invoice_instalments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('method', '=', 'sepa')
      .where('status', '=', 'due')
      .where('prenotified_at', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(Number(due.n)).toBeGreaterThanOrEqual(20);
    // On the seed's day the sweep issues only periods not seeded (the next one, when it starts within the horizon)
    // and the next number follows the seeded ones.
    const clock = new TestClock('2026-11-23T09:00:00.000Z');
    const deps: Deps = {
      db,
      engine: database.engine,
      clock,
      mailer: new Mailer(db, clock, undefined, 'x@example.org'),
      config: loadConfig({ LOG_LEVEL: 'silent' }),
    };
    const service = createInvoicesService(deps);
    const subscriptions = new Set(invoices.map((i) => i.subscription_id).filter(Boolean)).size;
    const { issued } = await service.issueDueInvoices(SYSTEM);
    expect(issued).toBeLessThanOrEqual(subscriptions);
    const family = await db.selectFrom('families').select('id').executeTakeFirstOrThrow();
    const manual = await service.createManual(SYSTEM, {
      familyId: family.id,
      description: 'Adhésion',
      amountCents: 3_000,
      dueOn: '2026-12-01',
      method: 'transfer',
      reason: 'Adhésion annuelle',
    });
    expect(manual.number).toBe(`F2026-${String(invoices.length + issued + 1).padStart(6, '0')}`);
  });
});
