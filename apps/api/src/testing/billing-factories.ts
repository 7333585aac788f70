import type { Deps } from '../platform/deps.js';
import { newId } from '../platform/ids.js';
import { writeSetting } from '../platform/settings.js';
import { icsCheckDigits } from '../modules/billing/sepa-validation.js';
import { makeFamily, makeTeacher } from './factories.js';

/**
 * Billing test data: the agency loop creates subscriptions and sets billable_from at hand-over; billing tests
 * insert those rows directly with the shared columns so they do not depend on that workflow.
 */
export const VALID_IBANS = [
  'FR7630006000011234567890189',
  'DE89370400440532013000',
  'FR1420041010050500013M02606',
  'ES9121000418450200051332',
];
export const CREDITOR_IBAN = 'FR7630001007941234567890185';

export function makeIcs(national = '123456'): string {
  return `FR${icsCheckDigits('FR', national)}ZZZ${national}`;
}

export async function configureBilling(deps: Deps, options: { noticeDays?: number; holdAfterDays?: number } = {}) {
  const at = deps.clock.now().toISOString();
  await writeSetting(
    deps.db,
    'billing.creditor',
    {
      name: 'Musique à la maison',
      identifier: makeIcs(),
      iban: CREDITOR_IBAN,
      bic: 'BDFEFRPP',
      line1: '12 rue des Lilas',
      postalCode: '75011',
      city: 'Paris',
      country: 'FR',
    },
    at,
  );
  await writeSetting(
    deps.db,
    'billing.legalMentions',
    {
      address: '12 rue des Lilas, 75011 Paris',
      siret: '12345678901234',
      vatMention: 'TVA non applicable, art. 293 B du CGI',
      sapNumber: 'SAP123456789',
      sapDate: '2020-03-01',
    },
    at,
  );
  await writeSetting(
    deps.db,
    'billing.certificateSignatory',
    { name: 'Claire Dupont', title: 'directrice', place: 'Paris' },
    at,
  );
  if (options.noticeDays !== undefined)
    await writeSetting(deps.db, 'billing.preNotificationDays', options.noticeDays, at);
  if (options.holdAfterDays !== undefined)
    await writeSetting(deps.db, 'billing.holdAfterDaysWithoutLesson', options.holdAfterDays, at);
}

export async function makePlan(
  deps: Deps,
  options: { priceCents?: number; billingPeriod?: 'monthly' | 'termly' | 'yearly'; name?: string } = {},
) {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.db
    .insertInto('plans')
    .values({
      id,
      name: options.name ?? 'Piano 45 min hebdo',
      lesson_minutes: 45,
      frequency: 'weekly',
      lessons_per_season: 32,
      price_cents: options.priceCents ?? 12_000,
      billing_period: options.billingPeriod ?? 'monthly',
      active: 1,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

export type BillableFamily = {
  familyId: string;
  studentId: string;
  guardianEmail: string;
  teacherId: string;
  assignmentId: string;
  fileId: string;
  subscriptionId: string;
};

/** A family with one student, a teacher assigned, a file and a subscription whose billing clock starts at `billableFrom`. */
export async function makeBillableFamily(
  deps: Deps,
  options: {
    name?: string;
    billableFrom: string | null;
    planId: string;
    status?: 'pending' | 'active';
    firstDebitBy?: string | null;
    teacherId?: string;
    address?: boolean;
  },
): Promise<BillableFamily> {
  const family = await makeFamily(deps, { name: options.name ?? 'Martin' });
  const now = deps.clock.now().toISOString();
  await deps.db
    .updateTable('families')
    .set({
      billing_line1: '3 place de la Mairie',
      billing_postal_code: '69003',
      billing_city: 'Lyon',
      billing_country: 'FR',
    })
    .where('id', '=', family.id)
    .execute();
  const student = family.students[0];
  const guardian = family.guardians[0];
  if (!student || !guardian) throw new Error('factory family without members');
  const teacherId = options.teacherId ?? (await makeTeacher(deps)).id;
  const fileId = newId();
  await deps.db
    .insertInto('lesson_files')
    .values({
      id: fileId,
      family_id: family.id,
      student_id: student.id,
      stage: options.billableFrom ? 'contact_handed_over' : 'matching',
      stage_changed_at: now,
      owner_service: 'followup',
      source: 'phone',
      instrument: 'piano',
      level: 1,
      goals: null,
      place: 'home',
      address_line1: null,
      postal_code: null,
      city: null,
      insee_code: null,
      latitude: null,
      longitude: null,
      lesson_minutes: 45,
      frequency: 'weekly',
      teacher_wishes: null,
      styles: null,
      closed_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  const assignmentId = newId();
  await deps.db
    .insertInto('assignments')
    .values({
      id: assignmentId,
      student_id: student.id,
      teacher_id: teacherId,
      family_id: family.id,
      started_on: options.billableFrom ?? now.slice(0, 10),
      ended_on: null,
      end_reason: null,
      created_at: now,
      updated_at: now,
      version: 1,
      file_id: fileId,
      handed_over_at: options.billableFrom ? `${options.billableFrom}T09:00:00.000Z` : null,
      first_lesson_on: null,
      first_lesson_recorded_by: null,
      could_not_reach_at: null,
    })
    .execute();
  const subscriptionId = newId();
  await deps.db
    .insertInto('subscriptions')
    .values({
      id: subscriptionId,
      file_id: fileId,
      family_id: family.id,
      student_id: student.id,
      plan_id: options.planId,
      status: options.status ?? (options.billableFrom ? 'active' : 'pending'),
      subscribed_on: now.slice(0, 10),
      billable_from: options.billableFrom,
      first_debit_by: options.firstDebitBy ?? null,
      ended_on: null,
      on_hold: 0,
      hold_reason: null,
      hold_since: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return {
    familyId: family.id,
    studentId: student.id,
    guardianEmail: guardian.email ?? '',
    teacherId,
    assignmentId,
    fileId,
    subscriptionId,
  };
}

export async function makeLesson(
  deps: Deps,
  f: BillableFamily,
  options: {
    date: string;
    minutes?: number;
    place?: 'home' | 'school' | 'online';
    status?: string;
    familyResponse?: 'confirmed' | 'disputed' | null;
  },
) {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.db
    .insertInto('lessons')
    .values({
      id,
      assignment_id: f.assignmentId,
      file_id: f.fileId,
      teacher_id: f.teacherId,
      student_id: f.studentId,
      family_id: f.familyId,
      lesson_date: options.date,
      minutes: options.minutes ?? 45,
      status: options.status ?? 'done',
      place: options.place ?? 'home',
      family_response: options.familyResponse ?? null,
      dispute_reason: options.familyResponse === 'disputed' ? 'Le cours n’a pas eu lieu' : null,
      recorded_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}

/** A paper mandate inserted directly (the API path is tested separately). */
export async function makeMandate(
  deps: Deps,
  familyId: string,
  options: {
    iban?: string;
    shortNoticeDays?: number | null;
    type?: 'recurrent' | 'oneoff';
    signedOn?: string;
    lastUsedOn?: string | null;
    bic?: string | null;
  } = {},
) {
  const now = deps.clock.now().toISOString();
  const id = newId();
  await deps.db
    .insertInto('sepa_mandates')
    .values({
      id,
      family_id: familyId,
      rum: `RUM-${id.slice(0, 8).toUpperCase()}`,
      creditor_identifier: makeIcs(),
      type: options.type ?? 'recurrent',
      debtor_name: 'Claire Martin',
      debtor_line1: '3 place de la Mairie',
      debtor_line2: null,
      debtor_postal_code: '69003',
      debtor_city: 'Lyon',
      debtor_country: 'FR',
      iban: options.iban ?? VALID_IBANS[0] ?? '',
      bic: options.bic === undefined ? 'BNPAFRPP' : options.bic,
      signed_on: options.signedOn ?? now.slice(0, 10),
      signature_method: 'paper',
      signer_name: 'Claire Martin',
      signed_at: null,
      signed_ip: null,
      short_notice_days: options.shortNoticeDays ?? null,
      status: 'active',
      final_on_next: 0,
      last_used_on: options.lastUsedOn ?? null,
      ended_on: null,
      ended_reason: null,
      created_by: null,
      created_at: now,
      updated_at: now,
      version: 1,
    })
    .execute();
  return id;
}
