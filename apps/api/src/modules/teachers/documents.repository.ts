import type { Kysely } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { DB, TeacherDocumentsTable } from '../../db/tables.js';

/** Every query of teacher documents (the rows; the bytes are in the file storage). */

export async function insertDocument(tx: Tx, row: TeacherDocumentsTable): Promise<void> {
  await tx.insertInto('teacher_documents').values(row).execute();
}

export async function documentById(tx: Tx, id: string): Promise<TeacherDocumentsTable | undefined> {
  return tx.selectFrom('teacher_documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A teacher's documents, latest first. */
export async function documentsOfTeacher(tx: Tx, teacherId: string): Promise<TeacherDocumentsTable[]> {
  return tx
    .selectFrom('teacher_documents')
    .selectAll()
    .where('teacher_id', '=', teacherId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** An application's documents, oldest first. */
export async function documentsOfApplication(tx: Tx, applicationId: string): Promise<TeacherDocumentsTable[]> {
  return tx
    .selectFrom('teacher_documents')
    .selectAll()
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
}

/** Deletes the row; false when it was already gone. */
export async function deleteDocument(tx: Tx, id: string): Promise<boolean> {
  const deleted = await tx.deleteFrom('teacher_documents').where('id', '=', id).executeTakeFirst();
  return Number(deleted.numDeletedRows) === 1;
}

/** Of these storage keys, those a document row still references. */
export async function referencedStorageKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string>> {
  const documents = db.selectFrom('teacher_documents').select('storage_key');
  const rows = await documents.where('storage_key', 'in', keys).execute();
  return new Set(rows.map((r) => r.storage_key));
}
