/**
 * Work over many rows in slices both engines accept: SQLite allows 32,766 bound values per statement and
 * PostgreSQL 65,535, so `in (…)` lists are cut at ID_CHUNK ids and multi-row inserts at INSERT_ROWS rows.
 */
export const ID_CHUNK = 500;
export const INSERT_ROWS = 200;
/**
 * Bound values one statement may carry on both engines (SQLite's 32,766 is the lower limit): a bulk write over a
 * whole batch takes as many rows a statement as fit, `rowsPerStatement(columns)`.
 */
export const MAX_PARAMETERS = 32_000;
export function rowsPerStatement(valuesPerRow: number): number {
  return Math.max(1, Math.floor(MAX_PARAMETERS / valuesPerRow));
}

/** The list cut in consecutive slices of `size`. */
export function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `work` on each slice in turn (never in parallel: one transaction holds one connection). */
export async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (slice: T[]) => Promise<unknown>,
): Promise<void> {
  for (const slice of slices(items, size)) await work(slice);
}

/** Reads by slices of ids and concatenates the rows. */
export async function readInBatches<T, R>(
  ids: readonly T[],
  read: (slice: T[]) => Promise<readonly R[]>,
  size = ID_CHUNK,
): Promise<R[]> {
  const rows: R[] = [];
  for (const slice of slices(ids, size)) rows.push(...(await read(slice)));
  return rows;
}
