/**
 * What every ranking of teachers shares (the agency's matching, the schools' replacements): who may be proposed at
 * all, weekly windows in common, fairness towards teachers with little work, and a score made of weighted parts,
 * each with the reason shown beside it (contracts' `Candidate.parts`). The rules of each ranking stay in its module.
 */

/** "Never propose a suspended teacher": only teachers with this status are proposed or handed over. */
export const PROPOSABLE_TEACHER_STATUS = 'active';

/** A teacher may be proposed (and handed over, or given a replacement) only while active: never suspended or excluded. */
export function isProposable(teacher: { status: string } | undefined): boolean {
  return teacher?.status === PROPOSABLE_TEACHER_STATUS;
}

/** A weekly window: weekday 1 = Monday … 7 = Sunday, minutes from midnight. */
export type Window = { weekday: number; start: number; end: number };

/** How many of the asked slots fit in the teacher's week, for a lesson of this length. */
export function overlappingSlots(slots: Window[], availability: Window[], lessonMinutes: number): number {
  return slots.filter((slot) =>
    availability.some(
      (a) =>
        a.weekday === slot.weekday &&
        Math.min(slot.end, a.end) - Math.max(slot.start, a.start) >= Math.min(lessonMinutes, slot.end - slot.start),
    ),
  ).length;
}

/** Fairness: teachers with little work come first; 0 at `busy` and more. */
export function loadScore(work: number, busy: number): number {
  return Math.max(0, 1 - work / busy);
}

/** One part of a candidate's score: its weight, its score (0 to 1), the points it gives, and its reason. */
export type ScoredPart = { key: string; weight: number; score: number; points: number; reason: string };

/** A part as shown: the score to 0.01, the points to 0.1. */
export function scoredPart(key: string, weight: number, score: number, reason: string): ScoredPart {
  return { key, weight, score: Math.round(score * 100) / 100, points: Math.round(weight * score * 10) / 10, reason };
}

/** The rank: the weighted mean of the parts, out of 100. */
export function candidateScore(parts: readonly { weight: number; score: number }[]): number {
  const totalWeight = Math.max(
    1,
    parts.reduce((sum, p) => sum + p.weight, 0),
  );
  return Math.round((parts.reduce((sum, p) => sum + p.weight * p.score, 0) / totalWeight) * 100);
}
