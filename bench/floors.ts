import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { XMLBuilder } from 'fast-xml-parser';
import pg from 'pg';
import { engineOf, type Engine } from '../apps/api/src/db/dialect.js';
// The EPC character folding is per-field work the floor must do too: it shares the project's function.
import { sepaText } from '../apps/api/src/modules/billing/pain008.js';

/**
 * The floors: the least work that gives the same answer, straight through the driver (no Kysely, no access check,
 * no zod, no session). Every project figure is divided by its floor measured in the same run, so the ratio holds
 * on a noisy machine. Shared by the in-process measurements and the bare HTTP routes of bench/server.ts.
 */
export type Row = Record<string, unknown>;
export interface RawDb {
  readonly engine: Engine;
  /** `?` placeholders on both engines. */
  all(sqlText: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export function openRaw(databaseUrl: string): RawDb {
  if (engineOf(databaseUrl) === 'sqlite') {
    const db = new SQLite(databaseUrl.slice('sqlite:'.length));
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const cache = new Map<string, SQLite.Statement>();
    return {
      engine: 'sqlite',
      all(sqlText, params = []) {
        let st = cache.get(sqlText);
        if (!st) {
          st = db.prepare(sqlText);
          cache.set(sqlText, st);
        }
        if (!st.reader) {
          st.run(...params);
          return Promise.resolve([]);
        }
        return Promise.resolve(st.all(...params) as Row[]);
      },
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Per SQL text: its $n form and its statement name (the map's size when first seen), computed once.
  const statements = new Map<string, { name: string; text: string }>();
  return {
    engine: 'postgres',
    async all(sqlText, params = []) {
      let statement = statements.get(sqlText);
      if (!statement) {
        let n = 0;
        statement = { name: `f${statements.size}`, text: sqlText.replace(/\?/g, () => `$${(n += 1)}`) };
        statements.set(sqlText, statement);
      }
      // A named statement: the server keeps the plan, as a prepared statement does on SQLite.
      return (await pool.query({ name: statement.name, text: statement.text, values: params })).rows as Row[];
    },
    close: () => pool.end(),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Person search: the FTS5 prefix / trigram tables on SQLite, the trigram indexes on PostgreSQL.

export type SearchInput = { q: string };
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

export async function floorSearch(db: RawDb, q: string): Promise<Row[]> {
  const trimmed = q.trim();
  const contact = trimmed.includes('@')
    ? trimmed.toLowerCase()
    : /^[+\d\s().-]+$/.test(trimmed)
      ? trimmed.replace(/\D/g, '')
      : null;
  const cols = 'p.id, p.kind, p.first_name, p.last_name, p.email, p.phone, p.family_id';
  if (db.engine === 'sqlite') {
    if (contact !== null)
      return db.all(
        `SELECT ${cols} FROM people p WHERE p.seq IN (SELECT rowid FROM people_contact_fts WHERE people_contact_fts MATCH ? LIMIT 200) ORDER BY p.last_name LIMIT 20`,
        [`"${contact}"`],
      );
    const match = fold(trimmed)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((w) => `"${w}"*`)
      .join(' ');
    return db.all(
      `SELECT ${cols} FROM people p WHERE p.seq IN (SELECT rowid FROM people_name_fts WHERE people_name_fts MATCH ? LIMIT 200) ORDER BY p.last_name, p.first_name LIMIT 20`,
      [match],
    );
  }
  if (contact !== null)
    return db.all(`SELECT ${cols} FROM people p WHERE p.search_contact LIKE ? ORDER BY p.last_name LIMIT 20`, [
      `%${contact}%`,
    ]);
  const words = fold(trimmed)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return db.all(
    `SELECT ${cols} FROM people p WHERE ${words.map(() => 'p.search_name LIKE ?').join(' AND ')} ORDER BY p.last_name, p.first_name LIMIT 20`,
    words.map((w) => `% ${w}%`),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Matching: a table keyed (instrument, latitude, longitude) denormalised from the teachers' profiles, a bounding
// box in the index, the exact haversine after, availability overlap for the few survivors, top 20.

export async function buildMatchFloor(db: RawDb): Promise<void> {
  await db.all('DROP TABLE IF EXISTS bench_match_floor');
  await db.all(`CREATE TABLE bench_match_floor AS
    SELECT ti.instrument, t.latitude, t.longitude, t.person_id AS teacher_id, ti.level_min, ti.level_max, ti.age_min, ti.age_max,
           coalesce(t.max_travel_km, 20) AS max_travel_km, coalesce(t.capacity_new_students, 0) AS capacity
      FROM teacher_instruments ti JOIN teachers t ON t.person_id = ti.teacher_id
     WHERE t.status = 'active' AND t.teaches_at_home = 1 AND t.latitude IS NOT NULL`);
  await db.all('CREATE INDEX bench_match_floor_idx ON bench_match_floor (instrument, latitude, longitude)');
  await db.all('ANALYZE bench_match_floor');
}

export type MatchRequest = {
  id: string;
  instrument: string;
  level: number;
  age: number;
  latitude: number;
  longitude: number;
  slots: { weekday: number; start: number; end: number }[];
};

export async function loadMatchRequests(db: RawDb, limit: number): Promise<MatchRequest[]> {
  const files = await db.all(
    `SELECT f.id, f.instrument, f.level, f.latitude, f.longitude, p.birth_date FROM lesson_files f JOIN people p ON p.id = f.student_id WHERE f.stage = 'matching' AND f.latitude IS NOT NULL ORDER BY f.id LIMIT ?`,
    [limit],
  );
  const out: MatchRequest[] = [];
  for (const f of files) {
    const slots = await db.all('SELECT weekday, start_minute, end_minute FROM file_slots WHERE file_id = ?', [f.id]);
    const birth = String(f.birth_date ?? '2015-01-01');
    out.push({
      id: String(f.id),
      instrument: String(f.instrument),
      level: Number(f.level),
      age: 2026 - Number(birth.slice(0, 4)),
      latitude: Number(f.latitude),
      longitude: Number(f.longitude),
      slots: slots.map((s) => ({
        weekday: Number(s.weekday),
        start: Number(s.start_minute),
        end: Number(s.end_minute),
      })),
    });
  }
  return out;
}

function haversineKm(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lng2 - lng1) * r) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(a));
}

const SEARCH_RADIUS_KM = 40;

export async function floorMatch(
  db: RawDb,
  req: MatchRequest,
): Promise<{ teacherId: string; score: number; distanceKm: number }[]> {
  const dLat = SEARCH_RADIUS_KM / 111.32;
  const dLng = SEARCH_RADIUS_KM / (111.32 * Math.cos((req.latitude * Math.PI) / 180));
  const rows = await db.all(
    `SELECT teacher_id, latitude, longitude, max_travel_km FROM bench_match_floor
      WHERE instrument = ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?
        AND level_min <= ? AND level_max >= ? AND age_min <= ? AND age_max >= ? AND capacity > 0`,
    [
      req.instrument,
      req.latitude - dLat,
      req.latitude + dLat,
      req.longitude - dLng,
      req.longitude + dLng,
      req.level,
      req.level,
      req.age,
      req.age,
    ],
  );
  const near = rows
    .map((r) => ({
      teacherId: String(r.teacher_id),
      distanceKm: haversineKm(req.latitude, req.longitude, Number(r.latitude), Number(r.longitude)),
      max: Number(r.max_travel_km),
    }))
    .filter((r) => r.distanceKm <= r.max);
  const overlap = new Map<string, number>();
  if (near.length && req.slots.length) {
    const ids = near.map((n) => n.teacherId);
    const av = await db.all(
      `SELECT teacher_id, weekday, start_minute, end_minute FROM teacher_availability WHERE teacher_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    for (const a of av) {
      const fits = req.slots.some(
        (s) =>
          s.weekday === Number(a.weekday) &&
          Math.min(s.end, Number(a.end_minute)) - Math.max(s.start, Number(a.start_minute)) >= 45,
      );
      if (fits) overlap.set(String(a.teacher_id), (overlap.get(String(a.teacher_id)) ?? 0) + 1);
    }
  }
  return near
    .map((n) => ({
      teacherId: n.teacherId,
      distanceKm: n.distanceKm,
      score:
        (1 - n.distanceKm / Math.max(1, n.max)) * 0.5 +
        Math.min(1, (overlap.get(n.teacherId) ?? 0) / Math.max(1, req.slots.length)) * 0.5,
    }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 20);
}

// ---------------------------------------------------------------------------------------------------------------
// Lists: the first keyset page of the families directory.

export function floorFamilies(db: RawDb): Promise<Row[]> {
  return db.all('SELECT id, name, billing_city FROM families ORDER BY name, id LIMIT 50');
}

/** The same 20 items every bare JSON route returns. */
export const TWENTY_ITEMS = Array.from({ length: 20 }, (_, i) => ({
  id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  name: `Élément ${i}`,
  city: 'Lyon',
  count: i,
}));

// ---------------------------------------------------------------------------------------------------------------
// SEPA collection: the due SEPA instalments of open invoices with their family's active mandate in one query, then
// the same pain.008.001.08 document built with the same library (fast-xml-parser's XMLBuilder) in a plain loop.

export type SepaCreditor = {
  name: string;
  identifier: string;
  iban: string;
  bic: string | null;
  line1: string;
  postalCode: string;
  city: string;
  country: string;
};

export async function floorSepa(
  db: RawDb,
  collectionDate: string,
  creditor: SepaCreditor,
): Promise<{ count: number; bytes: number; sha256: string }> {
  const rows = await db.all(
    `SELECT i.id, i.amount_cents, v.number, m.rum, m.signed_on, m.debtor_name, m.iban, m.bic, m.debtor_line1, m.debtor_postal_code, m.debtor_city, m.debtor_country
       FROM invoice_instalments i
       JOIN invoices v ON v.id = i.invoice_id
       JOIN sepa_mandates m ON m.family_id = v.family_id AND m.status = 'active'
      WHERE i.status = 'due' AND i.method = 'sepa' AND i.due_on <= ? AND v.status = 'open' AND v.kind = 'invoice'
        AND NOT EXISTS (SELECT 1 FROM debits d WHERE d.instalment_id = i.id)`,
    [collectionDate],
  );
  const amount = (cents: number) => `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const address = (street: string, postalCode: string, town: string, country: string) => ({
    StrtNm: sepaText(street, 70),
    PstCd: sepaText(postalCode, 16),
    TwnNm: sepaText(town, 35),
    Ctry: country,
  });
  let total = 0;
  const transactions = rows.map((r) => {
    total += Number(r.amount_cents);
    return {
      PmtId: { EndToEndId: `E${String(r.id).replace(/-/g, '')}`.slice(0, 35) },
      InstdAmt: { '@_Ccy': 'EUR', '#text': amount(Number(r.amount_cents)) },
      DrctDbtTx: { MndtRltdInf: { MndtId: String(r.rum), DtOfSgntr: String(r.signed_on) } },
      DbtrAgt: { FinInstnId: r.bic ? { BICFI: String(r.bic) } : { Othr: { Id: 'NOTPROVIDED' } } },
      Dbtr: {
        Nm: sepaText(String(r.debtor_name), 70),
        PstlAdr: address(
          String(r.debtor_line1),
          String(r.debtor_postal_code),
          String(r.debtor_city),
          String(r.debtor_country),
        ),
      },
      DbtrAcct: { Id: { IBAN: String(r.iban) } },
      RmtInf: { Ustrd: sepaText(String(r.number), 140) },
    };
  });
  const messageId = 'HRM-FLOOR';
  const xml = sepaBuilder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Document: {
      '@_xmlns': 'urn:iso:std:iso:20022:tech:xsd:pain.008.001.08',
      CstmrDrctDbtInitn: {
        GrpHdr: {
          MsgId: messageId,
          CreDtTm: `${collectionDate}T08:00:00Z`,
          NbOfTxs: String(rows.length),
          CtrlSum: amount(total),
          InitgPty: { Nm: sepaText(creditor.name, 70) },
        },
        PmtInf: [
          {
            PmtInfId: `${messageId}-FRST`,
            PmtMtd: 'DD',
            BtchBookg: 'true',
            NbOfTxs: String(rows.length),
            CtrlSum: amount(total),
            PmtTpInf: { SvcLvl: { Cd: 'SEPA' }, LclInstrm: { Cd: 'CORE' }, SeqTp: 'FRST' },
            ReqdColltnDt: collectionDate,
            Cdtr: {
              Nm: sepaText(creditor.name, 70),
              PstlAdr: address(creditor.line1, creditor.postalCode, creditor.city, creditor.country),
            },
            CdtrAcct: { Id: { IBAN: creditor.iban } },
            CdtrAgt: { FinInstnId: creditor.bic ? { BICFI: creditor.bic } : { Othr: { Id: 'NOTPROVIDED' } } },
            ChrgBr: 'SLEV',
            CdtrSchmeId: { Id: { PrvtId: { Othr: { Id: creditor.identifier, SchmeNm: { Prtry: 'SEPA' } } } } },
            DrctDbtTxInf: transactions,
          },
        ],
      },
    },
  }) as string;
  return { count: rows.length, bytes: Buffer.byteLength(xml), sha256: createHash('sha256').update(xml).digest('hex') };
}

const sepaBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: false,
  suppressEmptyNode: false,
  processEntities: true,
});

// ---------------------------------------------------------------------------------------------------------------
// Teachers' hours (issue 16, bench/hours.ts): a month's sheets of every course, and the month's hours per teacher.

/**
 * The floor of a month's sheets: raw reads of the active courses of the seasons overlapping the month, their
 * confirmed places and the month's marks, the one season's terms and calendar entries; then, per course, its
 * weekday's open days of the month and how many of them are fully marked (no public holidays, no per-school
 * calendar, no distance periods). Returns the number of lessons and of those fully marked.
 */
export async function floorSheets(
  db: RawDb,
  month: { start: string; end: string },
): Promise<{ lessons: number; filled: number }> {
  const courses = await db.all(
    `SELECT c.id, c.weekday, c.season_id FROM courses c JOIN seasons s ON s.id = c.season_id
     WHERE s.starts_on <= ? AND s.ends_on >= ? AND c.status = 'active'`,
    [month.end, month.start],
  );
  const places = await db.all(
    `SELECT e.course_id, e.student_id FROM course_enrolments e JOIN people p ON p.id = e.student_id WHERE e.status = 'confirmed'`,
  );
  const marks = await db.all(
    `SELECT l.course_id, l.lesson_date, COUNT(*) AS n FROM attendance_marks m JOIN attendance_lessons l ON l.id = m.lesson_id
     WHERE l.lesson_date >= ? AND l.lesson_date <= ? GROUP BY l.course_id, l.lesson_date`,
    [month.start, month.end],
  );
  const seasonId = String(courses[0]?.season_id ?? '');
  const terms = await db.all('SELECT starts_on, ends_on FROM season_terms WHERE season_id = ?', [seasonId]);
  const entries = await db.all('SELECT kind, starts_on, ends_on FROM calendar_entries WHERE season_id = ?', [seasonId]);
  const openDays: { date: string; weekday: number }[] = [];
  for (let day = month.start; day <= month.end; day = addIsoDays(day, 1)) {
    const inTerm = terms.some((t) => String(t.starts_on) <= day && day <= String(t.ends_on));
    const closed = entries.some((e) =>
      e.kind === 'school_holiday'
        ? String(e.starts_on) < day && day < String(e.ends_on)
        : String(e.starts_on) <= day && day <= String(e.ends_on),
    );
    if (inTerm && !closed)
      openDays.push({ date: day, weekday: ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1 });
  }
  const placesBy = new Map<string, number>();
  for (const p of places) placesBy.set(String(p.course_id), (placesBy.get(String(p.course_id)) ?? 0) + 1);
  const marked = new Map<string, number>();
  for (const m of marks) marked.set(`${String(m.course_id)}|${String(m.lesson_date)}`, Number(m.n));
  let lessons = 0;
  let filled = 0;
  for (const course of courses) {
    for (const day of openDays) {
      if (day.weekday !== Number(course.weekday)) continue;
      lessons += 1;
      if ((marked.get(`${String(course.id)}|${day.date}`) ?? 0) >= (placesBy.get(String(course.id)) ?? 0)) filled += 1;
    }
  }
  return { lessons, filled };
}

/**
 * The floor of a month's hours: one raw aggregate of the month's lessons per lesson teacher (taught, cancelled by
 * the school, by the teacher, replaced given and received) and the contracts overlapping the month times four weeks
 * (no calendar, no closures, no suspended courses). Returns the number of teachers with figures.
 */
export async function floorHours(db: RawDb, month: { start: string; end: string }): Promise<number> {
  const lessons = await db.all(
    `SELECT l.teacher_id, c.teacher_id AS course_teacher_id, l.duration_minutes,
       SUM(CASE WHEN m.mark IN ('present', 'absent', 'excused', 'late') THEN 1 ELSE 0 END) AS taught,
       SUM(CASE WHEN m.mark = 'cancelled_by_school' THEN 1 ELSE 0 END) AS by_school
     FROM attendance_lessons l JOIN courses c ON c.id = l.course_id LEFT JOIN attendance_marks m ON m.lesson_id = l.id
     WHERE l.lesson_date >= ? AND l.lesson_date <= ?
     GROUP BY l.id, l.teacher_id, c.teacher_id, l.duration_minutes`,
    [month.start, month.end],
  );
  const contracts = await db.all(
    `SELECT teacher_id, weekly_minutes FROM teacher_contracts WHERE valid_from <= ? AND (valid_to IS NULL OR valid_to >= ?)`,
    [month.end, month.start],
  );
  const minutes = new Map<
    string,
    { contract: number; taught: number; given: number; received: number; unworked: number }
  >();
  const of = (id: string) =>
    minutes.get(id) ?? minutes.set(id, { contract: 0, taught: 0, given: 0, received: 0, unworked: 0 }).get(id)!;
  for (const c of contracts) of(String(c.teacher_id)).contract += 4 * Number(c.weekly_minutes);
  for (const l of lessons) {
    const teacher = of(String(l.teacher_id));
    const duration = Number(l.duration_minutes);
    if (Number(l.taught) > 0) {
      teacher.taught += duration;
      if (l.teacher_id !== l.course_teacher_id) {
        teacher.received += duration;
        of(String(l.course_teacher_id)).given += duration;
      }
    } else if (Number(l.by_school) > 0) teacher.unworked += duration;
  }
  return minutes.size;
}

const addIsoDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
