import { frenchWithArticle, type Candidate, type Instrument, type Locale, type MatchingExclusions } from '@contracts';
import type { Deps } from '../../../platform/deps.js';
import type { Tx } from '../../../db/database.js';
import type { Actor } from '../../../platform/actor.js';
import { requirePermission } from '../../../platform/access.js';
import { notFound } from '../../../platform/errors.js';
import { addDays, dateInZone } from '../../../platform/clock.js';
import { ORGANISATION_TIME_ZONE, readSettings } from '../../../platform/settings.js';
import { distanceKm, resolvePlace } from '../../../platform/places.js';
import { scoredPart } from '../../../platform/ranking.js';
import {
  BUSY_TEACHER_LESSONS_PER_MONTH,
  DEFAULT_MAX_TRAVEL_KM,
  FEW_LESSONS_PER_MONTH,
  LONGEST_TRAVEL_KM,
  MATCHING_WEIGHTS,
  NEW_STUDENT_WINDOW_DAYS,
  settingIn,
} from '../agency.settings.js';
import { LEVEL_LABEL } from '../agency.labels.js';
import { assertAccessToFile } from '../files.access.js';
import { ageOn } from '../requests.rules.js';
import {
  findCandidates,
  findFileForMatching,
  findTeachersOfInstrument,
  parseWindows,
  type CandidateRow,
  type MatchingFile,
} from './matching.repository.js';
import {
  availabilityScore,
  boundingBox,
  candidateScore,
  distanceScore,
  firstFailedFilter,
  hasCommonSlot,
  hasRoomForNewStudent,
  HARD_FILTERS,
  isWithinReach,
  loadScore,
  outcomesScore,
  overlappingSlots,
  planeScales,
  stylesScore,
  travelReachKm,
  type HardFilter,
} from './matching.rules.js';

const INSTRUMENT_FR: Record<Instrument, string> = {
  piano: 'piano',
  guitar: 'guitare',
  violin: 'violon',
  cello: 'violoncelle',
  flute: 'flûte',
  drums: 'batterie',
  voice: 'chant',
  saxophone: 'saxophone',
  clarinet: 'clarinette',
  trumpet: 'trompette',
};
/** The instrument with its article in French ("la guitare", "l’alto"), its English name otherwise. */
const instrumentName = (instrument: string, locale: Locale) =>
  locale === 'fr' ? frenchWithArticle(INSTRUMENT_FR[instrument as Instrument] ?? instrument) : instrument;
/** The same order as String.prototype.localeCompare without arguments, without building a collator per call. */
const collator = new Intl.Collator();
const KM_FORMAT = {
  fr: new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};
const km = (d: number, locale: Locale) => KM_FORMAT[locale].format(d);

const REASONS = {
  fr: {
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) =>
      `enseigne ${instrument} ${levels}, de ${ageMin} à ${ageMax} ans`,
    levelsOne: (l: string) => `au niveau ${l}`,
    levelsRange: (a: string, b: string) => `du niveau ${a} au niveau ${b}`,
    online: 'cours en ligne : la distance ne compte pas',
    away: (d: string) => `à ${d} km`,
    zone: 'intervient dans cette zone',
    slots: (n: number, total: number) => `${n} créneau${n > 1 ? 'x' : ''} sur ${total} en commun`,
    noSlots: 'la famille n’a pas donné de créneaux',
    noWeek: 'disponibilités du professeur non renseignées',
    styles: (s: string) => `styles en commun : ${s}`,
    noStyle: 'pas de style en commun',
    noStylePref: 'pas de préférence de style',
    fewLessons: (n: number) => `seulement ${n} cours donné${n > 1 ? 's' : ''} ces 30 derniers jours — prioritaire`,
    lessons: (n: number) => `${n} cours donné${n > 1 ? 's' : ''} ces 30 derniers jours`,
    noMismatch: 'aucun suivi arrêté de son fait',
    mismatches: (n: number) => `${n} suivi${n > 1 ? 's' : ''} arrêté${n > 1 ? 's' : ''} de son fait`,
  },
  en: {
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) =>
      `teaches ${instrument} to ${levels} aged ${ageMin}–${ageMax}`,
    levelsOne: (l: string) => `${l}s`,
    levelsRange: (a: string, b: string) => `${a} to ${b} students`,
    online: 'online lessons: distance does not matter',
    away: (d: string) => `${d} km away`,
    zone: 'works in this area',
    slots: (n: number, total: number) => `${n} of ${total} slots overlap`,
    noSlots: 'the family gave no slots',
    noWeek: 'the teacher has not given their availability',
    styles: (s: string) => `shares ${s}`,
    noStyle: 'no shared style',
    noStylePref: 'no style preference',
    fewLessons: (n: number) => `only ${n} lesson${n === 1 ? '' : 's'} given in the last 30 days — gets priority`,
    lessons: (n: number) => `${n} lesson${n === 1 ? '' : 's'} given in the last 30 days`,
    noMismatch: 'no assignment ended by the teacher',
    mismatches: (n: number) => `${n} assignment${n > 1 ? 's' : ''} ended by the teacher`,
  },
} as const;

/** A teacher who passed every filter, with what ranking adds. */
type Found = {
  row: CandidateRow;
  distance: number | null;
  overlap: number;
  weekGiven: boolean;
  score: number;
  name: string;
};
/** How staff widened the search: more kilometres for everyone, or the file taken as online lessons. */
type SearchOptions = { widenKm?: number; asOnline?: boolean };

/**
 * Ranks teachers for a file. Hard filters (instrument, level, age, place, status, capacity, previous teachers)
 * run in SQL with a latitude/longitude box; the exact distance and the weighted soft scores run after. The
 * candidates come back in one statement with their counts and availability (matching.repository.ts).
 */
export function createMatchingService(deps: Deps) {
  const { db } = deps;

  /** What the filters and the ranking of one file read, computed once. */
  function contextOf(file: MatchingFile, settings: Record<string, unknown>, options: SearchOptions) {
    const today = dateInZone(deps.clock.now(), settingIn(settings, ORGANISATION_TIME_ZONE));
    const [longest, defaultTravel, windowDays] = [
      LONGEST_TRAVEL_KM,
      DEFAULT_MAX_TRAVEL_KM,
      NEW_STUDENT_WINDOW_DAYS,
    ].map((setting) => Number(settingIn(settings, setting))) as [number, number, number];
    const widen = Math.max(0, options.widenKm ?? 0);
    const department = file.postal_code
      ? (resolvePlace({ postalCode: file.postal_code, city: file.city })?.department ?? null)
      : null;
    const origin =
      file.latitude !== null && file.longitude !== null ? { latitude: file.latitude, longitude: file.longitude } : null;
    const inPerson = file.place !== 'online' && !options.asOnline;
    // In person: teachers near the family (each within their own travel distance, up to the organisation's
    // longest, plus what staff chose to widen by) or working in their zone (commune, postal code or department),
    // who are admitted beyond their distance. Online: distance does not matter.
    const zoneCodes = inPerson
      ? [
          ...(file.insee_code ? [['commune', file.insee_code] as const] : []),
          ...(file.postal_code ? [['postal_code', file.postal_code] as const] : []),
          ...(department ? [['department', department] as const] : []),
        ]
      : [];
    const teaches: 'teaches_at_home' | 'teaches_at_school' | 'teaches_online' = !inPerson
      ? 'teaches_online'
      : file.place === 'school'
        ? 'teaches_at_school'
        : 'teaches_at_home';
    return {
      today,
      age: ageOn(file.student_birth_date ?? null, today),
      origin,
      inPerson,
      zoneCodes,
      teaches,
      slots: parseWindows(file.slot_windows),
      previous: new Set(file.previous_teachers ? file.previous_teachers.split(',') : []),
      newSince: addDays(today, -windowDays),
      longest,
      defaultTravel,
      widen,
      /** How far this teacher goes for this search. */
      reachOf: (own: number | null) => travelReachKm(own, defaultTravel, longest) + widen,
      distanceTo: (row: { latitude: number | null; longitude: number | null }) =>
        origin && row.latitude !== null && row.longitude !== null
          ? distanceKm(origin, { latitude: row.latitude, longitude: row.longitude })
          : null,
    };
  }

  async function rank(
    tx: Tx,
    file: MatchingFile,
    settings: Record<string, unknown>,
    options: SearchOptions & { includePrevious: boolean; limit: number; locale: Locale; onlyTeacher?: string },
  ): Promise<Candidate[]> {
    const ctx = contextOf(file, settings, options);
    const { today, age, origin, inPerson, zoneCodes, slots } = ctx;
    const weights = settingIn(settings, MATCHING_WEIGHTS);
    const [busy, few] = [BUSY_TEACHER_LESSONS_PER_MONTH, FEW_LESSONS_PER_MONTH].map((setting) =>
      Number(settingIn(settings, setting)),
    ) as [number, number];

    // Nowhere to measure from and no zone: nobody can be placed within reach.
    if (inPerson && !origin && !zoneCodes.length) return [];
    // The box: as wide as the farthest any teacher goes (their longest travel distance, up to the organisation's
    // longest), with slack for the box's flat-earth degrees; the exact circle of each teacher's own distance is
    // checked after. No other radius: a teacher who goes 100 km is found at 70.
    const farthest = Math.min(Number(file.longest_travel_km ?? 0), ctx.longest);
    const reach = Math.max(farthest, ctx.defaultTravel) + ctx.widen;
    const box = inPerson && origin ? boundingBox(origin.latitude, origin.longitude, reach * 1.01 + 0.5) : null;
    const scales = box && origin ? planeScales(origin.latitude, box) : null;
    const rows = await findCandidates(tx, {
      engine: deps.engine,
      instrument: file.instrument,
      level: file.level,
      age,
      teaches: ctx.teaches,
      near: box && {
        ...box,
        reach: scales && origin && { ...origin, ...scales, defaultTravelKm: ctx.defaultTravel, widenKm: ctx.widen },
      },
      zones: zoneCodes.length ? zoneCodes : null,
      newSince: ctx.newSince,
      lessonsFrom: addDays(today, -30),
      lessonsTo: today,
    });

    // Near rows first, then the zone's teachers not already among them; `zoned` remembers the zone's teachers.
    const zoned = new Set<string>();
    for (const r of rows) if (Number(r.in_zone) === 1) zoned.add(r.teacher_id);
    const found = rows.filter((r) => Number(r.in_zone) !== 1);
    if (zoned.size) {
      const seen = new Set(found.map((r) => r.teacher_id));
      for (const r of rows) if (Number(r.in_zone) === 1 && !seen.has(r.teacher_id)) found.push(r);
    }

    // The exact circle of each teacher's distance after the box; a zone match admits a teacher beyond it. Then room
    // for one more new student (active assignments started within the window stay under capacity), a slot in common
    // (when both sides gave their week), and previous teachers.
    const candidates: Found[] = [];
    for (const row of found) {
      if (options.onlyTeacher && row.teacher_id !== options.onlyTeacher) continue;
      const exact = ctx.distanceTo(row);
      // Scored and shown to 0.1 km: the same distance on the page always gets the same points.
      const distance = exact === null ? null : Math.round(exact * 10) / 10;
      if (!isWithinReach(inPerson, distance, ctx.reachOf(row.max_travel_km), zoned.has(row.teacher_id))) continue;
      if (!hasRoomForNewStudent(row.capacity_new_students, Number(row.open_new ?? 0))) continue;
      const week = parseWindows(row.availability);
      const overlap = slots.length && week.length ? overlappingSlots(slots, week, file.lesson_minutes) : 0;
      if (!hasCommonSlot(overlap, slots.length, week.length)) continue;
      if (!options.includePrevious && ctx.previous.has(row.teacher_id)) continue;
      candidates.push({
        row,
        distance,
        overlap,
        weekGiven: week.length > 0,
        score: 0,
        name: `${row.first_name ?? ''} ${row.last_name ?? ''}`,
      });
    }

    const R = REASONS[options.locale];
    const levels = LEVEL_LABEL[options.locale];
    const fileStyles = file.styles ? (JSON.parse(file.styles) as string[]) : [];
    const goalWords = new Set(
      (file.goals ?? '')
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w.length > 3),
    );

    // Teachers share a handful of style lists: each is parsed once per ranking.
    const parsedStyles = new Map<string, string[]>();
    const stylesOf = (json: string | null): string[] => {
      if (!json) return [];
      let styles = parsedStyles.get(json);
      if (!styles) parsedStyles.set(json, (styles = (JSON.parse(json) as string[]).map((s) => s.toLowerCase())));
      return styles;
    };

    /** The five weighted parts of a candidate's score; their reasons are worded only when asked (the ones returned). */
    function partsOf({ row, distance, overlap, weekGiven }: Found, worded: boolean): Candidate['parts'] {
      const parts: Candidate['parts'] = [];
      const add = (key: string, weight: number, score: number, reason: string) =>
        parts.push(scoredPart(key, weight, score, reason));
      const travel = ctx.reachOf(row.max_travel_km);

      // One function of the distance alone: the same distance always gets the same points.
      const distancePart = distanceScore(inPerson, distance);
      if (!inPerson) add('distance', weights.distance, distancePart, R.online);
      else if (distance !== null && distance <= travel)
        add('distance', weights.distance, distancePart, worded ? R.away(km(distance, options.locale)) : '');
      else
        add(
          'distance',
          weights.distance,
          distancePart,
          !worded ? '' : distance !== null ? `${R.zone} (${R.away(km(distance, options.locale))})` : R.zone,
        );

      if (!slots.length) add('availability', weights.availability, availabilityScore(0, 0), R.noSlots);
      else if (!weekGiven) add('availability', weights.availability, availabilityScore(0, 0), R.noWeek);
      else
        add(
          'availability',
          weights.availability,
          availabilityScore(overlap, slots.length),
          worded ? R.slots(overlap, slots.length) : '',
        );

      if (!fileStyles.length && !goalWords.size) add('styles', weights.styles, stylesScore(0, 0, false), R.noStylePref);
      else {
        const teacherStyles = stylesOf(row.styles);
        const shared = [
          ...new Set([
            ...fileStyles.filter((s) => teacherStyles.includes(s)),
            ...teacherStyles.filter((s) => goalWords.has(s)),
          ]),
        ];
        add(
          'styles',
          weights.styles,
          stylesScore(shared.length, fileStyles.length, true),
          !worded ? '' : shared.length ? R.styles(shared.join(', ')) : R.noStyle,
        );
      }

      const lessons = Number(row.lessons_30 ?? 0);
      add(
        'load',
        weights.load,
        loadScore(lessons, busy),
        !worded ? '' : lessons <= few ? R.fewLessons(lessons) : R.lessons(lessons),
      );

      const mismatches = Number(row.mismatches ?? 0);
      add(
        'outcomes',
        weights.outcomes,
        outcomesScore(mismatches),
        !worded ? '' : mismatches ? R.mismatches(mismatches) : R.noMismatch,
      );
      return parts;
    }

    for (const c of candidates) c.score = candidateScore(partsOf(c, false));
    // Best score first, then by name. Scores are whole numbers and tie often: names are compared only among the
    // candidates that can make the list (score at least the limit-th best), the same list a full sort would give.
    const byScore = [...candidates].sort((a, b) => b.score - a.score);
    const cut = byScore[Math.min(options.limit, byScore.length) - 1]?.score ?? 0;
    const best = candidates
      .filter((c) => c.score >= cut)
      .sort((a, b) => b.score - a.score || collator.compare(a.name, b.name));
    return best.slice(0, options.limit).map((c): Candidate => {
      const { row } = c;
      const levelText =
        row.level_min === row.level_max
          ? R.levelsOne(levels[row.level_min] ?? '')
          : R.levelsRange(levels[row.level_min] ?? '', levels[row.level_max] ?? '');
      return {
        teacherId: row.teacher_id,
        name: c.name,
        score: c.score,
        distanceKm: c.distance === null ? null : Math.round(c.distance * 10) / 10,
        fit: R.fit(instrumentName(file.instrument, options.locale), levelText, row.age_min, row.age_max),
        parts: partsOf(c, true),
      };
    });
  }

  /**
   * "Why nobody (or not them)": every teacher of the base counted under the first hard filter they fail for this
   * file (HARD_FILTERS' order), how many more a wider distance or online lessons would bring, and, when asked, the
   * filter one teacher fails. The same rules as `rank`, over every teacher of the instrument.
   */
  async function exclusions(
    tx: Tx,
    file: MatchingFile,
    settings: Record<string, unknown>,
    options: SearchOptions & { includePrevious: boolean; teacherId?: string | null },
  ): Promise<MatchingExclusions> {
    const ctx = contextOf(file, settings, options);
    const { rows, teachers } = await findTeachersOfInstrument(tx, {
      instrument: file.instrument,
      newSince: ctx.newSince,
      zones: ctx.zoneCodes,
    });
    const removed = new Map<HardFilter, number>(HARD_FILTERS.map((f) => [f, 0]));
    removed.set('instrument', Math.max(0, teachers - new Set(rows.map((r) => r.teacher_id)).size));
    const widerBy = [10, 25, 50];
    const wider = widerBy.map(() => 0);
    let online = 0;
    let proposed = 0;
    let teacher: MatchingExclusions['teacher'] = options.teacherId
      ? { teacherId: options.teacherId, filter: 'instrument' }
      : null;
    for (const row of rows) {
      const week = parseWindows(row.availability);
      const overlap = ctx.slots.length && week.length ? overlappingSlots(ctx.slots, week, file.lesson_minutes) : 0;
      const distance = ctx.distanceTo(row);
      const base = {
        status: row.status,
        levelMin: row.level_min,
        levelMax: row.level_max,
        ageMin: row.age_min,
        ageMax: row.age_max,
        capacity: row.capacity_new_students,
        openNew: Number(row.open_new ?? 0),
        commonSlot: hasCommonSlot(overlap, ctx.slots.length, week.length),
        previous: !options.includePrevious && ctx.previous.has(row.teacher_id),
      };
      const failed = firstFailedFilter(
        {
          ...base,
          teachesHere: Number(row[ctx.teaches] ?? 0) === 1,
          withinReach: isWithinReach(ctx.inPerson, distance, ctx.reachOf(row.max_travel_km), Number(row.in_zone) === 1),
        },
        { level: file.level, age: ctx.age },
      );
      if (failed) removed.set(failed, (removed.get(failed) ?? 0) + 1);
      else proposed += 1;
      if (teacher && row.teacher_id === options.teacherId) teacher = { teacherId: row.teacher_id, filter: failed };
      if (failed === 'distance' && distance !== null)
        widerBy.forEach((extra, i) => {
          if (distance <= ctx.reachOf(row.max_travel_km) + extra) wider[i] = (wider[i] ?? 0) + 1;
        });
      if (
        ctx.inPerson &&
        !firstFailedFilter(
          { ...base, teachesHere: Number(row.teaches_online ?? 0) === 1, withinReach: true },
          { level: file.level, age: ctx.age },
        )
      )
        online += 1;
    }
    return {
      teachers,
      proposed,
      removed: HARD_FILTERS.map((filter) => ({ filter, count: removed.get(filter) ?? 0 })),
      widen: {
        distance: ctx.inPerson ? widerBy.map((km, i) => ({ km, teachers: wider[i] ?? 0 })) : [],
        online: ctx.inPerson ? online : null,
      },
      teacher,
    };
  }

  /** The file for a search, with the settings, after the caller's access to it was checked. */
  async function fileFor(actor: Actor, fileId: string) {
    requirePermission(actor, 'agency.match');
    // Independent reads: on PostgreSQL they go out together on two pooled connections.
    const [read, settings] = await Promise.all([findFileForMatching(db, fileId), readSettings(db)]);
    const { file } = await assertAccessToFile(db, actor, read);
    return { file, settings };
  }

  return {
    rank,
    async candidates(
      actor: Actor,
      fileId: string,
      options: SearchOptions & { includePrevious: boolean; limit: number; locale: Locale },
    ): Promise<Candidate[]> {
      const { file, settings } = await fileFor(actor, fileId);
      return rank(db, file, settings, options);
    },
    async exclusions(
      actor: Actor,
      fileId: string,
      options: SearchOptions & { includePrevious: boolean; teacherId?: string | null },
    ): Promise<MatchingExclusions> {
      const { file, settings } = await fileFor(actor, fileId);
      return exclusions(db, file, settings, options);
    },
    /**
     * The hand-over's re-check, inside its transaction: the hard filter the teacher fails now for this file under
     * the search the page showed (a former teacher may be chosen again), else the candidate with their reasons.
     */
    async recheck(
      tx: Tx,
      fileId: string,
      teacherId: string,
      options: SearchOptions & { locale: Locale },
    ): Promise<{ filter: HardFilter; candidate: null } | { filter: null; candidate: Candidate }> {
      const [file, settings] = [await findFileForMatching(tx, fileId), await readSettings(tx)];
      if (!file) throw notFound();
      const why = await exclusions(tx, file, settings, { ...options, includePrevious: true, teacherId });
      const filter = why.teacher ? why.teacher.filter : 'instrument';
      if (filter) return { filter, candidate: null };
      const [candidate] = await rank(tx, file, settings, {
        ...options,
        includePrevious: true,
        limit: 1,
        onlyTeacher: teacherId,
      });
      return candidate ? { filter: null, candidate } : { filter: 'distance', candidate: null };
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
