import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { DomainError } from '../../platform/errors.js';

export type Upload = { fields: Record<string, string>; file: { filename: string; buffer: Buffer } | null };

/** PDF and common images: what CVs, diplomas and ID scans come as. Decided by content, never by name. */
const ALLOWED = new Map([
  ['application/pdf', 'pdf'],
  ['image/jpeg', 'jpg'],
  ['image/png', 'png'],
  ['image/webp', 'webp'],
]);

/** A refused file, named on the form's file field (its status is the catalogue's). */
const fileError = (code: string) => new DomainError(code, { fields: [{ field: 'file', code }] });

/**
 * Reads a multipart request: its text fields and at most one file, held in memory up to maxBytes (the busboy
 * limit stops reading beyond it, so an oversized upload costs at most maxBytes of memory).
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart())
    throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'file', code: 'FILE_REQUIRED' }] });
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 200_000, parts: 25 },
    })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        file = { filename: part.filename || 'file', buffer };
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileError('FILE_TOO_LARGE');
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw new DomainError('VALIDATION_FAILED', { fields: [{ field: 'file', code: 'invalid_value' }] });
    throw error;
  }
  return { fields, file };
}

/** Refuses an empty file and anything whose bytes are not a PDF or an image, whatever its name says. */
export async function checkDocument(file: Upload['file']): Promise<{ contentType: string; extension: string }> {
  if (!file) throw fileError('FILE_REQUIRED');
  if (file.buffer.length === 0) throw fileError('FILE_EMPTY');
  const detected = await fileTypeFromBuffer(file.buffer);
  const extension = detected ? ALLOWED.get(detected.mime) : undefined;
  if (!detected || !extension) throw fileError('FILE_TYPE_NOT_ALLOWED');
  return { contentType: detected.mime, extension };
}

/** The extension of an accepted type (the detected one), or null for anything we would not accept today. */
export function extensionOf(contentType: string): string | null {
  return ALLOWED.get(contentType) ?? null;
}

/** A file name safe to show and to put in a Content-Disposition header. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .trim()
    .slice(0, 120);
  return cleaned || 'file';
}
