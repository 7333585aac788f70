import type { Candidate, Instrument, Locale } from '@contracts';
import type { Deps } from '../../../platform/deps.js';
import type { Tx } from '../../../db/database.js';
import type { Actor } from '../../../platform/actor.js';
import { requirePermission } from '../../../platform/access.js';
import { addDays, dateInZone } from '../../../platform/clock.js';
import { ORGANISATION_TIME_ZONE, readSettings } from '../../../platform/settings.js';
import { distanceKm, resolvePlace } from '../../../platform/places.js';
import {
  BUSY_TEACHER_LESSONS_PER_MONTH,
  DEFAULT_MAX_TRAVEL_KM,
  FEW_LESSONS_PER_MONTH,
  MATCHING_SEARCH_RADIUS_KM,
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
  parseWindows,
  type CandidateRow,
  type MatchingFile,
} from './matching.repository.js';
import {
  availabilityScore,
  boundingBox,
  candidateScore,
  distanceScore,
  hasRoomForNewStudent,
  isWithinReach,
  loadScore,
  outcomesScore,
  overlappingSlots,
  planeScales,
  stylesScore,
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
const instrumentName = (instrument: string, locale: Locale) =>
  locale === 'fr' ? (INSTRUMENT_FR[instrument as Instrument] ?? instrument) : instrument;
/** The same order as String.prototype.localeCompare without arguments, without building a collator per call. */
const collator = new Intl.Collator();
const km = (d: number, locale: Locale) => (locale === 'fr' ? d.toFixed(1).replace('.', ',') : d.toFixed(1));

const REASONS = {
  fr: {
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) =>
      `enseigne le ${instrument} ${levels}, de ${ageMin} à ${ageMax} ans`,
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
    fit: (instrument: string, levels: string, ageMin: number, ageMax: number) =>
      `teaches ${instrument} to ${levels} aged ${ageMin}–${ageMax}`,
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

/** A teacher who passed every filter, with what ranking adds. */
type Found = { row: CandidateRow; distance: number | null; score: number; name: string };

/**
 * Ranks teachers for a file. Hard filters (instrument, level, age, place, status, capacity, previous teachers)
 * run in SQL with a latitude/longitude box; the exact distance and the weighted soft scores run after. The
 * candidates come back in one statement with their counts and availability (matching.repository.ts).
 */
export function createMatchingService(deps: Deps) {
  const { db } = deps;

  async function rank(
    tx: Tx,
    file: MatchingFile,
    settings: Record<string, unknown>,
    options: { includePrevious: boolean; limit: number; locale: Locale },
  ): Promise<Candidate[]> {
    const today = dateInZone(deps.clock.now(), settingIn(settings, ORGANISATION_TIME_ZONE));
    const weights = settingIn(settings, MATCHING_WEIGHTS);
    const [radius, defaultTravel, windowDays, busy, few] = [
      MATCHING_SEARCH_RADIUS_KM,
      DEFAULT_MAX_TRAVEL_KM,
      NEW_STUDENT_WINDOW_DAYS,
      BUSY_TEACHER_LESSONS_PER_MONTH,
      FEW_LESSONS_PER_MONTH,
    ].map((setting) => Number(settingIn(settings, setting)));
    const age = ageOn(file.student_birth_date ?? null, today);
    const department = file.postal_code
      ? (resolvePlace({ postalCode: file.postal_code, city: file.city })?.department ?? null)
      : null;
    const origin =
      file.latitude !== null && file.longitude !== null ? { latitude: file.latitude, longitude: file.longitude } : null;
    const inPerson = file.place !== 'online';
    const slots = parseWindows(file.slot_windows);

    // In person: teachers near the family (a box, then their travel distance) or working in their zone (commune,
    // postal code or department), who are admitted beyond their distance. Online: distance does not matter.
    const zoneCodes = inPerson
      ? [
          ...(file.insee_code ? [['commune', file.insee_code] as const] : []),
          ...(file.postal_code ? [['postal_code', file.postal_code] as const] : []),
          ...(department ? [['department', department] as const] : []),
        ]
      : [];
    // Nowhere to measure from and no zone: nobody can be placed within reach.
    if (inPerson && !origin && !zoneCodes.length) return [];
    let box = inPerson && origin ? boundingBox(origin.latitude, origin.longitude, radius) : null;
    // No teacher reaches farther than the longest travel distance: a box that wide (with slack for the box's
    // flat-earth degrees) keeps every teacher within reach, and reads fewer rows when the radius is wider.
    const reach = Math.max(Number(file.longest_travel_km ?? 0), defaultTravel) * 1.01 + 0.5;
    if (box && origin && reach < radius && planeScales(origin.latitude, box))
      box = boundingBox(origin.latitude, origin.longitude, reach);
    const scales = box && origin ? planeScales(origin.latitude, box) : null;
    const rows = await findCandidates(tx, {
      engine: deps.engine,
      instrument: file.instrument,
      level: file.level,
      age,
      teaches:
        file.place === 'online' ? 'teaches_online' : file.place === 'school' ? 'teaches_at_school' : 'teaches_at_home',
      near: box && { ...box, reach: scales && origin && { ...origin, ...scales, defaultTravelKm: defaultTravel } },
      zones: zoneCodes.length ? zoneCodes : null,
      newSince: addDays(today, -windowDays),
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

    // Exact distance after the box; a zone match admits a teacher beyond their travel distance. Then room for one
    // more new student (active assignments started within the window stay under capacity), and previous teachers.
    const previous = new Set(file.previous_teachers ? file.previous_teachers.split(',') : []);
    const candidates: Found[] = [];
    for (const row of found) {
      const distance =
        origin && row.latitude !== null && row.longitude !== null
          ? distanceKm(origin, { latitude: row.latitude, longitude: row.longitude })
          : null;
      if (!isWithinReach(inPerson, distance, row.max_travel_km ?? defaultTravel, zoned.has(row.teacher_id))) continue;
      if (!hasRoomForNewStudent(row.capacity_new_students, Number(row.open_new ?? 0))) continue;
      if (!options.includePrevious && previous.has(row.teacher_id)) continue;
      candidates.push({ row, distance, score: 0, name: `${row.first_name ?? ''} ${row.last_name ?? ''}` });
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
    function partsOf({ row, distance }: Found, worded: boolean): Candidate['parts'] {
      const parts: Candidate['parts'] = [];
      const add = (key: string, weight: number, score: number, reason: string) =>
        parts.push({
          key,
          weight,
          score: Math.round(score * 100) / 100,
          points: Math.round(weight * score * 10) / 10,
          reason,
        });
      const travel = row.max_travel_km ?? defaultTravel;

      const distancePart = distanceScore(inPerson, distance, travel);
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
      else {
        const n = overlappingSlots(slots, parseWindows(row.availability), file.lesson_minutes);
        add(
          'availability',
          weights.availability,
          availabilityScore(n, slots.length),
          worded ? R.slots(n, slots.length) : '',
        );
      }

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

  return {
    rank,
    async candidates(
      actor: Actor,
      fileId: string,
      options: { includePrevious: boolean; limit: number; locale: Locale },
    ): Promise<Candidate[]> {
      requirePermission(actor, 'agency.match');
      // Independent reads: on PostgreSQL they go out together on two pooled connections.
      const [read, settings] = await Promise.all([findFileForMatching(db, fileId), readSettings(db)]);
      const { file } = await assertAccessToFile(db, actor, read);
      return rank(db, file, settings, options);
    },
  };
}
export type MatchingService = ReturnType<typeof createMatchingService>;
