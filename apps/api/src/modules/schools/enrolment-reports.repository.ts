import type { Tx } from '../../db/database.js';
import type { ReenrolmentAnswers } from './reports.rules.js';

type PlaceCounts = { confirmed: number; held: number; offered: number; waiting: number };

/**
 * The season's places read once: per course, the places counted by status (confirmed, held, offered, waiting) and
 * the students of its confirmed places.
 */
export async function placesByCourse(db: Tx, seasonId: string) {
  const rows = await db
    .selectFrom('course_enrolments as e')
    .innerJoin('courses as c', 'c.id', 'e.course_id')
    .where('c.season_id', '=', seasonId)
    .where('e.status', 'in', ['confirmed', 'held', 'offered', 'waiting'])
    .select(['e.course_id', 'e.status', 'e.student_id'])
    .execute();
  const counts = new Map<string, PlaceCounts>();
  const students = new Map<string, string[]>();
  for (const row of rows) {
    const line = counts.get(row.course_id) ?? { confirmed: 0, held: 0, offered: 0, waiting: 0 };
    line[row.status as keyof PlaceCounts] += 1;
    counts.set(row.course_id, line);
    if (row.status === 'confirmed')
      students.set(row.course_id, [...(students.get(row.course_id) ?? []), row.student_id]);
  }
  return { counts, students };
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
