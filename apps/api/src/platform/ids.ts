import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();

let lastMillis = 0;
let sequence = 0;
/**
 * A time-ordered UUID (version 7, RFC 9562): 48 bits of milliseconds, then a counter within the millisecond (12
 * bits; past 4,096 ids the clock part borrows the next millisecond), then random bits. Rows written in bulk under
 * such ids land at the end of their primary-key index instead of at random pages: a collection batch's 50,000
 * debits and payments.
 */
export function newOrderedId(): string {
  const now = Date.now();
  if (now > lastMillis) {
    lastMillis = now;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMillis += 1;
    sequence = 0;
  }
  const time = lastMillis.toString(16).padStart(12, '0');
  // randomUUID gives the variant bits and the random tail (from "-8xxx-…" on).
  return `${time.slice(0, 8)}-${time.slice(8)}-7${sequence.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
}
/** A random secret for links and cookies (URL-safe). */
export const newSecret = (bytes = 32): string => randomBytes(bytes).toString('base64url');
/** Secrets are stored hashed: a leaked table gives no usable link or session. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
