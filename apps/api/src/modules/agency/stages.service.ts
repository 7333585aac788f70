import type { FileStage } from '@contracts';
import type { Tx } from '../../db/database.js';
import type { Deps } from '../../platform/deps.js';
import { actorName, actorUserId, type Actor } from '../../platform/actor.js';
import { stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { insertStageEvent, moveFileStage, type FileRow } from './files.repository.js';
import { stageOwner } from './stages.rules.js';

/** Moves a file to a stage (owner follows the stage), with optimistic locking, history and audit. */
export async function changeStage(
  deps: Pick<Deps, 'clock'>,
  tx: Tx,
  actor: Actor,
  file: FileRow,
  to: FileStage,
  reason: string,
  extra: Partial<FileRow> = {},
): Promise<FileRow> {
  const now = deps.clock.now().toISOString();
  const set = { ...extra, stage: to, owner_service: stageOwner(to), stage_changed_at: now, updated_at: now };
  if ((await moveFileStage(tx, file.id, file.version, set)) !== 1) throw stale();
  await insertStageEvent(tx, {
    id: newId(),
    file_id: file.id,
    from_stage: file.stage,
    to_stage: to,
    reason,
    at: now,
    actor_user_id: actorUserId(actor),
    actor_name: actorName(actor),
  });
  const after = { ...file, ...set, version: file.version + 1 };
  await recordAudit(tx, deps.clock, actor, {
    entityType: 'lesson_file',
    entityId: file.id,
    action: 'stage',
    before: file,
    after,
    summary: `${file.stage} → ${to}: ${reason}`,
  });
  return after;
}
