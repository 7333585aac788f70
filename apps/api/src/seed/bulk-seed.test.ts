import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidIBAN } from 'ibantools';
import { openDatabase, type Database } from '../db/database.js';
import { createTestDatabase } from '../testing/harness.js';
import { searchContact, searchName } from '../platform/search-text.js';
import { SYSTEM } from '../platform/actor.js';
import { createPeopleService } from '../modules/people/people.service.js';
import type { Deps } from '../platform/deps.js';
import { systemClock } from '../platform/clock.js';
import { loadConfig } from '../config.js';
import { Mailer } from '../platform/mailer.js';
import { fastSearchContact, fastSearchName, frenchIban, seedBulk, type BulkSeedResult } from './bulk-seed.js';

describe('the bulk seed', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let result: BulkSeedResult;

  beforeAll(async () => {
    const target = await createTestDatabase();
    drop = target.drop;
    result = await seedBulk(target.url, { teachers: 60, families: 80, lessons: 400, mandates: 20, requests: 5, seed: 7, today: '2026-11-23' });
    database = openDatabase(target.url);
  }, 120_000);
  afterAll(async () => {
    await database?.destroy();
    await drop?.();
  });

  it('writes the same search text as the people service, without re-parsing every phone number', () => {
    for (const [first, last] of [['Hélène', 'Lefèvre'], ['Jérôme', 'Béranger'], ['Maëlle', 'Lemaître']] as const) expect(fastSearchName(first, last)).toBe(searchName(first, last));
    for (const phone of ['+33612345678', '+33700000001', null]) expect(fastSearchContact('Helene.Martin3@exemple.fr', phone)).toBe(searchContact('Helene.Martin3@exemple.fr', phone));
  });

  it('generates valid French IBANs for the mandates', () => {
    for (const n of [0, 1, 49_999, 123_456]) expect(isValidIBAN(frenchIban(n))).toBe(true);
  });

  it('loads families, teachers with profiles, lessons, open requests and mandates', async () => {
    const { db } = database;
    const count = async (table: 'people' | 'teachers' | 'lessons' | 'teacher_instruments' | 'teacher_match_index' | 'sepa_mandates') => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
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
    const deps: Deps = { db: database.db, engine: database.engine, clock: systemClock, mailer: new Mailer(database.db, systemClock, undefined, 'x@example.org'), config: loadConfig({ LOG_LEVEL: 'silent' }) };
    const hits = await createPeopleService(deps).search(SYSTEM, 'helene ma', 20);
    expect(hits.some((h) => h.displayName === 'Hélène Marchand')).toBe(true);
    const phone = (await database.db.selectFrom('people').select('phone').where('phone', 'is not', null).executeTakeFirstOrThrow()).phone ?? '';
    const byPhone = await createPeopleService(deps).search(SYSTEM, `0${phone.slice(3)}`, 5);
    expect(byPhone.length).toBeGreaterThan(0);
  });

  it('keeps matching rows in step with later profile writes (triggers of migration 0400)', async () => {
    const { db } = database;
    const teacher = await db.selectFrom('teacher_instruments').select(['teacher_id', 'instrument']).executeTakeFirstOrThrow();
    await db.updateTable('teachers').set({ status: 'suspended', latitude: 45.75 }).where('person_id', '=', teacher.teacher_id).execute();
    const row = await db.selectFrom('teacher_match_index').selectAll().where('teacher_id', '=', teacher.teacher_id).where('instrument', '=', teacher.instrument).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'suspended', latitude: 45.75 });
    await db.updateTable('teacher_instruments').set({ level_max: 3 }).where('teacher_id', '=', teacher.teacher_id).where('instrument', '=', teacher.instrument).execute();
    expect((await db.selectFrom('teacher_match_index').select('level_max').where('teacher_id', '=', teacher.teacher_id).where('instrument', '=', teacher.instrument).executeTakeFirstOrThrow()).level_max).toBe(3);
    await db.deleteFrom('teacher_instruments').where('teacher_id', '=', teacher.teacher_id).execute();
    expect(await db.selectFrom('teacher_match_index').select('instrument').where('teacher_id', '=', teacher.teacher_id).execute()).toEqual([]);
    await db.insertInto('teacher_instruments').values({ teacher_id: teacher.teacher_id, instrument: 'cello', level_min: 1, level_max: 2, age_min: 6, age_max: 99 }).execute();
    expect(await db.selectFrom('teacher_match_index').select(['instrument', 'status']).where('teacher_id', '=', teacher.teacher_id).execute()).toEqual([{ instrument: 'cello', status: 'suspended' }]);
  });
});
