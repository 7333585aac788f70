import { STAGE_OWNER, type FileStage, type OwnerService } from '@contracts';
import { daysBetween } from '../../platform/clock.js';
import { DomainError } from '../../platform/errors.js';

/** The service that owns a file at a stage (DOMAIN.md: "each stage has an owner"): the owner follows the stage. */
export function stageOwner(stage: FileStage): OwnerService {
  return STAGE_OWNER[stage];
}

/** An action on a file is allowed only at the stages it belongs to. */
export function canMoveStage(current: string, allowed: readonly FileStage[]): boolean {
  return allowed.includes(current as FileStage);
}

/** Refuses (409 WRONG_STAGE) an action on a file that is not at one of its stages. */
export function requireStage(file: { stage: string }, ...allowed: FileStage[]): void {
  if (!canMoveStage(file.stage, allowed)) throw new DomainError('WRONG_STAGE');
}

/** Per stage, the instant before which a file still in that stage is overdue ("each stage has … a clock"). */
export function overdueBefore(daysPerStage: Record<string, number>, now: Date): Record<string, string> {
  const at = now.getTime();
  return Object.fromEntries(
    Object.entries(daysPerStage).map(([stage, d]) => [stage, new Date(at - d * 86_400_000).toISOString()]),
  );
}

/** A file is overdue when it waited in its stage longer than the stage's delay; a closed file never is. */
export function isOverdue(stage: string, stageChangedAt: string, before: Record<string, string>): boolean {
  const limit = before[stage];
  return stage !== 'closed' && !!limit && stageChangedAt < limit;
}

/** Whole days a file has been in its stage (UTC calendar days, never negative). */
export function daysInStage(stageChangedAt: string, now: Date): number {
  return Math.max(0, daysBetween(stageChangedAt.slice(0, 10), now.toISOString().slice(0, 10)));
}

/**
 * "The assignment ends with a reason and the file goes back to recruitment for a new search": the stage a file
 * moves to when its assignment ends for a new search (owned by recruitment), or none when it just ends.
 */
export function stageAfterAssignmentEnds(newSearch: boolean): FileStage | null {
  return newSearch ? 'matching' : null;
}

/** The stages at which a file has a current assignment that may end. */
export const ASSIGNED_STAGES = [
  'contact_handed_over',
  'first_lesson_scheduled',
  'ongoing',
] as const satisfies readonly FileStage[];
