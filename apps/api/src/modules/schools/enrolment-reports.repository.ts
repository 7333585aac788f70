import type { Tx } from '../../db/database.js';
import type { ReenrolmentAnswers } from './reports.rules.js';

/** The places in the season's courses. */
function placesOfSeason(db: Tx, seasonId: string) {
  return db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .where('c.season_id', '=', seasonId);
}

/** Places of the season's courses counted by course and status (one grouped query). */
export async function placesByCourse(db: Tx, seasonId: string) {
  const rows = await placesOfSeason(db, seasonId)
    .where('e.status', 'in', ['confirmed', 'held', 'offered', 'waiting'])
    .select(['e.course_id', 'e.status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['e.course_id', 'e.status'])
    .execute();
  const places = new Map<string, { confirmed: number; held: number; offered: number; waiting: number }>();
  for (const row of rows) {
    const line = places.get(row.course_id) ?? { confirmed: 0, held: 0, offered: 0, waiting: 0 };
    line[row.status as keyof typeof line] = Number(row.n);
    places.set(row.course_id, line);
  }
  return places;
}

/** The students of each course's confirmed places in the season. */
export async function confirmedStudentsByCourse(db: Tx, seasonId: string) {
  const rows = await placesOfSeason(db, seasonId)
    .where('e.status', '=', 'confirmed')
    .select(['e.course_id', 'e.student_id'])
    .execute();
  const students = new Map<string, string[]>();
  for (const row of rows) students.set(row.course_id, [...(students.get(row.course_id) ?? []), row.student_id]);
  return students;
}

/** Answers to the packs of the re-enrolment campaign into the season, per school. */
export async function reenrolmentAnswersBySchool(db: Tx, seasonId: string) {
  const rows = await db
    .selectFrom('reenrolment_packs as p')
    .innerJoin('reenrolment_campaigns as k', 'k.id', 'p.campaign_id')
    .where('k.to_season_id', '=', seasonId)
    .select(['p.school_id', 'p.answer', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy(['p.school_id', 'p.answer'])
    .execute();
  const answers = new Map<string, ReenrolmentAnswers>();
  for (const row of rows) {
    const line = answers.get(row.school_id) ?? { packs: 0, confirmed: 0, changed: 0, declined: 0 };
    line.packs += Number(row.n);
    if (row.answer === 'confirmed' || row.answer === 'changed' || row.answer === 'declined') {
      line[row.answer] += Number(row.n);
    }
    answers.set(row.school_id, line);
  }
  return answers;
}
