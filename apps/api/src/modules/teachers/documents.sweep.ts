import type { Deps } from '../../platform/deps.js';
import type { Sweep } from '../../platform/jobs.js';
import { createStorage, sweepOrphanFiles, type FileStorage } from '../../platform/storage.js';
import { referencedStorageKeys } from './documents.repository.js';

/** Teacher documents are the only stored files: a stored key without its teacher_documents row is an orphan. */
export async function runStorageSweep(deps: Deps, storage: FileStorage = createStorage(deps.config)) {
  return sweepOrphanFiles(storage, deps.clock.now(), (keys) => referencedStorageKeys(deps.db, keys));
}

/** Removes what interrupted uploads leave in the storage (main.ts also runs it once at start-up). */
export const storageOrphansSweep: Sweep = { name: 'storage.orphans', run: (deps) => runStorageSweep(deps) };
