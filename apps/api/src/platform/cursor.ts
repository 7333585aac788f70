import { sql, type SqlBool } from 'kysely';
import { textProblem } from '@contracts';

/** Keyset pagination cursors: the sort key of the last row, opaque to clients. */
export function encodeCursor(key: [string, string]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): [string, string] | undefined {
  if (!cursor) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    // A NUL or half a surrogate pair would reach the database (PostgreSQL refuses NUL in text): treat it as bad.
    const sound = (v: unknown) => typeof v === 'string' && textProblem(v) === null;
    if (Array.isArray(value) && value.length === 2 && value.every(sound)) return value as [string, string];
  } catch {
    // fall through: a bad cursor starts from the beginning rather than failing the page
  }
  return undefined;
}

/**
 * The rows after a keyset position (`>` ascending, `<` descending) as one row-value comparison, which SQLite and
 * PostgreSQL both answer as a range of the (first, second) index. The equivalent "first > x or (first = x and
 * second > y)" made SQLite walk the index from its start: 3.8 ms instead of 34 µs for a page deep in 100k teachers.
 */
export function keysetAfter(
  first: string,
  second: string,
  direction: '>' | '<',
  [firstValue, secondValue]: [string, string],
) {
  return sql<SqlBool>`(${sql.ref(first)}, ${sql.ref(second)}) ${sql.raw(direction)} (${firstValue}, ${secondValue})`;
}

/**
 * One page of a keyset list: the query fetched `limit + 1` rows; the extra row only says another page exists,
 * and the cursor is the sort key of the page's last row.
 */
export function keysetPage<R>(
  rows: readonly R[],
  limit: number,
  keyOf: (row: R) => [string, string],
): { page: R[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
