import { createRequire } from 'node:module';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { resolvePlace } from '../platform/places.js';
import { foldAccents } from '../platform/search-text.js';
import { TEACHER_CAUSED_END_REASONS } from '../modules/agency/matching/matching.rules.js';
import { hashPassword } from '../modules/auth/auth.service.js';
import { seedBilling } from './bulk-billing.js';
import { openBulkWriter, type BulkWriter, type Cell, type SavedIndex } from './bulk-writer.js';
import { COMMUNES, FIRST_NAMES, INSTRUMENTS, LAST_NAMES, STREETS, createRandom, type Random } from './generator.js';

/**
 * A large generated organisation for benchmarks and load tests: teachers with full matching profiles spread over
 * real French communes, families with guardians and students, assignments with a season of lessons, open
 * requests waiting for a teacher, and bench logins. Rows go in bare; indexes and full-text tables are built
 * once at the end when the tables started empty, which is several times faster than maintaining them per row.
 */
export type BulkSeedOptions = {
  teachers: number;
  families: number;
  lessons: number;
  mandates: number;
  /** lesson files waiting for a teacher (stage "matching"), the input of candidate searches */
  requests: number;
  seed: number;
  today: string;
};

export type BulkSeedResult = {
  people: number;
  teachers: number;
  families: number;
  assignments: number;
  lessons: number;
  requests: number;
  mandates: number | null;
  gaps: string[];
  /** cpu: this process's own CPU time (the database work of SQLite included; PostgreSQL's server side not). */
  seconds: { insert: number; indexes: number; total: number; cpu: number };
};

export const BENCH_PASSWORD = 'harmonie-bench';
export const BENCH_DOMAIN = 'bench.example.org';
/** Logins the benchmarks use; the teacher has the first 40 assignments, the guardian is the first family's. */
export const BENCH_LOGINS = {
  office: `office@${BENCH_DOMAIN}`,
  teacher: `teacher@${BENCH_DOMAIN}`,
  guardian: `guardian@${BENCH_DOMAIN}`,
} as const;

const BULK_TABLES = [
  'families',
  'people',
  'teachers',
  'teacher_instruments',
  'teacher_zones',
  'teacher_availability',
  'plans',
  'lesson_files',
  'file_slots',
  'subscriptions',
  'assignments',
  'lessons',
] as const;
/** Triggers that derive data from the bulk tables; the load skips them and rebuilds what they maintain at the end. */
const DERIVING_TRIGGERS = [
  'people_fts_ai',
  'people_fts_ad',
  'people_fts_au',
  'teacher_match_index_ti_ai',
  'teacher_match_index_ti_ad',
  'teacher_match_index_ti_au',
  'teacher_match_index_t_au',
  // migration 0600: names, availability and assignment counts of teacher_match_index
  'teacher_match_index_p_au',
  'teacher_match_index_av_ai',
  'teacher_match_index_av_ad',
  'teacher_match_index_av_au',
  'teacher_match_index_a_ai',
  'teacher_match_index_a_ad',
  'teacher_match_index_a_au',
];
const MATCH_COPIED = [
  'status',
  'latitude',
  'longitude',
  'max_travel_km',
  'capacity_new_students',
  'teaches_at_home',
  'teaches_at_school',
  'teaches_online',
];
const CHUNK = 10_000;
const LESSONS_PER_ASSIGNMENT = 32;

type Commune = { postalCode: string; city: string; insee: string; latitude: number; longitude: number };

/** Every commune that codes-postaux lists and that we can place; big cities are over-weighted when picking. */
function loadCommunes(): { all: Commune[]; cities: Commune[] } {
  const require = createRequire(import.meta.url);
  const entries = require('codes-postaux/codes-postaux.json') as {
    codePostal: string;
    codeCommune: string;
    nomCommune: string;
  }[];
  const seen = new Set<string>();
  const all: Commune[] = [];
  for (const e of entries) {
    if (seen.has(e.codeCommune)) continue;
    seen.add(e.codeCommune);
    const place = resolvePlace({ postalCode: e.codePostal, city: e.nomCommune });
    if (place?.latitude == null || place.longitude == null) continue;
    all.push({
      postalCode: e.codePostal,
      city: place.commune,
      insee: place.inseeCode,
      latitude: place.latitude,
      longitude: place.longitude,
    });
  }
  const cities: Commune[] = [];
  for (const c of COMMUNES) {
    const place = resolvePlace({ postalCode: c.postalCode, city: c.city });
    if (place?.latitude != null && place.longitude != null)
      cities.push({
        postalCode: c.postalCode,
        city: c.city,
        insee: c.insee,
        latitude: place.latitude,
        longitude: place.longitude,
      });
  }
  return { all, cities };
}

/** Same text as platform/search-text's searchName and searchContact, without re-parsing every French mobile. */
const foldedWords = new Map<string, string>();
function fold(word: string): string {
  let folded = foldedWords.get(word);
  if (folded === undefined) {
    folded = foldAccents(word)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(' ');
    foldedWords.set(word, folded);
  }
  return folded;
}
export function fastSearchName(firstName: string, lastName: string): string {
  return ` ${fold(firstName)} ${fold(lastName)}`;
}
export function fastSearchContact(email: string | null, phone: string | null): string {
  const parts: string[] = [];
  if (email) parts.push(email.toLowerCase());
  if (phone) {
    const digits = phone.replace(/\D/g, '');
    parts.push(digits);
    if (digits.startsWith('33') && digits.length === 11) parts.push(`0${digits.slice(2)}`);
  }
  return parts.join(' ');
}
const localPart = (name: string) => fold(name).replace(/[^a-z]/g, '');

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}
function epochDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

/**
 * Time-ordered UUIDs (version 7 layout: the first 48 bits count up from the seed's day), so that every primary
 * key and unique index is appended to at its right edge instead of being written at random pages.
 */
function orderedIds(today: string, random: Random): () => string {
  let serial = Date.parse(`${today}T00:00:00Z`);
  const hex = (n: number, width: number) => Math.floor(n).toString(16).padStart(width, '0').slice(-width);
  return () => {
    serial += 1;
    const t = hex(serial, 12);
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(random.next() * 0x1000, 3)}-${hex(8 + random.next() * 4, 1)}${hex(random.next() * 0x1000, 3)}-${hex(random.next() * 0x1000000, 6)}${hex(random.next() * 0x1000000, 6)}`;
  };
}

type Progress = (line: string, done?: boolean) => void;

/**
 * PostgreSQL builds the indexes on two connections at once, the heaviest (the trigram GIN indexes, then the largest
 * tables) first: a GIN build runs on one core, so two of them side by side halve the wait on a 2-core machine.
 */
async function rebuildInParallel(databaseUrl: string, w: BulkWriter, indexes: SavedIndex[]): Promise<void> {
  const weight = (index: SavedIndex) =>
    (/using gin/i.test(index.sql) ? 2 : 0) + (/ on (public\.)?(people|lessons) /i.test(index.sql) ? 1 : 0);
  const queue = [...indexes].sort((a, b) => weight(b) - weight(a));
  const second = await openBulkWriter(databaseUrl);
  try {
    const worker = async (writer: BulkWriter) => {
      for (let index = queue.shift(); index; index = queue.shift()) await writer.exec(index.sql);
    };
    await Promise.all([worker(w), worker(second)]);
  } finally {
    await second.close();
  }
}

export async function seedBulk(
  databaseUrl: string,
  options: BulkSeedOptions,
  progress: Progress = () => undefined,
): Promise<BulkSeedResult> {
  const started = performance.now();
  const database = openDatabase(databaseUrl);
  await migrateToLatest(database);
  await database.destroy();

  const w = await openBulkWriter(databaseUrl);
  const gaps: string[] = [];
  try {
    const random = createRandom(options.seed);
    const nextId = orderedIds(options.today, createRandom(options.seed + 1));
    const now = `${options.today}T08:00:00.000Z`;
    const today = epochDay(options.today);
    const communes = loadCommunes();
    const pickCommune = (): Commune => {
      const c = random.chance(0.35) ? random.pick(communes.cities) : random.pick(communes.all);
      return c;
    };
    const domains = ['exemple.fr', 'courriel.example', 'mail.example.org'];
    let phoneSerial = 0;
    const person = (
      kind: string,
      firstName: string,
      lastName: string,
      familyId: string | null,
      birthDate: string | null,
      withContact: boolean,
    ): Cell[] => {
      phoneSerial += 1;
      const email = withContact
        ? `${localPart(firstName)}.${localPart(lastName)}${phoneSerial}@${random.pick(domains)}`
        : null;
      const phone = withContact
        ? `+33${random.chance(0.7) ? '6' : '7'}${String((phoneSerial * 7_919) % 100_000_000).padStart(8, '0')}`
        : null;
      return [
        nextId(),
        kind,
        firstName,
        lastName,
        email,
        phone,
        birthDate,
        familyId,
        null,
        null,
        fastSearchName(firstName, lastName),
        fastSearchContact(email, phone),
        now,
        now,
        1,
      ];
    };
    const PEOPLE_COLUMNS = [
      'id',
      'kind',
      'first_name',
      'last_name',
      'email',
      'phone',
      'birth_date',
      'family_id',
      'user_id',
      'notes',
      'search_name',
      'search_contact',
      'created_at',
      'updated_at',
      'version',
    ];

    const existing = await w.all<{ n: number }>('SELECT count(*) AS n FROM people');
    const fresh = Number(existing[0]?.n ?? 0) === 0;
    let saved: SavedIndex[] = [];
    const triggers: string[] = [];
    if (fresh) {
      saved = await w.secondaryIndexes(BULK_TABLES);
      for (const index of saved) await w.exec(`DROP INDEX ${w.engine === 'sqlite' ? `"${index.name}"` : index.name}`);
      if (w.engine === 'sqlite') {
        const rows = await w.all<{ name: string; sql: string }>(
          `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${DERIVING_TRIGGERS.map(() => '?').join(',')})`,
          DERIVING_TRIGGERS,
        );
        for (const r of rows) {
          triggers.push(r.sql);
          await w.exec(`DROP TRIGGER ${r.name}`);
        }
      }
    }

    const count = { people: 0, teachers: 0, families: 0, assignments: 0, lessons: 0, requests: 0 };
    const report = (label: string, done: number, total: number) => {
      const seconds = (performance.now() - started) / 1000;
      progress(
        `${label.padEnd(12)} ${done.toLocaleString('en').padStart(11)} / ${total.toLocaleString('en')}   people ${count.people.toLocaleString('en')}   ${seconds.toFixed(1)} s`,
      );
    };

    // Plans
    const planIds = [nextId(), nextId(), nextId()];
    await w.begin();
    await w.insert(
      'plans',
      [
        'id',
        'name',
        'lesson_minutes',
        'frequency',
        'lessons_per_season',
        'price_cents',
        'billing_period',
        'active',
        'created_at',
        'updated_at',
        'version',
      ],
      [
        [planIds[0] ?? '', 'Hebdomadaire 30 min', 30, 'weekly', 32, 72_000, 'monthly', 1, now, now, 1],
        [planIds[1] ?? '', 'Hebdomadaire 45 min', 45, 'weekly', 32, 99_000, 'monthly', 1, now, now, 1],
        [planIds[2] ?? '', 'Hebdomadaire 60 min', 60, 'weekly', 32, 126_000, 'monthly', 1, now, now, 1],
      ],
    );
    await w.commit();

    // Teachers with their matching profile.
    const teacherIds: string[] = [];
    const teacherInstrument: string[] = [];
    const popular = ['piano', 'piano', 'piano', 'guitar', 'guitar', 'violin', 'voice', 'drums', ...INSTRUMENTS];
    for (let start = 0; start < options.teachers; start += CHUNK) {
      const people: Cell[][] = [];
      const teachers: Cell[][] = [];
      const instruments: Cell[][] = [];
      const zones: Cell[][] = [];
      const slots: Cell[][] = [];
      for (let i = start; i < Math.min(options.teachers, start + CHUNK); i += 1) {
        const first = i === 0 ? 'Hélène' : random.pick(FIRST_NAMES);
        const last = i === 0 ? 'Marchand' : random.pick(LAST_NAMES);
        const row = person('teacher', first, last, null, null, true);
        const id = row[0] as string;
        people.push(row);
        teacherIds.push(id);
        const commune = pickCommune();
        const status =
          i < 100 ? 'active' : random.chance(0.88) ? 'active' : random.pick(['suspended', 'inactive', 'excluded']);
        // A little jitter: teachers live in the commune, not all at its town hall.
        const lat = commune.latitude + (random.next() - 0.5) * 0.04;
        const lng = commune.longitude + (random.next() - 0.5) * 0.06;
        teachers.push([
          id,
          status,
          null,
          now,
          now,
          1,
          random.pick([5, 10, 10, 15, 20, 20, 25, 30, 40]),
          random.chance(0.85) ? 1 : 0,
          random.chance(0.3) ? 1 : 0,
          random.chance(0.4) ? 1 : 0,
          random.chance(0.2) ? 0 : random.int(1, 4),
          `${random.int(1, 180)} ${random.pick(STREETS)}`,
          commune.postalCode,
          commune.city,
          commune.insee,
          lat,
          lng,
          JSON.stringify(random.chance(0.5) ? ['classique'] : ['classique', 'jazz']),
          null,
          null,
        ]);
        zones.push([id, 'commune', commune.insee]);
        const taught = new Set<string>();
        const n = random.int(1, 3);
        while (taught.size < n) taught.add(random.pick(popular));
        teacherInstrument.push([...taught][0] ?? 'piano');
        for (const instrument of taught) {
          const levelMax = random.int(1, 3);
          instruments.push([
            id,
            instrument,
            1,
            levelMax,
            random.pick([4, 5, 6, 7, 8, 10]),
            random.pick([18, 25, 60, 99, 99]),
          ]);
        }
        const days = new Set<number>();
        const slotCount = random.int(2, 5);
        while (days.size < slotCount) days.add(random.int(1, 6));
        for (const weekday of days) {
          const startMinute = random.int(18, 38) * 30;
          slots.push([id, weekday, startMinute, Math.min(22 * 60, startMinute + random.int(2, 8) * 30)]);
        }
      }
      await w.begin();
      await w.insert('people', PEOPLE_COLUMNS, people);
      await w.insert(
        'teachers',
        [
          'person_id',
          'status',
          'bio',
          'created_at',
          'updated_at',
          'version',
          'max_travel_km',
          'teaches_at_home',
          'teaches_at_school',
          'teaches_online',
          'capacity_new_students',
          'address_line1',
          'postal_code',
          'city',
          'insee_code',
          'latitude',
          'longitude',
          'styles',
          'status_reason',
          'status_until',
        ],
        teachers,
      );
      await w.insert(
        'teacher_instruments',
        ['teacher_id', 'instrument', 'level_min', 'level_max', 'age_min', 'age_max'],
        instruments,
      );
      await w.insert('teacher_zones', ['teacher_id', 'kind', 'code'], zones);
      await w.insert('teacher_availability', ['teacher_id', 'weekday', 'start_minute', 'end_minute'], slots);
      await w.commit();
      count.people += people.length;
      count.teachers += people.length;
      report('teachers', count.teachers, options.teachers);
    }

    // Families, guardians and students; the students that will have a teacher are kept for the assignments.
    const assignmentTarget = options.lessons > 0 ? Math.ceil(options.lessons / LESSONS_PER_ASSIGNMENT) : 0;
    type Student = { id: string; familyId: string; commune: Commune; birthYear: number };
    const taught: Student[] = [];
    const waiting: Student[] = [];
    const familyIds: string[] = [];
    for (let start = 0; start < options.families; start += CHUNK) {
      const families: Cell[][] = [];
      const people: Cell[][] = [];
      for (let f = start; f < Math.min(options.families, start + CHUNK); f += 1) {
        const id = nextId();
        const last = f === 0 ? 'Lefèvre' : random.pick(LAST_NAMES);
        const commune = pickCommune();
        families.push([
          id,
          last,
          `${random.int(1, 180)} ${random.pick(STREETS)}`,
          null,
          commune.postalCode,
          commune.city,
          'FR',
          random.pick(['email', 'phone', 'sms']),
          f % 7 === 3 ? 'en' : 'fr',
          null,
          now,
          now,
          1,
        ]);
        familyIds.push(id);
        const guardians = random.chance(0.5) ? 2 : 1;
        for (let g = 0; g < guardians; g += 1)
          people.push(
            person(
              'guardian',
              f === 0 && g === 0 ? 'Hélène' : random.pick(FIRST_NAMES),
              last,
              id,
              `${random.int(1965, 1995)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
              true,
            ),
          );
        const students = random.chance(0.6) ? 2 : 1;
        for (let s = 0; s < students; s += 1) {
          const birthYear = random.int(2008, 2019);
          const row = person(
            'student',
            random.pick(FIRST_NAMES),
            last,
            id,
            `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
            random.chance(0.2),
          );
          people.push(row);
          const student = { id: row[0] as string, familyId: id, commune, birthYear };
          if (taught.length < assignmentTarget && random.chance(0.7)) taught.push(student);
          else if (waiting.length < options.requests) waiting.push(student);
        }
      }
      await w.begin();
      await w.insert(
        'families',
        [
          'id',
          'name',
          'billing_line1',
          'billing_line2',
          'billing_postal_code',
          'billing_city',
          'billing_country',
          'contact_preference',
          'locale',
          'notes',
          'created_at',
          'updated_at',
          'version',
        ],
        families,
      );
      await w.insert('people', PEOPLE_COLUMNS, people);
      await w.commit();
      count.people += people.length;
      count.families += families.length;
      report('families', count.families, options.families);
    }

    // Assignments, each with its file, active subscription and a season of weekly lessons up to today.
    const FILE_COLUMNS = [
      'id',
      'family_id',
      'student_id',
      'stage',
      'stage_changed_at',
      'owner_service',
      'source',
      'instrument',
      'level',
      'goals',
      'place',
      'address_line1',
      'postal_code',
      'city',
      'insee_code',
      'latitude',
      'longitude',
      'lesson_minutes',
      'frequency',
      'teacher_wishes',
      'styles',
      'closed_reason',
      'created_at',
      'updated_at',
      'version',
    ];
    const SUBSCRIPTION_COLUMNS = [
      'id',
      'file_id',
      'family_id',
      'student_id',
      'plan_id',
      'status',
      'subscribed_on',
      'billable_from',
      'first_debit_by',
      'ended_on',
      'on_hold',
      'hold_reason',
      'hold_since',
      'created_at',
      'updated_at',
      'version',
    ];
    const ASSIGNMENT_COLUMNS = [
      'id',
      'student_id',
      'teacher_id',
      'family_id',
      'started_on',
      'ended_on',
      'end_reason',
      'created_at',
      'updated_at',
      'version',
      'file_id',
      'handed_over_at',
      'first_lesson_on',
      'first_lesson_recorded_by',
      'could_not_reach_at',
    ];
    const LESSON_COLUMNS = [
      'id',
      'assignment_id',
      'file_id',
      'teacher_id',
      'student_id',
      'family_id',
      'lesson_date',
      'minutes',
      'status',
      'place',
      'family_response',
      'dispute_reason',
      'recorded_by',
      'created_at',
      'updated_at',
      'version',
    ];
    const lessonTotal = Math.min(options.lessons, taught.length * LESSONS_PER_ASSIGNMENT * 2);
    const perAssignment = taught.length ? Math.max(1, Math.ceil(lessonTotal / taught.length)) : 0;
    const pickTeacher = (index: number): number =>
      index < 40 || teacherIds.length < 2 ? 0 : random.int(1, teacherIds.length - 1);
    for (let start = 0; start < taught.length; start += 2_000) {
      const files: Cell[][] = [];
      const subscriptions: Cell[][] = [];
      const assignments: Cell[][] = [];
      const lessons: Cell[][] = [];
      for (let a = start; a < Math.min(taught.length, start + 2_000); a += 1) {
        const student = taught[a] as Student;
        const t = pickTeacher(a);
        const teacherId = teacherIds[t] ?? '';
        const fileId = nextId();
        const assignmentId = nextId();
        const n = Math.min(perAssignment, lessonTotal - count.lessons - lessons.length);
        // Weekly lessons ending last week: the assignment started n weeks ago (plus a few skipped weeks).
        const firstDay = today - 7 * (n + random.int(1, 4));
        const started = isoDate(firstDay);
        const c = student.commune;
        files.push([
          fileId,
          student.familyId,
          student.id,
          'ongoing',
          now,
          'followup',
          random.pick(['public', 'phone']),
          teacherInstrument[t] ?? 'piano',
          random.int(1, 3),
          null,
          'home',
          `${random.int(1, 180)} ${random.pick(STREETS)}`,
          c.postalCode,
          c.city,
          c.insee,
          c.latitude,
          c.longitude,
          45,
          'weekly',
          null,
          null,
          null,
          now,
          now,
          1,
        ]);
        subscriptions.push([
          nextId(),
          fileId,
          student.familyId,
          student.id,
          planIds[1] ?? '',
          'active',
          isoDate(firstDay - 20),
          isoDate(firstDay - 10),
          isoDate(firstDay - 1),
          null,
          0,
          null,
          null,
          now,
          now,
          1,
        ]);
        assignments.push([
          assignmentId,
          student.id,
          teacherId,
          student.familyId,
          started,
          null,
          null,
          now,
          now,
          1,
          fileId,
          `${isoDate(firstDay - 10)}T09:00:00.000Z`,
          started,
          null,
          null,
        ]);
        for (let k = 0; k < n; k += 1) {
          const roll = random.next();
          const status =
            roll < 0.9 ? 'done' : roll < 0.95 ? 'cancelled_by_family' : roll < 0.98 ? 'cancelled_by_teacher' : 'late';
          lessons.push([
            nextId(),
            assignmentId,
            fileId,
            teacherId,
            student.id,
            student.familyId,
            isoDate(firstDay + 7 * k),
            45,
            status,
            'home',
            random.chance(0.6) ? 'confirmed' : null,
            null,
            null,
            now,
            now,
            1,
          ]);
        }
      }
      await w.begin();
      await w.insert('lesson_files', FILE_COLUMNS, files);
      await w.insert('subscriptions', SUBSCRIPTION_COLUMNS, subscriptions);
      await w.insert('assignments', ASSIGNMENT_COLUMNS, assignments);
      await w.insert('lessons', LESSON_COLUMNS, lessons);
      await w.commit();
      count.assignments += assignments.length;
      count.lessons += lessons.length;
      report('lessons', count.lessons, lessonTotal);
    }

    // Open requests: files at the matching stage with the family's slots, waiting for candidates.
    {
      const files: Cell[][] = [];
      const slots: Cell[][] = [];
      const subscriptions: Cell[][] = [];
      for (const student of waiting) {
        const fileId = nextId();
        const c = student.commune;
        files.push([
          fileId,
          student.familyId,
          student.id,
          'matching',
          now,
          'recruitment',
          'public',
          random.pick(popular),
          random.int(1, 2),
          'Découvrir l’instrument et jouer des morceaux simples',
          'home',
          `${random.int(1, 180)} ${random.pick(STREETS)}`,
          c.postalCode,
          c.city,
          c.insee,
          c.latitude,
          c.longitude,
          45,
          'weekly',
          null,
          null,
          null,
          now,
          now,
          1,
        ]);
        for (const weekday of [random.int(1, 3), random.int(4, 6)]) {
          const startMinute = random.int(32, 38) * 30;
          slots.push([fileId, weekday, startMinute, startMinute + 120]);
        }
        subscriptions.push([
          nextId(),
          fileId,
          student.familyId,
          student.id,
          planIds[1] ?? '',
          'pending',
          options.today,
          null,
          null,
          null,
          0,
          null,
          null,
          now,
          now,
          1,
        ]);
      }
      await w.begin();
      await w.insert('lesson_files', FILE_COLUMNS, files);
      await w.insert('file_slots', ['file_id', 'weekday', 'start_minute', 'end_minute'], slots);
      await w.insert('subscriptions', SUBSCRIPTION_COLUMNS, subscriptions);
      await w.commit();
      count.requests = files.length;
    }

    const mandates =
      options.mandates > 0 ? await seedMandates(w, options.mandates, familyIds, random, now, gaps) : null;
    await seedBilling(w, { today: options.today, now, nextId, gaps });

    // Logins for the benchmarks (idempotent: a second seed into the same database keeps them).
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const guardian = familyIds[0]
      ? await w.all<{ id: string }>(`SELECT id FROM people WHERE family_id = ? AND kind = 'guardian' LIMIT 1`, [
          familyIds[0],
        ])
      : [];
    const logins: [string, string, string[], string | null][] = [
      [
        BENCH_LOGINS.office,
        'Bench Bureau',
        ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat'],
        null,
      ],
      [BENCH_LOGINS.teacher, 'Hélène Marchand', ['teacher'], teacherIds[0] ?? null],
      [BENCH_LOGINS.guardian, 'Hélène Lefèvre', ['guardian'], guardian[0]?.id ?? null],
    ];
    for (const [email, name, roles, personId] of logins) {
      const id = nextId();
      await w.all(
        `INSERT INTO users (id, email, password_hash, display_name, locale, status, person_id, last_login_at, created_at, updated_at, version) VALUES (?, ?, ?, ?, 'fr', 'active', ?, NULL, ?, ?, 1) ON CONFLICT (email) DO NOTHING`,
        [id, email, passwordHash, name, personId, now, now],
      );
      const user = await w.all<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]);
      for (const role of roles)
        await w.all('INSERT INTO user_roles (user_id, role) VALUES (?, ?) ON CONFLICT DO NOTHING', [
          user[0]?.id ?? id,
          role,
        ]);
      if (personId) await w.all('UPDATE people SET user_id = ? WHERE id = ?', [user[0]?.id ?? id, personId]);
    }

    const insertSeconds = (performance.now() - started) / 1000;
    if (fresh) {
      progress(
        `indexes      rebuilding ${saved.length} indexes${w.engine === 'sqlite' ? ' and the full-text tables' : ''}…`,
      );
      if (w.engine === 'postgres') await rebuildInParallel(databaseUrl, w, saved);
      else for (const index of saved) await w.exec(index.sql);
      if (w.engine === 'sqlite') {
        await w.exec(`INSERT INTO people_name_fts(people_name_fts) VALUES ('rebuild')`);
        await w.exec(`INSERT INTO people_contact_fts(people_contact_fts) VALUES ('rebuild')`);
        for (const trigger of triggers) await w.exec(trigger);
      }
    }
    // Matching's denormalised rows (migration 0400): its triggers were skipped (dropped on SQLite, replica mode on
    // PostgreSQL), so they are rebuilt in one statement.
    const matchIndex =
      w.engine === 'sqlite'
        ? await w.all(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'teacher_match_index'`)
        : await w.all(
            `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'teacher_match_index'`,
          );
    if (matchIndex.length) {
      await w.exec('DELETE FROM teacher_match_index');
      // With what ranking reads about each teacher (migration 0600): names, styles, availability, assignment counts.
      await w.exec(
        `INSERT INTO teacher_match_index (teacher_id, instrument, level_min, level_max, age_min, age_max, ${MATCH_COPIED.join(', ')}, styles, first_name, last_name, availability, open_assignments, mismatches) ` +
          `SELECT ti.teacher_id, ti.instrument, ti.level_min, ti.level_max, ti.age_min, ti.age_max, ${MATCH_COPIED.map((c) => `t.${c}`).join(', ')}, t.styles, p.first_name, p.last_name, ` +
          `(SELECT string_agg(CAST(av.weekday AS text) || ':' || CAST(av.start_minute AS text) || ':' || CAST(av.end_minute AS text), ',') FROM teacher_availability av WHERE av.teacher_id = ti.teacher_id), ` +
          `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ti.teacher_id AND a.ended_on IS NULL), ` +
          // Endings that were the teacher's doing (matching.rules TEACHER_CAUSED_END_REASONS, migration 2026-12-03-0300).
          `(SELECT count(*) FROM assignments a WHERE a.teacher_id = ti.teacher_id AND a.end_reason IN (${TEACHER_CAUSED_END_REASONS.map((r) => `'${r}'`).join(', ')})) ` +
          `FROM teacher_instruments ti JOIN teachers t ON t.person_id = ti.teacher_id JOIN people p ON p.id = t.person_id`,
      );
    }
    // A sampled ANALYZE gives the planner its statistics in a fraction of a full scan.
    await w.exec(w.engine === 'sqlite' ? 'PRAGMA analysis_limit = 1000; ANALYZE' : 'ANALYZE');
    const total = (performance.now() - started) / 1000;
    progress(
      `done         ${count.people.toLocaleString('en')} people, ${count.lessons.toLocaleString('en')} lessons in ${total.toFixed(1)} s`,
      true,
    );
    const cpu = process.cpuUsage();
    return {
      ...count,
      mandates,
      gaps,
      seconds: { insert: insertSeconds, indexes: total - insertSeconds, total, cpu: (cpu.user + cpu.system) / 1e6 },
    };
  } finally {
    await w.close();
  }
}

/** A valid French IBAN: RIB key over bank, branch and account, then the IBAN check digits. */
export function frenchIban(n: number): string {
  const bank = 30_000 + (n % 4_000);
  const branch = 10_000 + (n % 90_000);
  const account = 10_000_000_000 + n;
  const key = 97 - ((89 * bank + 15 * branch + 3 * account) % 97);
  const bban = `${bank}${branch}${account}${String(key).padStart(2, '0')}`;
  // IBAN check digits: (BBAN + "FR00" as digits) mod 97, computed in pieces to stay within a double.
  let rest = 0;
  for (const ch of `${bban}152700`) rest = (rest * 10 + Number(ch)) % 97;
  return `FR${String(98 - rest).padStart(2, '0')}${bban}`;
}

/** Active SEPA mandates for the first families (billing's table, migration 0300), loaded only when it exists. */
async function seedMandates(
  w: BulkWriter,
  wanted: number,
  familyIds: string[],
  random: Random,
  now: string,
  gaps: string[],
): Promise<number | null> {
  const table =
    w.engine === 'sqlite'
      ? await w.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sepa_mandates'`)
      : await w.all<{ name: string }>(
          `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'sepa_mandates'`,
        );
  if (!table.length) {
    gaps.push('mandates: no sepa_mandates table (billing migration 0300 absent); --mandates ignored');
    return null;
  }
  const count = Math.min(wanted, familyIds.length);
  if (count < wanted) gaps.push(`mandates: only ${count} families for ${wanted} mandates`);
  const families = new Map<string, { name: string; line1: string; postal: string; city: string }>();
  const columns = [
    'id',
    'family_id',
    'rum',
    'creditor_identifier',
    'type',
    'debtor_name',
    'debtor_line1',
    'debtor_line2',
    'debtor_postal_code',
    'debtor_city',
    'debtor_country',
    'iban',
    'bic',
    'signed_on',
    'signature_method',
    'signer_name',
    'signed_at',
    'signed_ip',
    'short_notice_days',
    'status',
    'final_on_next',
    'last_used_on',
    'ended_on',
    'ended_reason',
    'created_by',
    'created_at',
    'updated_at',
    'version',
  ];
  for (let start = 0; start < count; start += CHUNK) {
    const ids = familyIds.slice(start, Math.min(count, start + CHUNK));
    families.clear();
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const rows = await w.all<{
        id: string;
        name: string;
        billing_line1: string;
        billing_postal_code: string;
        billing_city: string;
      }>(
        `SELECT id, name, billing_line1, billing_postal_code, billing_city FROM families WHERE id IN (${part.map(() => '?').join(',')})`,
        part,
      );
      for (const r of rows)
        families.set(r.id, {
          name: r.name,
          line1: r.billing_line1,
          postal: r.billing_postal_code,
          city: r.billing_city,
        });
    }
    const rows: Cell[][] = ids.map((familyId, k) => {
      const f = families.get(familyId);
      const n = start + k;
      const signer = `${random.pick(FIRST_NAMES)} ${f?.name ?? 'Martin'}`;
      return [
        `${familyId.slice(0, 24)}${String(n).padStart(12, '0')}`,
        familyId,
        `HRM-BENCH-${String(n).padStart(8, '0')}`,
        'FR72ZZZ123456',
        'recurrent',
        signer,
        f?.line1 ?? '1 rue de la République',
        null,
        f?.postal ?? '75011',
        f?.city ?? 'Paris',
        'FR',
        frenchIban(n),
        null,
        '2026-09-01',
        'portal',
        signer,
        now,
        '127.0.0.1',
        null,
        'active',
        0,
        null,
        null,
        null,
        null,
        now,
        now,
        1,
      ];
    });
    await w.begin();
    await w.insert('sepa_mandates', columns, rows);
    await w.commit();
  }
  return count;
}
