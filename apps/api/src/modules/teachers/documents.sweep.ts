import type { Deps } from '../../platform/deps.js';
import { registerSweep } from '../../platform/jobs.js';
import { createStorage, sweepOrphanFiles, type FileStorage } from '../../platform/storage.js';

/** Teacher documents are the only stored files: a stored key without its teacher_documents row is an orphan. */
export async function runStorageSweep(deps: Deps, storage: FileStorage = createStorage(deps.config)) {
  return sweepOrphanFiles(storage, deps.clock.now(), async (keys) => {
    const documents = deps.db.selectFrom('teacher_documents').select('storage_key');
    const rows = await documents.where('storage_key', 'in', keys).execute();
    return new Set(rows.map((r) => r.storage_key));
  });
}

registerSweep({ name: 'storage.orphans', run: (deps) => runStorageSweep(deps) });
