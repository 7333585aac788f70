import type { Readable } from 'node:stream';
import type { TeacherDocument } from '@contracts';
import { DocumentCategory } from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { TeacherDocumentsTable } from '../../db/tables.js';
import type { FileStorage } from '../../platform/storage.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { assertDocumentsAccess } from './teacher-access.js';
import { SETTINGS } from './teachers.settings.js';
import { withExtension } from '../../platform/download.js';
import { checkDocument, cleanFileName, extensionOf, type Upload } from './upload.js';
import { teacherStatus } from './teachers.repository.js';
import * as repo from './documents.repository.js';

export function toDocument(row: TeacherDocumentsTable): TeacherDocument {
  return {
    id: row.id,
    category: row.category,
    originalName: row.original_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
  };
}

/**
 * Teacher documents (CV, diplomas, ID, certificates). The bytes go to the storage backend first, then the row
 * is written in a transaction; if that fails, the stored bytes are removed so nothing is left half-done.
 */
export function createTeacherDocumentsService(deps: Deps, storage: FileStorage) {
  const { db, clock } = deps;

  async function maxBytes(): Promise<number> {
    return SETTINGS.documentMaxBytes.read(db);
  }

  /** Checks the file by content and stores its bytes; returns the row to insert in the caller's transaction. */
  async function storeFile(
    actor: Actor,
    file: Upload['file'],
    owner: { teacherId?: string | null; applicationId?: string | null },
    category: string,
  ): Promise<TeacherDocumentsTable> {
    const checked = await checkDocument(file);
    if (!file) throw new DomainError('FILE_REQUIRED'); // checkDocument refused it already: for the type only
    const id = newId();
    const key = `${owner.teacherId ? 'teachers' : 'applications'}/${id}`;
    await storage.put(key, file.buffer, checked.contentType);
    return {
      id,
      teacher_id: owner.teacherId ?? null,
      application_id: owner.applicationId ?? null,
      category,
      // Never the name's own extension: `evil.html` holding a PDF is kept, and served, as `evil.pdf`.
      original_name: withExtension(cleanFileName(file.filename), checked.extension),
      content_type: checked.contentType,
      size_bytes: file.buffer.length,
      storage_key: key,
      uploaded_by: actorUserId(actor),
      created_at: clock.now().toISOString(),
    };
  }

  /** Inserts the row (and its audit) in a transaction, or removes the stored bytes when that fails. */
  async function insertOrDiscard<T>(row: TeacherDocumentsTable, work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      await storage.delete(row.storage_key).catch(() => undefined);
      throw error;
    }
  }

  async function insertRow(tx: Tx, actor: Actor, row: TeacherDocumentsTable): Promise<void> {
    await repo.insertDocument(tx, row);
    await recordAudit(tx, clock, actor, {
      entityType: row.teacher_id ? 'teacher' : 'teacher-application',
      entityId: row.teacher_id ?? row.application_id ?? row.id,
      action: 'document-added',
      summary: `${row.category}: ${row.original_name}`,
    });
  }

  return {
    maxBytes,
    storeFile,
    insertOrDiscard,
    insertRow,

    async upload(actor: Actor, teacherId: string, upload: Upload): Promise<TeacherDocument> {
      assertDocumentsAccess(actor, teacherId);
      const teacher = await teacherStatus(db, teacherId);
      if (!teacher) throw notFound();
      const category = DocumentCategory.safeParse(upload.fields.category ?? 'other');
      if (!category.success)
        throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'category', code: 'invalid_value' }] });
      const row = await storeFile(actor, upload.file, { teacherId }, category.data);
      await insertOrDiscard(row, (tx) => insertRow(tx, actor, row));
      return toDocument(row);
    },

    async list(actor: Actor, teacherId: string): Promise<TeacherDocument[]> {
      assertDocumentsAccess(actor, teacherId);
      const rows = await repo.documentsOfTeacher(db, teacherId);
      return rows.map(toDocument);
    },

    async listForApplication(tx: Tx, applicationId: string): Promise<TeacherDocument[]> {
      const rows = await repo.documentsOfApplication(tx, applicationId);
      return rows.map(toDocument);
    },

    /** The bytes of one document, for those allowed only: the teacher themself or staff who onboard teachers. */
    async open(
      actor: Actor,
      documentId: string,
    ): Promise<{ stream: Readable; contentType: string; fileName: string; sizeBytes: number }> {
      const row = await repo.documentById(db, documentId);
      if (!row) throw notFound();
      assertDocumentsAccess(actor, row.teacher_id);
      const stream = await storage.getStream(row.storage_key);
      // The type detected at upload, and a name that says the same (rows from before names were corrected too).
      const extension = extensionOf(row.content_type);
      const contentType = extension ? row.content_type : 'application/octet-stream';
      const fileName = withExtension(row.original_name, extension ?? 'bin');
      return { stream, contentType, fileName, sizeBytes: row.size_bytes };
    },

    async remove(actor: Actor, documentId: string): Promise<void> {
      const row = await repo.documentById(db, documentId);
      if (!row) throw notFound();
      assertDocumentsAccess(actor, row.teacher_id);
      await db.transaction().execute(async (tx) => {
        if (!(await repo.deleteDocument(tx, documentId))) throw notFound();
        await recordAudit(tx, clock, actor, {
          entityType: row.teacher_id ? 'teacher' : 'teacher-application',
          entityId: row.teacher_id ?? row.application_id ?? row.id,
          action: 'document-removed',
          before: { ...row },
          summary: `${row.category}: ${row.original_name}`,
        });
      });
      // Bytes go after the row: a failure here leaves an orphan file, never a row without its file.
      await storage.delete(row.storage_key).catch(() => undefined);
    },
  };
}
export type TeacherDocumentsService = ReturnType<typeof createTeacherDocumentsService>;
