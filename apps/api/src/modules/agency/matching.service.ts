import { sql } from 'kysely';
import type { Candidate, Locale } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { addDays, dateInZone } from '../../platform/clock.js';
import { readSettings } from '../../platform/settings.js';
import { distanceKm, resolvePlace } from '../../platform/places.js';
import { SETTING, type MatchingWeights } from './agency.settings.js';
import { LEVEL_LABEL, ageOn, assertFileAccess, type FileRow } from './agency-core.js';

const INSTRUMENT_FR: Record<string, string> = { piano: 'piano', guitar: 'guitare', violin: 'violon', cello: 'violoncelle', flute: 'flûte', drums: 'batterie', voice: 'chant', saxophone: 'saxophone', clarinet: 'clarinette', trumpet: 'trompette' };
const instrumentName = (instrument: string, locale: Locale) => (locale === 'fr' ? (INSTRUMENT_FR[instrument] ?? instrument) : instrument);
const km = (d: number, locale: Locale) => (locale === 'fr' ? d.toFixed(1).replace('.', ',') : d.toFixed(1));

type Window = { weekday: number; start: number; end: number };

/** How many of the family's slots fit in the teacher's week, for a lesson of this length. */
export function overlappingSlots(slots: Window[], availability: Window[], lessonMinutes: number): number {
  return slots.filter((slot) =>
    availability.some((a) => a.weekday === slot.weekday && Math.min(slot.end, a.end) - Math.max(slot.start, a.start) >= Math.min(lessonMinutes, slot.end - slot.start)),
  ).length;
}

/** A box around a point wide enough for `radiusKm`, so the database can prefilter with plain comparisons. */
export function boundingBox(lat: number, lng: number, radiusKm: number) {
  const dLat = radiusKm / 111.32;
  const dLng = radiusKm / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const REASONS = {
  fr: {
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) => `enseigne le ${instrument} ${levels}, de ${ageMin} à ${ageMax} ans`,
    levelsOne: (l: string) => `au niveau ${l}`,
    levelsRange: (a: string, b: string) => `du niveau ${a} au niveau ${b}`,
    online: 'cours en ligne : la distance ne compte pas',
    away: (d: string) => `à ${d} km`,
    zone: 'intervient dans cette zone',
    slots: (n: number, total: number) => `${n} créneau${n > 1 ? 'x' : ''} sur ${total} en commun`,
    noSlots: 'la famille n’a pas donné de créneaux',
    styles: (s: string) => `styles en commun : ${s}`,
    noStyle: 'pas de style en commun',
    noStylePref: 'pas de préférence de style',
    fewLessons: (n: number) => `seulement ${n} cours ce mois-ci — prioritaire`,
    lessons: (n: number) => `${n} cours ces 30 derniers jours`,
    noMismatch: 'aucun suivi arrêté pour incompatibilité',
    mismatches: (n: number) => `${n} suivi${n > 1 ? 's' : ''} arrêté${n > 1 ? 's' : ''} pour incompatibilité`,
  },
  en: {
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) => `teaches ${instrument} to ${levels} aged ${ageMin}–${ageMax}`,
    levelsOne: (l: string) => `${l}s`,
    levelsRange: (a: string, b: string) => `${a} to ${b} students`,
    online: 'online lessons: distance does not matter',
    away: (d: string) => `${d} km away`,
    zone: 'works in this area',
    slots: (n: number, total: number) => `${n} of ${total} slots overlap`,
    noSlots: 'the family gave no slots',
    styles: (s: string) => `shares ${s}`,
    noStyle: 'no shared style',
    noStylePref: 'no style preference',
    fewLessons: (n: number) => `only ${n} lesson${n === 1 ? '' : 's'} this month — gets priority`,
    lessons: (n: number) => `${n} lessons in the last 30 days`,
    noMismatch: 'no assignment ended for mismatch',
    mismatches: (n: number) => `${n} assignment${n > 1 ? 's' : ''} ended for mismatch`,
  },
} as const;

/**
 * Ranks teachers for a file. Hard filters (instrument, level, age, place, status, capacity, previous teachers)
 * run in SQL with a latitude/longitude box; the exact distance and the weighted soft scores run after, with the
 * availability of the whole candidate set fetched in a few batched queries.
 */
export function createMatchingService(deps: Deps) {
  const { db } = deps;

  async function rank(tx: Tx, file: FileRow, options: { includePrevious: boolean; limit: number; locale: Locale }): Promise<Candidate[]> {
    // One read of the settings table rather than seven: each round trip costs more than the row.
    const settings = await readSettings(tx);
    const today = dateInZone(deps.clock.now(), settings['organisation.timeZone'] as string);
    const weights = settings[SETTING.weights] as MatchingWeights;
    const [radius, defaultTravel, windowDays, busy, few] = [SETTING.searchRadiusKm, SETTING.defaultTravelKm, SETTING.newStudentWindowDays, SETTING.busyLessonsPerMonth, SETTING.fewLessonsPerMonth].map((key) => Number(settings[key]));
    const student = await tx.selectFrom('people').select('birth_date').where('id', '=', file.student_id).executeTakeFirst();
    const age = ageOn(student?.birth_date ?? null, today);
    const monthAgo = addDays(today, -30);
    const newSince = addDays(today, -windowDays);
    const department = file.postal_code ? (resolvePlace({ postalCode: file.postal_code, city: file.city })?.department ?? null) : null;
    const origin = file.latitude !== null && file.longitude !== null ? { latitude: file.latitude, longitude: file.longitude } : null;
    const inPerson = file.place !== 'online';

    // First pass on teacher_match_index alone (migration 0400: one row per teacher and instrument, keyed
    // (instrument, status, latitude, longitude)): the box is an index range and every filter below reads the index
    // row only — no join and no per-row subquery. Counts, names and styles come after, for the survivors only.
    const firstPass = () => {
      let q = tx
        .selectFrom('teacher_match_index as ti')
        .select(['ti.teacher_id as person_id', 'ti.latitude', 'ti.longitude', 'ti.max_travel_km', 'ti.capacity_new_students', 'ti.level_min', 'ti.level_max', 'ti.age_min', 'ti.age_max'])
        .where('ti.instrument', '=', file.instrument)
        .where('ti.status', '=', 'active')
        .where('ti.level_min', '<=', file.level)
        .where('ti.level_max', '>=', file.level)
        .where(sql<number>`coalesce(ti.capacity_new_students, 0)`, '>', 0);
      if (age !== null) q = q.where('ti.age_min', '<=', age).where('ti.age_max', '>=', age);
      if (file.place === 'online') return q.where('ti.teaches_online', '=', 1);
      return q.where(file.place === 'school' ? 'ti.teaches_at_school' : 'ti.teaches_at_home', '=', 1);
    };
    let rows: Awaited<ReturnType<ReturnType<typeof firstPass>['execute']>>;
    // Teachers who work in the family's zone (commune, postal code or department): admitted beyond their distance.
    const zoned = new Set<string>();
    if (!inPerson) rows = await firstPass().execute();
    else {
      const box = origin ? boundingBox(origin.latitude, origin.longitude, radius) : null;
      const zoneCodes = [
        ...(file.insee_code ? [['commune', file.insee_code] as const] : []),
        ...(file.postal_code ? [['postal_code', file.postal_code] as const] : []),
        ...(department ? [['department', department] as const] : []),
      ];
      // Near the family, or working in their zone: two index-driven queries rather than one OR that scans.
      const near = box ? await firstPass().where('ti.latitude', '>=', box.minLat).where('ti.latitude', '<=', box.maxLat).where('ti.longitude', '>=', box.minLng).where('ti.longitude', '<=', box.maxLng).execute() : [];
      const zone = zoneCodes.length
        ? await firstPass()
            .where('ti.teacher_id', 'in', (eb) => eb.selectFrom('teacher_zones as z').select('z.teacher_id').where((z) => z.or(zoneCodes.map(([kind, code]) => z.and([z('z.kind', '=', kind), z('z.code', '=', code)])))))
            .execute()
        : [];
      for (const z of zone) zoned.add(z.person_id);
      if (!box && !zoneCodes.length) rows = await firstPass().execute();
      else {
        const seen = new Set(near.map((r) => r.person_id));
        rows = [...near, ...zone.filter((r) => !seen.has(r.person_id))];
      }
    }

    // Exact distance after the box; a zone match admits a teacher beyond their travel distance.
    type Row = (typeof rows)[number] & { distance: number | null; byZone: boolean };
    let candidates: Row[] = rows.map((r) => ({ ...r, distance: origin && r.latitude !== null && r.longitude !== null ? distanceKm(origin, { latitude: r.latitude, longitude: r.longitude }) : null, byZone: false }));
    if (inPerson) {
      candidates = candidates.filter((c) => {
        if (c.distance === null || c.distance > (c.max_travel_km ?? defaultTravel)) c.byZone = zoned.has(c.person_id);
        return c.byZone || (c.distance !== null && c.distance <= (c.max_travel_km ?? defaultTravel));
      });
    }

    // Second pass over the survivors only, one batched read per 800: names and styles, capacity use, mismatches,
    // previous teachers of this file and lessons of the last 30 days — each count an index range of its teacher.
    const details = new Map<string, { first_name: string; last_name: string; styles: string | null; openNew: number; mismatches: number; previous: number; lessons30: number }>();
    for (const ids of chunks(candidates.map((c) => c.person_id), 800)) {
      const rows2 = await tx
        .selectFrom('teachers as t')
        .innerJoin('people as p', 'p.id', 't.person_id')
        .select(['t.person_id', 't.styles', 'p.first_name', 'p.last_name'])
        .select((eb) => [
          eb.selectFrom('assignments as c').select(eb.fn.countAll<number>().as('n')).whereRef('c.teacher_id', '=', 't.person_id').where('c.ended_on', 'is', null).where('c.started_on', '>=', newSince).as('open_new'),
          eb.selectFrom('assignments as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.teacher_id', '=', 't.person_id').where('m.end_reason', '=', 'mismatch').as('mismatches'),
          eb.selectFrom('assignments as prev').select(eb.fn.countAll<number>().as('n')).whereRef('prev.teacher_id', '=', 't.person_id').where('prev.file_id', '=', file.id).as('previous'),
          eb.selectFrom('lessons as l').select(eb.fn.countAll<number>().as('n')).whereRef('l.teacher_id', '=', 't.person_id').where('l.lesson_date', '>=', monthAgo).where('l.lesson_date', '<=', today).as('lessons30'),
        ])
        .where('t.person_id', 'in', ids)
        .execute();
      for (const r of rows2) details.set(r.person_id, { first_name: r.first_name, last_name: r.last_name, styles: r.styles, openNew: Number(r.open_new ?? 0), mismatches: Number(r.mismatches ?? 0), previous: Number(r.previous ?? 0), lessons30: Number(r.lessons30 ?? 0) });
    }
    candidates = candidates.filter((c) => {
      const d = details.get(c.person_id);
      // Room for one more new student: active assignments started within the window stay under capacity.
      if (!d || (c.capacity_new_students ?? 0) <= d.openNew) return false;
      return options.includePrevious || !d.previous;
    });

    const slots = (await tx.selectFrom('file_slots').select(['weekday', 'start_minute', 'end_minute']).where('file_id', '=', file.id).execute()).map((s) => ({ weekday: s.weekday, start: s.start_minute, end: s.end_minute }));
    const availability = new Map<string, Window[]>();
    if (slots.length && candidates.length) {
      const weekdays = [...new Set(slots.map((s) => s.weekday))];
      for (const ids of chunks(candidates.map((c) => c.person_id), 800)) {
        const av = await tx.selectFrom('teacher_availability').select(['teacher_id', 'weekday', 'start_minute', 'end_minute']).where('teacher_id', 'in', ids).where('weekday', 'in', weekdays).execute();
        for (const a of av) {
          const list = availability.get(a.teacher_id) ?? [];
          list.push({ weekday: a.weekday, start: a.start_minute, end: a.end_minute });
          availability.set(a.teacher_id, list);
        }
      }
    }

    const R = REASONS[options.locale];
    const levels = LEVEL_LABEL[options.locale];
    const fileStyles = file.styles ? (JSON.parse(file.styles) as string[]) : [];
    const goalWords = new Set((file.goals ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3));
    const totalWeight = Math.max(1, weights.distance + weights.availability + weights.styles + weights.load + weights.outcomes);

    const ranked = candidates.map((c): Candidate => {
      const detail = details.get(c.person_id);
      const teacherStyles = detail?.styles ? (JSON.parse(detail.styles) as string[]).map((s) => s.toLowerCase()) : [];
      const parts: Candidate['parts'] = [];
      const add = (key: string, weight: number, score: number, reason: string) => parts.push({ key, weight, score: Math.round(score * 100) / 100, points: Math.round(weight * score * 10) / 10, reason });

      if (!inPerson) add('distance', weights.distance, 1, R.online);
      else if (c.distance !== null && c.distance <= (c.max_travel_km ?? defaultTravel)) add('distance', weights.distance, Math.max(0, 1 - c.distance / Math.max(1, c.max_travel_km ?? defaultTravel)), R.away(km(c.distance, options.locale)));
      else add('distance', weights.distance, 0.5, c.distance !== null ? `${R.zone} (${R.away(km(c.distance, options.locale))})` : R.zone);

      if (!slots.length) add('availability', weights.availability, 0.5, R.noSlots);
      else {
        const n = overlappingSlots(slots, availability.get(c.person_id) ?? [], file.lesson_minutes);
        add('availability', weights.availability, n / slots.length, R.slots(n, slots.length));
      }

      const shared = [...new Set([...fileStyles.filter((s) => teacherStyles.includes(s)), ...teacherStyles.filter((s) => goalWords.has(s))])];
      if (!fileStyles.length && !goalWords.size) add('styles', weights.styles, 0.5, R.noStylePref);
      else add('styles', weights.styles, shared.length ? Math.min(1, shared.length / Math.max(1, fileStyles.length)) : 0, shared.length ? R.styles(shared.join(', ')) : R.noStyle);

      const lessons = detail?.lessons30 ?? 0;
      add('load', weights.load, Math.max(0, 1 - lessons / busy), lessons <= few ? R.fewLessons(lessons) : R.lessons(lessons));

      const mismatches = detail?.mismatches ?? 0;
      add('outcomes', weights.outcomes, 1 / (1 + mismatches), mismatches ? R.mismatches(mismatches) : R.noMismatch);

      const levelText = c.level_min === c.level_max ? R.levelsOne(levels[c.level_min] ?? '') : R.levelsRange(levels[c.level_min] ?? '', levels[c.level_max] ?? '');
      return {
        teacherId: c.person_id,
        name: `${detail?.first_name ?? ''} ${detail?.last_name ?? ''}`,
        score: Math.round((parts.reduce((sum, p) => sum + p.weight * p.score, 0) / totalWeight) * 100),
        distanceKm: c.distance === null ? null : Math.round(c.distance * 10) / 10,
        fit: R.fit(instrumentName(file.instrument, options.locale), levelText, c.age_min, c.age_max),
        parts,
      };
    });
    ranked.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    return ranked.slice(0, options.limit);
  }

  return {
    rank,
    async candidates(actor: Actor, fileId: string, options: { includePrevious: boolean; limit: number; locale: Locale }): Promise<Candidate[]> {
      requireRole(actor, 'recruitment', 'followup');
      const { file } = await assertFileAccess(db, actor, fileId);
      return rank(db, file, options);
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
