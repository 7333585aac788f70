import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
/** A random secret for links and cookies (URL-safe). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** Secrets are stored hashed: a leaked table gives no usable link or session. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
