import {
  DISCIPLINE_LABELS,
  type Discipline,
  type Locale,
  type OpeningHours,
  type ReportFigures,
  type SeasonReport,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { notFound } from '../../platform/errors.js';
import { csvDocument, type CsvCell } from '../../platform/csv.js';
import { organisationToday } from '../../platform/settings.js';
import { networkReport, schoolReport, type ReportCourse, type ReportSchool } from './reports.rules.js';
import * as courses from './courses.repository.js';
import * as enrolment from './enrolment-reports.repository.js';
import { findSeason, listSchools, roomsOf } from './schools.repository.js';
import type { SchoolsService } from './schools.service.js';
import type { SeasonsService } from './seasons.service.js';

/** The figures a CSV line shows: a discipline's (course figures only) or a school's and the network's (all). */
type Figures = Omit<ReportFigures['byDiscipline'][number], 'discipline'> & Partial<Omit<ReportFigures, 'byDiscipline'>>;

/**
 * The CSV's columns after the scope and the discipline, in order, with their heading in each language. A school's
 * or the network's line fills them all; a discipline's line the course and place figures only.
 */
const CSV_COLUMNS: { fr: string; en: string; value: (f: Figures, decimal: (n: number) => string) => CsvCell }[] = [
  { fr: 'Cours', en: 'Courses', value: (f) => f.courses },
  { fr: 'Individuels', en: 'Individual', value: (f) => f.individual },
  { fr: 'Collectifs', en: 'Group', value: (f) => f.group },
  { fr: 'Suspendus', en: 'Suspended', value: (f) => f.suspended ?? null },
  { fr: 'Heures par semaine', en: 'Hours a week', value: (f, decimal) => decimal(f.weeklyMinutes / 60) },
  { fr: 'Places offertes', en: 'Seats offered', value: (f) => f.seats },
  { fr: 'Séances prévues', en: 'Lessons planned', value: (f) => f.lessons },
  { fr: 'Séances à ce jour', en: 'Lessons to date', value: (f) => f.lessonsToDate ?? null },
  { fr: 'Périodes à distance', en: 'Distance periods', value: (f) => f.distancePeriods ?? null },
  { fr: 'Séances à distance', en: 'Lessons at distance', value: (f) => f.distanceLessons ?? null },
  { fr: 'Professeurs', en: 'Teachers', value: (f) => f.teachers ?? null },
  { fr: 'Salles', en: 'Rooms', value: (f) => f.rooms ?? null },
  {
    fr: 'Heures réservées par semaine',
    en: 'Booked hours a week',
    value: (f, decimal) => (f.bookedMinutes == null ? null : decimal(f.bookedMinutes / 60)),
  },
  {
    fr: 'Heures d’ouverture des salles',
    en: 'Rooms’ opening hours',
    value: (f, decimal) => (f.openMinutes == null ? null : decimal(f.openMinutes / 60)),
  },
  { fr: 'Occupation (%)', en: 'Occupancy (%)', value: (f) => f.occupancyPercent ?? null },
  { fr: 'Élèves inscrits', en: 'Students enrolled', value: (f) => f.students ?? null },
  { fr: 'Places confirmées', en: 'Confirmed places', value: (f) => f.enrolled },
  { fr: 'Places gardées (réinscription)', en: 'Seats held (re-enrolment)', value: (f) => f.held },
  { fr: 'Offres en cours', en: 'Open offers', value: (f) => f.offers },
  { fr: 'En liste d’attente', en: 'On waiting lists', value: (f) => f.waiting },
  { fr: 'Places libres', en: 'Free seats', value: (f) => f.seatsFree },
  { fr: 'Cours complets', en: 'Full courses', value: (f) => f.fullCourses },
  { fr: 'Dossiers de réinscription', en: 'Re-enrolment packs', value: (f) => f.reenrolment?.packs ?? null },
  { fr: 'Réinscrits', en: 'Re-enrolled', value: (f) => f.reenrolment?.confirmed ?? null },
  { fr: 'Sans réponse', en: 'Not answered', value: (f) => f.reenrolment?.notAnswered ?? null },
  { fr: 'Taux de réinscription (%)', en: 'Re-enrolment rate (%)', value: (f) => f.reenrolment?.ratePercent ?? null },
];

const CSV_WORDS = {
  fr: { scope: 'École', discipline: 'Discipline', all: 'Toutes', network: 'Réseau' },
  en: { scope: 'School', discipline: 'Discipline', all: 'All', network: 'Network' },
};

/**
 * The season's reports of the school network, per school and for the whole network (reports.rules.ts), and their
 * CSV. The board and the director read the network; a secretariat member assigned to some schools reads their
 * rows only, without the network's.
 */
export function createReportsService(deps: Deps, schools: SchoolsService, seasons: SeasonsService) {
  const { db, clock } = deps;

  async function report(actor: Actor, seasonId: string): Promise<SeasonReport & { seasonName: string }> {
    requirePermission(actor, 'schools.reports');
    const season = await findSeason(db, seasonId);
    if (!season) throw notFound();
    const all = await listSchools(db);
    const visible = [];
    for (const school of all) if (await schools.mayChangeSchool(db, actor, school.id)) visible.push(school);
    const rooms = await roomsOf(
      db,
      visible.map((s) => s.id),
    );
    const reportSchools: ReportSchool[] = [];
    for (const school of visible) {
      const { calendar } = await seasons.calendarFor(db, school.id, seasonId);
      reportSchools.push({
        id: school.id,
        name: school.name,
        openingHours: JSON.parse(school.opening_hours) as OpeningHours[],
        rooms: rooms.filter((r) => r.school_id === school.id).map((r) => ({ id: r.id, name: r.name })),
        calendar,
      });
    }
    const periods = await courses.distancePeriodsOfSeason(db, seasonId);
    const { counts: places, students } = await enrolment.placesByCourse(db, seasonId);
    const answers = await enrolment.reenrolmentAnswersBySchool(db, seasonId);
    const reportCourses: ReportCourse[] = (await courses.listCourses(db, { seasonId })).map((c) => ({
      id: c.id,
      schoolId: c.school_id,
      discipline: c.discipline as Discipline,
      kind: c.kind as ReportCourse['kind'],
      teacherId: c.teacher_id,
      roomId: c.room_id,
      videoLink: c.video_link,
      weekday: c.weekday,
      durationMinutes: c.duration_minutes,
      capacity: c.capacity,
      status: c.status as ReportCourse['status'],
      distancePeriods: periods
        .filter((p) => p.course_id === c.id)
        .map((p) => ({ start: p.starts_on, end: p.ends_on, videoLink: p.video_link })),
      places: places.get(c.id) ?? { confirmed: 0, held: 0, offered: 0, waiting: 0 },
      confirmedStudents: students.get(c.id) ?? [],
    }));
    const today = await organisationToday(db, clock);
    const wholeNetwork = visible.length === all.length;
    const result = wholeNetwork
      ? networkReport(reportSchools, reportCourses, today, answers)
      : { schools: reportSchools.map((s) => schoolReport(s, reportCourses, today, answers)), network: null };
    return { ...result, seasonName: season.name };
  }

  return {
    report: async (actor: Actor, seasonId: string): Promise<SeasonReport> => {
      const { schools: rows, network } = await report(actor, seasonId);
      return { schools: rows, network };
    },

    /** The report as a CSV in the reader's language: a line per school and per discipline of it, then the network's. */
    async csv(actor: Actor, seasonId: string): Promise<{ fileName: string; content: string }> {
      const data = await report(actor, seasonId);
      const locale: Locale = actor.kind === 'user' ? actor.locale : 'fr';
      const words = CSV_WORDS[locale];
      const decimal = (n: number) => {
        const text = String(Math.round(n * 100) / 100);
        return locale === 'fr' ? text.replace('.', ',') : text;
      };
      const lines = (scope: string, figures: Figures & Pick<ReportFigures, 'byDiscipline'>): CsvCell[][] => [
        [scope, words.all, ...CSV_COLUMNS.map((c) => c.value(figures, decimal))],
        ...figures.byDiscipline.map((d) => [
          scope,
          DISCIPLINE_LABELS[locale][d.discipline],
          ...CSV_COLUMNS.map((c) => c.value(d, decimal)),
        ]),
      ];
      const rows: CsvCell[][] = [
        [words.scope, words.discipline, ...CSV_COLUMNS.map((c) => c[locale])],
        ...data.schools.flatMap((s) => lines(s.schoolName, s)),
        ...(data.network ? lines(words.network, data.network) : []),
      ];
      const fileName = `${locale === 'fr' ? 'rapport' : 'report'}-${data.seasonName}.csv`;
      return { fileName, content: csvDocument(rows, locale === 'fr' ? ';' : ',') };
    },
  };
}
export type ReportsService = ReturnType<typeof createReportsService>;
