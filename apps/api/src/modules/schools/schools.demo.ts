import type { Discipline, SeasonTariffsInput } from '@contracts';
import { admissionDemo, CURRENT_SEASON_FAMILIES, NEXT_SEASON_FAMILIES } from './admission.demo.js';
import type { Tx } from '../../db/database.js';
import type { DemoExtension } from '../../platform/demo.js';
import { newId } from '../../platform/ids.js';
import * as repo from './schools.repository.js';
import { insertCourse } from './courses.repository.js';
import { departementOf } from './calendar.rules.js';
import { insertDecision, insertLink, insertTariffs } from './board.repository.js';
import { enrolmentDemo, type DemoCourses } from './enrolment.demo.js';
import { distanceDemo } from './distance.demo.js';
import { replacementsDemo } from './replacements.demo.js';
import { teacherHoursDemo } from './teacher-hours.demo.js';

/**
 * The demo's school network (issue 14, item 8): two schools of zone C with rooms and opening hours, last season,
 * the current one (2026-2027) with its terms and zone C school holidays, and next season (2027-2028), about thirty
 * courses a season across the disciplines on a timetable without conflicts (next season's the same but one), and
 * the board's tariffs decisions. Enrolment under way is enrolment.demo.ts's (issue 15, item 7).
 */

/** Zone C school holidays of 2026-2027 (the official calendar: classes stop after `lastClassDay`, resume on `resumeOn`). */
export const ZONE_C_HOLIDAYS_2026_2027 = [
  { label: 'Vacances de la Toussaint', lastClassDay: '2026-10-17', resumeOn: '2026-11-02' },
  { label: 'Vacances de Noël', lastClassDay: '2026-12-19', resumeOn: '2027-01-04' },
  { label: 'Vacances d’hiver', lastClassDay: '2027-02-20', resumeOn: '2027-03-08' },
  { label: 'Vacances de printemps', lastClassDay: '2027-04-17', resumeOn: '2027-05-03' },
] as const;

const HOURS = [
  { weekday: 1, opens: '14:00', closes: '21:00' },
  { weekday: 2, opens: '14:00', closes: '21:00' },
  { weekday: 3, opens: '09:00', closes: '21:00' },
  { weekday: 4, opens: '14:00', closes: '21:00' },
  { weekday: 5, opens: '14:00', closes: '21:00' },
  { weekday: 6, opens: '09:00', closes: '20:00' },
];

type RoomKind = 'piano' | 'small' | 'drums' | 'class' | 'arts' | 'hall';
const SCHOOLS = [
  {
    name: 'École de musique du Centre',
    address: { line1: '12 rue des Lilas', line2: null, postalCode: '75011', city: 'Paris', country: 'FR' },
    phone: '+33143550000',
    email: 'centre@ecole.demo.example.org',
    rooms: [
      { kind: 'piano', name: 'Salle Debussy', capacity: 2, equipment: ['grand_piano'] },
      { kind: 'small', name: 'Salle Ravel', capacity: 3, equipment: ['music_stands'] },
      { kind: 'drums', name: 'Studio batterie', capacity: 3, equipment: ['drums', 'amplifiers'] },
      { kind: 'class', name: 'Salle Nadia Boulanger', capacity: 16, equipment: ['piano', 'projector'] },
      { kind: 'arts', name: 'Atelier', capacity: 14, equipment: ['easels', 'mirrors'] },
      { kind: 'hall', name: 'Auditorium', capacity: 40, equipment: ['stage', 'piano', 'music_stands'] },
    ],
  },
  {
    name: 'École de musique des Lilas',
    address: { line1: '3 avenue Pasteur', line2: null, postalCode: '93260', city: 'Les Lilas', country: 'FR' },
    phone: '+33148450000',
    email: 'lilas@ecole.demo.example.org',
    rooms: [
      { kind: 'piano', name: 'Studio 1', capacity: 2, equipment: ['piano'] },
      { kind: 'small', name: 'Studio 2', capacity: 3, equipment: ['music_stands'] },
      { kind: 'drums', name: 'Studio 3', capacity: 8, equipment: ['drums', 'amplifiers'] },
      { kind: 'class', name: 'Salle de formation musicale', capacity: 16, equipment: ['piano'] },
      { kind: 'arts', name: 'Salle polyvalente', capacity: 15, equipment: ['mirrors', 'easels'] },
      { kind: 'hall', name: 'Grande salle', capacity: 30, equipment: ['stage', 'sound_system'] },
    ],
  },
] as const;

type CourseSpec = [Discipline, 'individual' | 'group', string, number, number, RoomKind, number?, number?];
/** Fifteen courses per school: discipline, kind, level, minutes, places, room, ages. */
const COURSES: readonly CourseSpec[][] = [
  [
    ['piano', 'individual', 'Cycle 1', 30, 1, 'piano'],
    ['violin', 'individual', 'Cycle 2', 45, 1, 'small'],
    ['guitar', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['music_theory', 'group', 'FM 1', 60, 14, 'class', 7, 9],
    ['early_years_music', 'group', 'Éveil', 45, 10, 'arts', 4, 6],
    ['choir', 'group', 'Chœur d’enfants', 60, 30, 'hall', 8, 12],
    ['drums', 'individual', 'Cycle 1', 30, 1, 'drums'],
    ['flute', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['cello', 'individual', 'Cycle 2', 45, 1, 'small'],
    ['ensemble', 'group', 'Ensemble de jazz', 60, 12, 'class'],
    ['theatre', 'group', 'Ados', 60, 12, 'arts', 12, 16],
    ['visual_arts', 'group', 'Enfants', 60, 12, 'arts', 7, 11],
    ['saxophone', 'individual', 'Cycle 2', 30, 1, 'small'],
    ['music_theory', 'group', 'FM 2', 60, 14, 'class', 9, 11],
    ['orchestra', 'group', 'Orchestre d’harmonie', 60, 30, 'hall'],
  ],
  [
    ['piano', 'individual', 'Cycle 2', 45, 1, 'piano'],
    ['voice', 'individual', 'Adultes', 30, 1, 'small'],
    ['guitar', 'individual', 'Cycle 2', 45, 1, 'small'],
    ['music_theory', 'group', 'FM 1', 60, 14, 'class', 7, 9],
    ['early_years_music', 'group', 'Éveil', 45, 10, 'arts', 4, 6],
    ['choir', 'group', 'Chœur d’adultes', 60, 25, 'hall'],
    ['drums', 'individual', 'Cycle 2', 30, 1, 'drums'],
    ['clarinet', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['violin', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['ensemble', 'group', 'Musiques actuelles', 60, 8, 'drums'],
    ['theatre', 'group', 'Enfants', 60, 12, 'arts', 8, 11],
    ['visual_arts', 'group', 'Ados', 60, 12, 'arts', 12, 16],
    ['trumpet', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['accordion', 'individual', 'Cycle 1', 30, 1, 'small'],
    ['harp', 'individual', 'Cycle 1', 30, 1, 'piano'],
  ],
];
/** Course j of a school: day DAYS[j / 6], hour 14 + j % 6; teacher j % 6 of the school's six. */
const DAYS = [3, 6, 1];

const SEASONS = [
  {
    name: '2025-2026',
    start: '2025-09-01',
    end: '2026-07-04',
    terms: [
      ['1er trimestre', '2025-09-15', '2025-12-20'],
      ['2e trimestre', '2026-01-05', '2026-03-28'],
      ['3e trimestre', '2026-03-30', '2026-06-27'],
    ],
  },
  {
    name: '2026-2027',
    start: '2026-09-01',
    end: '2027-07-04',
    terms: [
      ['1er trimestre', '2026-09-14', '2026-12-19'],
      ['2e trimestre', '2027-01-04', '2027-03-27'],
      ['3e trimestre', '2027-03-29', '2027-06-26'],
    ],
  },
  {
    name: '2027-2028',
    start: '2027-09-01',
    end: '2028-07-01',
    terms: [
      ['1er trimestre', '2027-09-13', '2027-12-18'],
      ['2e trimestre', '2028-01-03', '2028-03-25'],
      ['3e trimestre', '2028-03-27', '2028-06-24'],
    ],
  },
] as const;
/** Next season's timetable is this one's but for one course that stops (school, course index): the jazz ensemble. */
const STOPS_NEXT_SEASON = [0, 9] as const;

const INDIVIDUAL = ['piano', 'violin', 'guitar', 'drums', 'flute', 'cello', 'saxophone', 'voice', 'clarinet'] as const;
const LAST_SEASON_TARIFFS: SeasonTariffsInput = {
  membership: { basis: 'family', feeCents: 3_000 },
  courseFees: [
    ...[...INDIVIDUAL, 'trumpet', 'accordion', 'harp'].flatMap((discipline) => [
      { discipline: discipline as Discipline, durationMinutes: 30, feeCents: 48_000 },
      { discipline: discipline as Discipline, durationMinutes: 45, feeCents: 66_000 },
    ]),
    { discipline: 'music_theory', durationMinutes: 60, feeCents: 19_000 },
    { discipline: 'early_years_music', durationMinutes: 45, feeCents: 15_000 },
    { discipline: 'choir', durationMinutes: 60, feeCents: 12_000 },
    { discipline: 'ensemble', durationMinutes: 60, feeCents: 15_000 },
    { discipline: 'orchestra', durationMinutes: 60, feeCents: 15_000 },
    { discipline: 'theatre', durationMinutes: 60, feeCents: 21_000 },
    { discipline: 'visual_arts', durationMinutes: 60, feeCents: 21_000 },
  ],
  familyDiscounts: [10, 20],
  solidarityRates: [{ criterion: 'Quotient familial CAF inférieur à 700 €', percent: 40 }],
};

export const schoolsDemo: DemoExtension = async (ctx) => {
  const { tx, deps, teacherIds } = ctx;
  const now = deps.clock.now().toISOString();
  const seasonIds: string[] = [];
  for (const season of SEASONS) {
    const id = newId();
    seasonIds.push(id);
    const dates = { starts_on: season.start, ends_on: season.end };
    await repo.insertSeason(tx, { id, name: season.name, ...dates, created_at: now, updated_at: now, version: 1 });
    await repo.replaceTerms(
      tx,
      id,
      season.terms.map(([name, start, end], position) => ({
        id: newId(),
        season_id: id,
        name,
        starts_on: start,
        ends_on: end,
        position,
      })),
    );
  }
  const [lastSeasonId, currentSeasonId, nextSeasonId] = seasonIds as [string, string, string];
  /** The current season's courses by school index and course index (a course without teacher is absent). */
  const courses: DemoCourses = new Map();
  await repo.insertCalendarEntries(
    tx,
    ZONE_C_HOLIDAYS_2026_2027.map((h) => ({
      id: newId(),
      season_id: currentSeasonId,
      kind: 'school_holiday',
      zone: 'C',
      school_id: null,
      starts_on: h.lastClassDay,
      ends_on: h.resumeOn,
      label: h.label,
      created_at: now,
    })),
  );

  const schoolIds: string[] = [];
  for (const [s, school] of SCHOOLS.entries()) {
    const schoolId = newId();
    schoolIds.push(schoolId);
    await repo.insertSchool(tx, {
      id: schoolId,
      name: school.name,
      address: JSON.stringify(school.address),
      postal_code: school.address.postalCode,
      departement: departementOf(school.address.postalCode),
      holiday_zone: 'C',
      phone: school.phone,
      email: school.email,
      opening_hours: JSON.stringify(HOURS),
      created_at: now,
      updated_at: now,
      version: 1,
    });
    const rooms = school.rooms.map((room, position) => ({
      id: newId(),
      school_id: schoolId,
      name: room.name,
      capacity: room.capacity,
      equipment: JSON.stringify(room.equipment),
      position,
    }));
    await repo.replaceRooms(tx, schoolId, rooms);
    const roomOf = (kind: RoomKind) => rooms[school.rooms.findIndex((r) => r.kind === kind)]!.id;
    // Each teacher works in one school (even index: the first, odd: the second), once a day, so that the timetable
    // has no double booking, no room booked twice and no travel between schools.
    for (const [j, [discipline, kind, level, minutes, capacity, room, ageMin, ageMax]] of COURSES[s]!.entries()) {
      const teacherId = teacherIds[s + 2 * (j % 6)];
      if (!teacherId) continue;
      for (const seasonId of [currentSeasonId, nextSeasonId]) {
        if (seasonId === nextSeasonId && STOPS_NEXT_SEASON[0] === s && STOPS_NEXT_SEASON[1] === j) continue;
        const id = newId();
        if (seasonId === currentSeasonId) courses.set(`${s}:${j}`, id);
        await insertCourse(tx, {
          id,
          season_id: seasonId,
          school_id: schoolId,
          discipline,
          kind,
          level,
          age_min: ageMin ?? null,
          age_max: ageMax ?? null,
          teacher_id: teacherId,
          room_id: roomOf(room),
          video_link: null,
          weekday: DAYS[Math.floor(j / 6)]!,
          start_time: `${14 + (j % 6)}:00`,
          duration_minutes: minutes,
          capacity,
          status: 'active',
          created_at: now,
          updated_at: now,
          version: 1,
        });
      }
    }
  }

  // Each season's tariffs, voted by the board: last season's in June 2025, carried over for the current season in
  // June 2026, and next season's (a small rise) a few weeks before its re-enrolment campaign.
  await voteTariffs(tx, now, lastSeasonId, '2025-2026', '2025-06-14', LAST_SEASON_TARIFFS, null);
  await voteTariffs(tx, now, currentSeasonId, '2026-2027', '2026-06-13', LAST_SEASON_TARIFFS, lastSeasonId);
  const today = now.slice(0, 10);
  const nextVotedOn = today < '2026-10-17' ? today : '2026-10-17';
  await voteTariffs(tx, now, nextSeasonId, '2027-2028', nextVotedOn, NEXT_SEASON_TARIFFS, null);
  // New families' administrative enrolments (admission.demo.ts), then enrolment under way (enrolment.demo.ts).
  await admissionDemo(ctx, schoolIds[0]!, nextSeasonId, NEXT_SEASON_FAMILIES, 30);
  const newFamilies = await admissionDemo(ctx, schoolIds[0]!, currentSeasonId, CURRENT_SEASON_FAMILIES, 110);
  await enrolmentDemo(ctx, { currentSeasonId, nextSeasonId, courses, newFamilies });
  await distanceDemo(ctx, courses);
  await replacementsDemo(ctx, currentSeasonId);
  await teacherHoursDemo(ctx, { currentSeasonId, courses });
};

const NEXT_SEASON_TARIFFS: SeasonTariffsInput = {
  ...LAST_SEASON_TARIFFS,
  membership: { basis: 'family', feeCents: 3_200 },
  courseFees: LAST_SEASON_TARIFFS.courseFees.map((fee) => ({ ...fee, feeCents: Math.round(fee.feeCents * 1.02) })),
};

/** A tariffs decision of the board for a season (copied from another season's when `copiedFrom` is given). */
async function voteTariffs(
  tx: Tx,
  now: string,
  seasonId: string,
  season: string,
  decidedOn: string,
  tariffs: SeasonTariffsInput,
  copiedFrom: string | null,
): Promise<void> {
  const decisionId = newId();
  await insertDecision(tx, {
    id: decisionId,
    decided_on: decidedOn,
    subject: copiedFrom ? `Tarifs ${season} inchangés` : `Tarifs de la saison ${season}`,
    body_text: copiedFrom
      ? `Le conseil d’administration reconduit pour la saison ${season} les tarifs de la saison précédente.`
      : `Le conseil d’administration adopte les tarifs de la saison ${season} : adhésion de ` +
        `${tariffs.membership.feeCents / 100} € par famille, tarifs des cours par discipline et durée, réductions ` +
        'familiales de 10 % (2e enfant) et 20 % (3e enfant et suivants), tarif solidaire de −40 % sous un ' +
        'quotient familial CAF de 700 €.',
    kind: copiedFrom ? 'tariffs_unchanged' : 'tariffs',
    votes_for: 11,
    votes_against: 1,
    abstentions: 1,
    members_present: 10,
    members_represented: 3,
    season_id: seasonId,
    recorded_by: 'Bernard Bureau',
    created_at: now,
  });
  await insertTariffs(tx, {
    decision_id: decisionId,
    season_id: seasonId,
    decided_on: decidedOn,
    copied_from_season_id: copiedFrom,
    membership_basis: tariffs.membership.basis,
    membership_fee_cents: tariffs.membership.feeCents,
    course_fees: JSON.stringify(tariffs.courseFees),
    family_discounts: JSON.stringify(tariffs.familyDiscounts),
    solidarity_rates: JSON.stringify(tariffs.solidarityRates),
    created_at: now,
  });
  await insertLink(tx, {
    decision_id: decisionId,
    target_type: 'tariffs',
    target_id: seasonId,
    label: season,
    created_at: now,
  });
}
