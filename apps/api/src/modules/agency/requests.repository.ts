import type { Insertable } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { FamiliesTable, FileSlotsTable, LessonFilesTable } from '../../db/tables.js';

/** The SQL of lesson requests. */

/** The oldest known person with one of these e-mails or phones, with a family: a request may duplicate it. */
export async function familyWithContact(tx: Tx, emails: string[], phones: string[]) {
  return tx
    .selectFrom('people')
    .select('family_id')
    .where('family_id', 'is not', null)
    .where((eb) =>
      eb.or([
        ...(emails.length ? [eb('email', 'in', emails)] : []),
        ...(phones.length ? [eb('phone', 'in', phones)] : []),
      ]),
    )
    .orderBy('created_at')
    .executeTakeFirst();
}

export async function insertFamily(tx: Tx, row: Insertable<FamiliesTable>): Promise<void> {
  await tx.insertInto('families').values(row).execute();
}

export async function insertFile(tx: Tx, row: Insertable<LessonFilesTable>): Promise<void> {
  await tx.insertInto('lesson_files').values(row).execute();
}

export async function insertSlots(tx: Tx, rows: Insertable<FileSlotsTable>[]): Promise<void> {
  await tx.insertInto('file_slots').values(rows).execute();
}

/**
 * Claims a flagged request for a merge: clears the flag when the file is still at the version the caller saw and
 * in its family (a second merge of the same request waits on this row, then finds it changed). 0 or 1 rows.
 */
export async function claimRequestForMerge(
  tx: Tx,
  file: { id: string; family_id: string; version: number },
  seenVersion: number,
  at: string,
): Promise<number> {
  const claimed = await tx
    .updateTable('lesson_files')
    .set({ duplicate_family_id: null, updated_at: at, version: file.version + 1 })
    .where('id', '=', file.id)
    .where('version', '=', seenVersion)
    .where('family_id', '=', file.family_id)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows);
}

export async function clearDuplicateFlag(tx: Tx, fileId: string): Promise<void> {
  await tx.updateTable('lesson_files').set({ duplicate_family_id: null }).where('id', '=', fileId).execute();
}
