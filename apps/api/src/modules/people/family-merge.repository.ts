import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import { searchName } from '../../platform/search-text.js';
import { findFamily, peopleOfFamily, type FamilyRow, type PersonRow } from './people.repository.js';

/*
 * Merging one family into another (a request that turned out to come from a known family): every row that
 * points at the family moves, in one transaction. The list below is checked against the schema by a test, so a
 * new table with a family_id cannot be forgotten (the merge used to delete the family and hit a foreign key).
 */
export const FAMILY_REFERENCES = [
  { table: 'lesson_files', column: 'family_id' },
  { table: 'subscriptions', column: 'family_id' },
  { table: 'assignments', column: 'family_id' },
  { table: 'lessons', column: 'family_id' },
  { table: 'contact_log', column: 'family_id' },
  { table: 'tasks', column: 'family_id' },
  { table: 'tickets', column: 'family_id' },
  { table: 'teacher_incidents', column: 'family_id' },
  { table: 'invoices', column: 'family_id' },
  { table: 'payments', column: 'family_id' },
  { table: 'sepa_mandates', column: 'family_id' },
  { table: 'debits', column: 'family_id' },
  { table: 'batch_exclusions', column: 'family_id' },
  { table: 'tax_certificates', column: 'family_id' },
  { table: 'school_registrations', column: 'family_id' },
  { table: 'course_enrolments', column: 'family_id' },
  { table: 'reenrolment_packs', column: 'family_id' },
  { table: 'school_fee_plans', column: 'family_id' },
  { table: 'school_fee_items', column: 'family_id' },
  { table: 'family_solidarity_bands', column: 'family_id' },
  { table: 'cancellation_requests', column: 'family_id' },
] as const;
/** Handled on their own: members (some guardians are the same person) and the duplicate flag of other files. */
export const FAMILY_REFERENCES_HANDLED_APART = [
  { table: 'people', column: 'family_id' },
  { table: 'lesson_files', column: 'duplicate_family_id' },
  { table: 'school_registrations', column: 'duplicate_family_id' },
] as const;

export type FamilyMember = Pick<PersonRow, 'id' | 'kind' | 'first_name' | 'last_name' | 'email' | 'phone' | 'user_id'>;

/**
 * A newcomer guardian is the same person as a known guardian only when nothing would be lost by keeping one: same
 * name (accents and case aside), at least one contact in common, no contact detail of his own, and no login.
 * Anyone else (a parent who only shares the family phone, say) stays, as an additional guardian.
 */
export function sameGuardian(newcomer: FamilyMember, known: FamilyMember): boolean {
  if (newcomer.kind !== 'guardian' || known.kind !== 'guardian' || newcomer.user_id) return false;
  const name = (p: FamilyMember) => searchName(p.first_name, p.last_name);
  if (name(newcomer) !== name(known)) return false;
  if (!newcomer.email && !newcomer.phone) return false;
  return (!newcomer.email || newcomer.email === known.email) && (!newcomer.phone || newcomer.phone === known.phone);
}

export type MergeConflict = {
  code: 'MERGE_MANDATE_CONFLICT' | 'MERGE_CERTIFICATE_CONFLICT' | 'MERGE_SCHOOL_SEASON_CONFLICT';
  detail: string;
};

export type FamilyMergePlan = {
  from: FamilyRow;
  into: FamilyRow;
  intoMembers: FamilyMember[];
  /** The newcomers' guardians that are the same person as a known one (newcomer id → known person). */
  sameAs: Map<string, FamilyMember>;
  newcomers: FamilyMember[];
  /** Rows that move, per table (people: the members who join). */
  moves: Record<string, number>;
  conflicts: MergeConflict[];
};

/** What merging `fromId` into `intoId` would do, read in the caller's transaction; null when a family is missing. */
export async function planFamilyMerge(tx: Tx, fromId: string, intoId: string): Promise<FamilyMergePlan | null> {
  const [from, into] = await Promise.all([findFamily(tx, fromId), findFamily(tx, intoId)]);
  if (!from || !into) return null;
  const [newcomers, intoMembers] = await Promise.all([peopleOfFamily(tx, fromId), peopleOfFamily(tx, intoId)]);
  const sameAs = new Map<string, FamilyMember>();
  for (const person of newcomers) {
    const known = intoMembers.find((k) => sameGuardian(person, k));
    if (known) sameAs.set(person.id, known);
  }
  const moves: Record<string, number> = { people: newcomers.length - sameAs.size };
  for (const { table, column } of FAMILY_REFERENCES) {
    const where = sql`${sql.ref(column)} = ${fromId}`;
    const counted = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(tx);
    moves[table] = Number(counted.rows[0]?.n ?? 0);
  }
  const conflicts: MergeConflict[] = [];
  const activeMandates = await tx
    .selectFrom('sepa_mandates')
    .select(['family_id', 'rum'])
    .where('family_id', 'in', [fromId, intoId])
    .where('status', '=', 'active')
    .execute();
  // Two active mandates in one family: a debit could be drawn on the other payer's account.
  if (activeMandates.some((m) => m.family_id === fromId) && activeMandates.some((m) => m.family_id === intoId)) {
    conflicts.push({ code: 'MERGE_MANDATE_CONFLICT', detail: activeMandates.map((m) => m.rum).join(', ') });
  }
  const certificates = await tx
    .selectFrom('tax_certificates')
    .select(['family_id', 'year'])
    .where('family_id', 'in', [fromId, intoId])
    .execute();
  const years = certificates.filter((c) => c.family_id === fromId).map((c) => c.year);
  const both = [...new Set(years.filter((y) => certificates.some((c) => c.family_id === intoId && c.year === y)))];
  if (both.length) conflicts.push({ code: 'MERGE_CERTIFICATE_CONFLICT', detail: both.sort().join(', ') });
  // One payment plan and one solidarity rate per family and season: two of them for one season must be settled first.
  const seasonal = [
    ...(await tx
      .selectFrom('school_fee_plans')
      .select(['family_id', 'season_id'])
      .where('family_id', 'in', [fromId, intoId])
      .execute()),
    ...(await tx
      .selectFrom('family_solidarity_bands')
      .select(['family_id', 'season_id'])
      .where('family_id', 'in', [fromId, intoId])
      .execute()),
  ];
  const fromSeasons = new Set(seasonal.filter((r) => r.family_id === fromId).map((r) => r.season_id));
  const clash = [
    ...new Set(seasonal.filter((r) => r.family_id === intoId && fromSeasons.has(r.season_id)).map((r) => r.season_id)),
  ];
  if (clash.length) {
    const names = await tx.selectFrom('seasons').select('name').where('id', 'in', clash).orderBy('name').execute();
    conflicts.push({ code: 'MERGE_SCHOOL_SEASON_CONFLICT', detail: names.map((n) => n.name).join(', ') });
  }
  return { from, into, intoMembers, sameAs, newcomers, moves, conflicts };
}

/** Moves everything of `plan.from` to `plan.into`, deletes `plan.from`; the caller audits in the same transaction. */
export async function applyFamilyMerge(tx: Tx, plan: FamilyMergePlan, now: string): Promise<void> {
  const fromId = plan.from.id;
  const intoId = plan.into.id;
  for (const [copyId, known] of plan.sameAs) {
    // The copy's contact notes, e-mail links and history now belong to the guardian it duplicated.
    await tx.updateTable('contact_log').set({ person_id: known.id }).where('person_id', '=', copyId).execute();
    await tx.updateTable('access_links').set({ person_id: known.id }).where('person_id', '=', copyId).execute();
    const copyHistory = tx.updateTable('audit_log').set({ entity_id: known.id }).where('entity_type', '=', 'person');
    await copyHistory.where('entity_id', '=', copyId).execute();
    await tx.deleteFrom('people').where('id', '=', copyId).execute();
  }
  await tx.updateTable('people').set({ family_id: intoId, updated_at: now }).where('family_id', '=', fromId).execute();
  for (const { table, column } of FAMILY_REFERENCES) {
    const to = sql`${sql.ref(column)} = ${intoId}`;
    await sql`update ${sql.table(table)} set ${to} where ${sql.ref(column)} = ${fromId}`.execute(tx);
  }
  // Files flagged as possible duplicates of the merged family now point at the one it joined (or at nothing,
  // when they are that family's own files).
  const flaggedWithFrom = (value: string | null) =>
    tx.updateTable('lesson_files').set({ duplicate_family_id: value }).where('duplicate_family_id', '=', fromId);
  await flaggedWithFrom(null).where('family_id', '=', intoId).execute();
  await flaggedWithFrom(intoId).execute();
  const registrationsFlaggedWithFrom = (value: string | null) =>
    tx
      .updateTable('school_registrations')
      .set({ duplicate_family_id: value })
      .where('duplicate_family_id', '=', fromId);
  await registrationsFlaggedWithFrom(null).where('family_id', '=', intoId).execute();
  await registrationsFlaggedWithFrom(intoId).execute();
  // The family's history goes with it: the history of the family it joined tells both stories.
  const familyHistory = tx.updateTable('audit_log').set({ entity_id: intoId }).where('entity_type', '=', 'family');
  await familyHistory.where('entity_id', '=', fromId).execute();
  await tx.deleteFrom('families').where('id', '=', fromId).execute();
}
