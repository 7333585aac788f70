import type { z } from 'zod';
import type {
  CancellationBody,
  FamilyFees,
  FeePlanBody,
  FeePolicyBody,
  SeasonTariffs,
  SolidarityBandBody,
  SpecialRuleBody,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { BillingServices } from '../billing/billing.service.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, forbidden, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { closeTasks, createTask } from '../../platform/tasks.js';

/** The secretariat's task while a confirmed place's fees wait for the payer's name or billing address. */
const FEES_WAIT_FOR_PAYER = 'school-fees-payer';
import { courseFeeCents } from './board.rules.js';
import { currentTariffs } from './board.repository.js';
import { findSchool, findSeason, termsOf } from './schools.repository.js';
import type { SchoolsService } from './schools.service.js';
import {
  cancellationCreditCents,
  feeInstalments,
  firstFeeDueOn,
  makeUpCredits,
  membershipFeeCents,
  owedForTermsCents,
  owedUnderSpecialRuleCents,
  placeFees,
  planInstalmentsFrom,
  solidarityPercent,
  specialRuleCovers,
  termCancellationDeadline,
  termsOwedOnCancellation,
  type Deferral,
  type FeePlan,
  type Term,
} from './fees.rules.js';
import { termsDueFrom } from './board.rules.js';
import { specialRuleMail } from './fees.mail.js';
import * as repo from './fees.repository.js';

/** A direct debit's first instalment falls after the pre-notification delay (billing's default 14 days) and a day. */
const SEPA_LEAD_DAYS = 15;
/** Without a policy of its own, a school asks a cancellation 14 days before a term starts and grants no make-up. */
const DEFAULT_POLICY = { cancellationNoticeDays: 14, makeupCredits: 0 };

type Tariffs = Pick<SeasonTariffs, 'membership' | 'courseFees' | 'familyDiscounts' | 'solidarityRates'>;

function tariffsOf(row: NonNullable<Awaited<ReturnType<typeof currentTariffs>>>): Tariffs {
  return {
    membership: { basis: row.membership_basis as 'family' | 'member', feeCents: row.membership_fee_cents },
    courseFees: JSON.parse(row.course_fees) as Tariffs['courseFees'],
    familyDiscounts: JSON.parse(row.family_discounts) as number[],
    solidarityRates: JSON.parse(row.solidarity_rates) as Tariffs['solidarityRates'],
  };
}

const placeLabel = (p: { first_name: string; discipline: string; level: string }) =>
  `${p.first_name} — ${p.discipline}, ${p.level}`;

/**
 * School fees through billing (issue 15, item 4) and cancellations (item 5). Fees are billed with the billing
 * module's invoices (one per issue, instalments by the family's plan, SEPA through its batches and pre-notification);
 * a cancellation credits what is not owed with a billing credit note.
 */
export function createFeesService(deps: Deps, schools: SchoolsService, billing: BillingServices) {
  const { db, clock } = deps;

  async function seasonTerms(tx: Tx, seasonId: string): Promise<Term[]> {
    return (await termsOf(tx, [seasonId])).map((t) => ({ start: t.starts_on, end: t.ends_on }));
  }

  async function policyOf(tx: Tx, schoolId: string) {
    const row = await repo.findPolicy(tx, schoolId);
    return row
      ? { cancellationNoticeDays: row.cancellation_notice_days, makeupCredits: row.makeup_credits }
      : DEFAULT_POLICY;
  }

  async function deferrals(tx: Tx): Promise<Deferral[]> {
    return (await repo.paymentDeferrals(tx)).map((d) => ({
      fromDueOn: d.from_due_on,
      toDueOn: d.to_due_on,
      newDueOn: d.new_due_on,
    }));
  }

  /** Staff who manage fees, in a school of the family's season (a secretariat member: one they work for). */
  async function assertStaffReach(tx: Tx, actor: Actor, familyId: string, seasonId: string): Promise<void> {
    requirePermission(actor, 'fees.manage');
    const schoolIds = await repo.schoolsOfFamily(tx, familyId, seasonId);
    if (!schoolIds.length) throw notFound();
    for (const schoolId of schoolIds) if (await schools.mayChangeSchool(tx, actor, schoolId)) return;
    throw new DomainError('SCHOOL_OUT_OF_SCOPE');
  }

  /** A guardian's own family; anyone else is refused. */
  async function ownFamily(actor: Actor): Promise<string> {
    requirePermission(actor, 'fees.family');
    const familyId = await guardianFamilyId(db, actor);
    if (!familyId) throw forbidden();
    return familyId;
  }

  /**
   * Issues the season's fees of a family's confirmed places not billed yet, inside the caller's transaction: the
   * membership (once per family, or per member), each place's course fee from the board's tariffs (family discounts,
   * solidarity rate, pro-rated by term from the place's first day), as one billing invoice with its instalments
   * (the family's plan when chosen, else one transfer on the first due date). Idempotent: an item is issued once.
   */
  async function issueSeasonFees(tx: Tx, actor: Actor, familyId: string, seasonId: string) {
    const season = await findSeason(tx, seasonId);
    if (!season) throw notFound();
    // Two confirmations of one family at once (two children's packs) issue one after the other: each sees the
    // other's items, never a membership twice.
    await repo.lockFamily(tx, familyId);
    const tariffsRow = await currentTariffs(tx, seasonId);
    if (!tariffsRow) throw new DomainError('NO_SEASON_TARIFFS');
    const tariffs = tariffsOf(tariffsRow);
    const terms = await seasonTerms(tx, seasonId);
    const places = (await repo.placesOfFamily(tx, familyId, seasonId)).filter((p) => p.status === 'confirmed');
    const issued = new Set((await repo.itemsOf(tx, familyId, seasonId)).map((i) => i.item_key));
    const solidarity = solidarityPercent(tariffs.solidarityRates, await repo.solidarityBand(tx, familyId, seasonId));
    const startOf = (p: repo.PlaceRow) => p.starts_on ?? season.starts_on;
    const fees = placeFees(
      places.map((p) => ({
        key: `course:${p.id}`,
        studentId: p.student_id,
        feeCents: courseFeeCents(tariffs, p.discipline, p.duration_minutes) ?? 0,
        startsOn: startOf(p),
      })),
      terms,
      tariffs.familyDiscounts,
      solidarity,
    );
    type NewItem = {
      key: string;
      enrolmentId: string | null;
      kind: string;
      label: string;
      amount: number;
      first: number;
      terms: number;
    };
    const items: NewItem[] = [];
    // The membership: per family once, or per member (each student with a place), from the earliest first day.
    const members = new Map<string, repo.PlaceRow[]>();
    for (const p of places) members.set(p.student_id, [...(members.get(p.student_id) ?? []), p]);
    const units =
      tariffs.membership.basis === 'family'
        ? [{ key: `membership:family:${familyId}:${seasonId}`, label: `Adhésion ${season.name}`, places }]
        : [...members].map(([studentId, own]) => ({
            key: `membership:student:${studentId}:${seasonId}`,
            label: `Adhésion ${season.name} — ${own[0]?.first_name ?? ''}`,
            places: own,
          }));
    for (const unit of units) {
      if (!unit.places.length || issued.has(unit.key)) continue;
      const first = unit.places.map(startOf).sort()[0] as string;
      const amount = membershipFeeCents(tariffs.membership, 1, terms, first);
      const due = termsDueFrom(terms, first);
      if (amount > 0)
        items.push({
          key: unit.key,
          enrolmentId: null,
          kind: 'membership',
          label: unit.label,
          amount,
          first: terms.length - due + 1,
          terms: due,
        });
    }
    for (const p of places) {
      const key = `course:${p.id}`;
      const fee = fees.get(key);
      if (issued.has(key) || !fee || fee.amountCents <= 0) continue;
      items.push({
        key,
        enrolmentId: p.id,
        kind: 'course',
        label: `${placeLabel(p)} (${p.duration_minutes} min)`,
        amount: fee.amountCents,
        first: fee.firstTerm,
        terms: fee.termsBilled,
      });
    }
    if (!items.length) return null;
    const total = items.reduce((s, i) => s + i.amount, 0);
    const today = await organisationToday(tx, clock);
    const plan = await repo.findPlan(tx, familyId, seasonId);
    // After the family chose its plan, later fees follow the plan's dates still ahead (`planInstalmentsFrom`).
    const instalments = plan
      ? planInstalmentsFrom(
          total,
          plan.plan as FeePlan,
          plan.first_due_on,
          firstFeeDueOn(today, plan.first_due_on, plan.method === 'sepa' ? SEPA_LEAD_DAYS : 0),
        ).map((i) => ({ ...i, method: plan.method }))
      : [{ dueOn: firstFeeDueOn(today, season.starts_on, 0), amountCents: total, method: 'transfer' }];
    const invoice = await billing.invoices.issue(tx, actor, {
      familyId,
      subscriptionId: null,
      kind: 'invoice',
      periodStart: season.starts_on,
      periodEnd: season.ends_on,
      description: `Frais de la saison ${season.name}`,
      amountCents: total,
      lines: items.map((i) => ({
        description: i.label,
        quantity: 1,
        unit: 'period',
        unitPriceCents: i.amount,
        amountCents: i.amount,
        teacherName: null,
      })),
      instalments,
    });
    const now = clock.now().toISOString();
    await repo.insertItems(
      tx,
      items.map((i) => ({
        id: newId(),
        item_key: i.key,
        family_id: familyId,
        season_id: seasonId,
        invoice_id: invoice.id,
        enrolment_id: i.enrolmentId,
        kind: i.kind,
        label: i.label,
        amount_cents: i.amount,
        first_term: i.first,
        terms_billed: i.terms,
        created_at: now,
      })),
    );
    await closeTasks(tx, clock, { kind: FEES_WAIT_FOR_PAYER, familyId }, 'issued');
    await recordAudit(tx, clock, actor, {
      entityType: 'family',
      entityId: familyId,
      action: 'school-fees-issued',
      after: { invoice: invoice.number, amountCents: total, items: items.map((i) => i.label) },
      summary: `${invoice.number} ${total}`,
    });
    return invoice.id;
  }

  /**
   * "Enrolment issues the season's fees": a place just confirmed (a re-enrolment pack, a timetable choice, an
   * accepted offer) issues the family's fees in the confirmation's transaction. Before the board voted the season's
   * tariffs ("fees to be voted"), or while the family cannot be invoiced yet (payer's name or billing address
   * missing), the confirmation stands and the fees wait for the secretariat's "issue" (null). A payer not ready
   * gives the secretariat a task (once per family and season), closed when the fees are issued.
   */
  async function feesOnConfirmation(tx: Tx, actor: Actor, familyId: string, seasonId: string) {
    if (!(await currentTariffs(tx, seasonId))) return null;
    if (!(await billing.invoices.payerReady(tx, familyId))) {
      const [name, season] = [await repo.familyName(tx, familyId), await findSeason(tx, seasonId)];
      await createTask(tx, clock, {
        kind: FEES_WAIT_FOR_PAYER,
        service: 'secretariat',
        title: `Frais ${season?.name ?? ''} de la famille ${name ?? ''} : nom du payeur ou adresse de facturation à compléter`,
        details: 'Une place est confirmée ; les frais seront émis une fois la fiche famille complétée.',
        dueOn: await organisationToday(tx, clock),
        familyId,
        dedupeKey: `${FEES_WAIT_FOR_PAYER}:${familyId}:${seasonId}`,
      });
      return null;
    }
    return issueSeasonFees(tx, actor, familyId, seasonId);
  }

  /** The deadlines of the terms billed for a place (from its first billed term), the board's deferrals applied. */
  async function deadlinesOf(tx: Tx, schoolId: string, terms: readonly Term[], firstTerm: number) {
    const policy = await policyOf(tx, schoolId);
    const moved = await deferrals(tx);
    return terms.slice(firstTerm - 1).map((t) => termCancellationDeadline(t, policy.cancellationNoticeDays, moved));
  }

  async function view(familyId: string, seasonId: string): Promise<FamilyFees> {
    const [places, items, plan, criterion, cancellations, terms, name] = await Promise.all([
      repo.placesOfFamily(db, familyId, seasonId),
      repo.itemsOf(db, familyId, seasonId),
      repo.findPlan(db, familyId, seasonId),
      repo.solidarityBand(db, familyId, seasonId),
      repo.cancellationsOf(db, familyId, seasonId),
      seasonTerms(db, seasonId),
      repo.familyName(db, familyId),
    ]);
    const today = await organisationToday(db, clock);
    const invoiceIds = [...new Set(items.map((i) => i.invoice_id))];
    const billed = await repo.feeInvoices(db, invoiceIds);
    const placeViews = [];
    for (const p of places) {
      const item = items.find((i) => i.enrolment_id === p.id);
      const deadlines = await deadlinesOf(
        db,
        p.school_id,
        terms,
        item?.first_term ?? terms.length - termsDueFrom(terms, p.starts_on ?? '0000') + 1,
      );
      const policy = await policyOf(db, p.school_id);
      placeViews.push({
        enrolmentId: p.id,
        courseId: p.course_id,
        schoolId: p.school_id,
        studentName: `${p.first_name} ${p.last_name}`,
        course: `${p.discipline} — ${p.level} (${p.duration_minutes} min), ${p.school_name}`,
        status: p.status,
        startsOn: p.starts_on,
        cancelledOn: p.cancelled_on,
        cancelReason: p.cancel_reason,
        nextDeadline: deadlines.find((d) => d >= today) ?? null,
        makeUpCredits: p.status === 'confirmed' ? makeUpCredits(policy.makeupCredits) : 0,
      });
    }
    return {
      familyId,
      familyName: name ?? '',
      seasonId,
      plan: plan ? { plan: plan.plan as 'once', method: plan.method as 'sepa', firstDueOn: plan.first_due_on } : null,
      solidarityCriterion: criterion,
      places: placeViews,
      items: items.map((i) => ({
        id: i.id,
        kind: i.kind as 'course',
        label: i.label,
        enrolmentId: i.enrolment_id,
        invoiceId: i.invoice_id,
        amountCents: i.amount_cents,
        creditedCents: i.credited_cents,
        termsBilled: i.terms_billed,
      })),
      totalCents: items.reduce((s, i) => s + i.amount_cents - i.credited_cents, 0),
      invoices: billed.invoices.map((inv) => ({
        id: inv.id,
        number: inv.number,
        kind: inv.kind,
        amountCents: inv.amount_cents,
        status: inv.status,
        instalments: billed.instalments
          .filter((i) => i.invoice_id === inv.id)
          .map((i) => ({ dueOn: i.due_on, amountCents: i.amount_cents, method: i.method, status: i.status })),
      })),
      cancellations: cancellations.map((c) => ({
        id: c.id,
        enrolmentId: c.enrolment_id,
        receivedOn: c.received_on,
        effectiveOn: c.effective_on,
        reason: c.reason,
        specialRuleId: c.special_rule_id,
        owedCents: c.owed_cents,
        creditCents: c.credit_cents,
        creditNoteId: c.credit_note_id,
        creditNoteNumber: c.credit_note_number,
      })),
    };
  }

  async function mySeason(familyId: string, seasonId: string | undefined): Promise<string> {
    const id = seasonId ?? (await repo.latestSeasonOfFamily(db, familyId));
    if (!id) throw notFound();
    return id;
  }

  /** The family's one choice of payment plan: every open fees invoice of the season gets its instalments. */
  async function choosePlan(
    tx: Tx,
    actor: Actor,
    familyId: string,
    seasonId: string,
    body: z.infer<typeof FeePlanBody>,
  ) {
    const season = await findSeason(tx, seasonId);
    if (!season) throw notFound();
    if (await repo.findPlan(tx, familyId, seasonId)) throw new DomainError('FEE_PLAN_ALREADY_CHOSEN');
    const items = await repo.itemsOf(tx, familyId, seasonId);
    if (!items.length) throw new DomainError('NO_FEES_ISSUED');
    if (body.method === 'sepa' && !(await repo.hasActiveMandate(tx, familyId)))
      throw invalidField('method', 'SEPA_MANDATE_REQUIRED');
    const today = await organisationToday(tx, clock);
    const firstDueOn = firstFeeDueOn(today, season.starts_on, body.method === 'sepa' ? SEPA_LEAD_DAYS : 0);
    if (
      !(await repo.insertPlan(tx, {
        id: newId(),
        family_id: familyId,
        season_id: seasonId,
        plan: body.plan,
        method: body.method,
        first_due_on: firstDueOn,
        chosen_by: actorUserId(actor),
        chosen_at: clock.now().toISOString(),
      }))
    )
      throw new DomainError('FEE_PLAN_ALREADY_CHOSEN');
    const { invoices } = await repo.feeInvoices(tx, [...new Set(items.map((i) => i.invoice_id))]);
    for (const invoice of invoices.filter((i) => i.kind === 'invoice' && i.status === 'open'))
      await billing.invoices.replaceInstalmentsIn(tx, actor, invoice.id, (balance) =>
        feeInstalments(balance, body.plan, firstDueOn).map((i) => ({ ...i, method: body.method })),
      );
    await recordAudit(tx, clock, actor, {
      entityType: 'family',
      entityId: familyId,
      action: 'fee-plan-chosen',
      after: { plan: body.plan, method: body.method, firstDueOn },
      summary: `${body.plan} ${body.method}`,
    });
  }

  /**
   * A written cancellation of a confirmed place, received today: under a special rule covering today, lessons not
   * held are not owed; otherwise the terms whose deadline passed stay owed, and past the last deadline the request is
   * refused. What is not owed is credited by a billing credit note; the place is cancelled, its seat freed.
   */
  async function cancelPlace(tx: Tx, actor: Actor, familyId: string, body: z.infer<typeof CancellationBody>) {
    const place = await repo.findPlace(tx, body.enrolmentId);
    if (!place || place.family_id !== familyId) throw notFound();
    if (place.status !== 'confirmed') throw new DomainError('PLACE_NOT_CANCELLABLE');
    const season = await findSeason(tx, place.season_id);
    if (!season) throw notFound();
    const today = await organisationToday(tx, clock);
    const terms = await seasonTerms(tx, place.season_id);
    const item = (await repo.itemsOf(tx, familyId, place.season_id)).find((i) => i.enrolment_id === place.id);
    const firstTerm = item?.first_term ?? terms.length - termsDueFrom(terms, place.starts_on ?? season.starts_on) + 1;
    const rule = (await repo.specialRulesOf(tx, place.school_id, place.season_id))
      .map((r) => ({ ...r, startsOn: r.starts_on, endsOn: r.ends_on }))
      .filter((r) => specialRuleCovers(r, today))
      .sort((a, b) => b.deadline.localeCompare(a.deadline))[0];
    if (body.effectiveOn < (rule ? rule.starts_on : today)) throw invalidField('effectiveOn', 'EFFECTIVE_BEFORE_TODAY');
    const amount = item?.amount_cents ?? 0;
    let owed: number;
    if (rule) {
      const billedFrom = terms[firstTerm - 1]?.start ?? season.starts_on;
      const billedTo = terms[terms.length - 1]?.end ?? season.ends_on;
      owed = owedUnderSpecialRuleCents(amount, { from: billedFrom, to: billedTo }, rule, body.effectiveOn);
    } else {
      const owedTerms = termsOwedOnCancellation(await deadlinesOf(tx, place.school_id, terms, firstTerm), today);
      if (owedTerms === null) throw invalidField('effectiveOn', 'CANCELLATION_DEADLINE_PASSED');
      owed = owedForTermsCents(amount, item?.terms_billed ?? 0, owedTerms);
    }
    const credit = item ? cancellationCreditCents(amount, owed, item.credited_cents) : 0;
    const now = clock.now().toISOString();
    if (
      !(await repo.cancelPlace(tx, place.id, place.version, {
        cancelledOn: body.effectiveOn,
        reason: body.reason,
        now,
      }))
    )
      throw stale();
    let creditNoteId: string | null = null;
    if (item && credit > 0) {
      const note = await billing.invoices.creditNoteIn(tx, actor, item.invoice_id, {
        amountCents: credit,
        reason: `Annulation ${item.label}`.slice(0, 200),
      });
      creditNoteId = note.id;
      await repo.addCredited(tx, item.id, credit);
    }
    const row = {
      id: newId(),
      enrolment_id: place.id,
      family_id: familyId,
      school_id: place.school_id,
      received_on: today,
      effective_on: body.effectiveOn,
      reason: body.reason,
      special_rule_id: rule?.id ?? null,
      owed_cents: Math.min(owed, amount),
      credit_cents: credit,
      credit_note_id: creditNoteId,
      made_by: actorUserId(actor),
      created_at: now,
    };
    await repo.insertCancellation(tx, row);
    await recordAudit(tx, clock, actor, {
      entityType: 'family',
      entityId: familyId,
      action: 'place-cancelled',
      before: { status: place.status },
      after: { status: 'cancelled', cancelledOn: body.effectiveOn, reason: body.reason, creditCents: credit },
      summary: `${place.discipline} ${credit}`,
    });
  }

  return {
    issueSeasonFees,
    feesOnConfirmation,

    /** The secretariat's "issue the season's fees" for a family (its confirmed places not billed yet). */
    async issueFor(actor: Actor, familyId: string, seasonId: string): Promise<FamilyFees> {
      await db.transaction().execute(async (tx) => {
        await assertStaffReach(tx, actor, familyId, seasonId);
        await issueSeasonFees(tx, actor, familyId, seasonId);
      });
      return view(familyId, seasonId);
    },

    async familyFees(actor: Actor, familyId: string, seasonId: string): Promise<FamilyFees> {
      await assertStaffReach(db, actor, familyId, seasonId);
      return view(familyId, seasonId);
    },

    /** The secretariat sets the family's solidarity band (a criterion of the season's tariffs, or none). */
    async setSolidarity(
      actor: Actor,
      familyId: string,
      seasonId: string,
      body: z.infer<typeof SolidarityBandBody>,
    ): Promise<FamilyFees> {
      await db.transaction().execute(async (tx) => {
        await assertStaffReach(tx, actor, familyId, seasonId);
        const tariffs = await currentTariffs(tx, seasonId);
        if (!tariffs) throw new DomainError('NO_SEASON_TARIFFS');
        if (body.criterion && !tariffsOf(tariffs).solidarityRates.some((r) => r.criterion === body.criterion))
          throw invalidField('criterion', 'SOLIDARITY_CRITERION_UNKNOWN');
        const before = await repo.solidarityBand(tx, familyId, seasonId);
        await repo.setSolidarityBand(
          tx,
          {
            family_id: familyId,
            season_id: seasonId,
            criterion: body.criterion ?? '',
            set_by: actorUserId(actor),
            set_at: clock.now().toISOString(),
          },
          body.criterion,
        );
        await recordAudit(tx, clock, actor, {
          entityType: 'family',
          entityId: familyId,
          action: 'solidarity-band-set',
          before: { criterion: before },
          after: { criterion: body.criterion },
          summary: body.criterion ?? '—',
        });
      });
      return view(familyId, seasonId);
    },

    /** The family's fees of a season (its latest by default); null for a family without any place in a school. */
    async mine(actor: Actor, seasonId?: string): Promise<FamilyFees | null> {
      const familyId = await ownFamily(actor);
      if (!seasonId && !(await repo.latestSeasonOfFamily(db, familyId))) return null;
      return view(familyId, await mySeason(familyId, seasonId));
    },

    async choosePlan(actor: Actor, seasonId: string | undefined, body: z.infer<typeof FeePlanBody>) {
      const familyId = await ownFamily(actor);
      const season = await mySeason(familyId, seasonId);
      await db.transaction().execute((tx) => choosePlan(tx, actor, familyId, season, body));
      await deps.mailer.flush();
      return view(familyId, season);
    },

    async cancel(actor: Actor, body: z.infer<typeof CancellationBody>): Promise<FamilyFees> {
      const familyId = await ownFamily(actor);
      await db.transaction().execute((tx) => cancelPlace(tx, actor, familyId, body));
      const place = await repo.findPlace(db, body.enrolmentId);
      return view(familyId, place?.season_id ?? (await mySeason(familyId, undefined)));
    },

    async policy(actor: Actor, schoolId: string) {
      requirePermission(actor, 'fees.manage');
      if (!(await findSchool(db, schoolId))) throw notFound();
      return { schoolId, ...(await policyOf(db, schoolId)) };
    },

    async setPolicy(actor: Actor, schoolId: string, body: z.infer<typeof FeePolicyBody>) {
      requirePermission(actor, 'fees.manage');
      await db.transaction().execute(async (tx) => {
        if (!(await findSchool(tx, schoolId))) throw notFound();
        await schools.assertSchoolInScope(tx, actor, schoolId);
        const before = await policyOf(tx, schoolId);
        await repo.upsertPolicy(tx, {
          school_id: schoolId,
          cancellation_notice_days: body.cancellationNoticeDays,
          makeup_credits: body.makeupCredits,
          updated_at: clock.now().toISOString(),
          version: 1,
        });
        await recordAudit(tx, clock, actor, {
          entityType: 'school',
          entityId: schoolId,
          action: 'fee-policy-set',
          before,
          after: body,
          summary: `${body.cancellationNoticeDays} ${body.makeupCredits}`,
        });
      });
      return { schoolId, ...body };
    },

    async specialRules(actor: Actor, schoolId: string, seasonId: string) {
      requirePermission(actor, 'fees.manage');
      return (await repo.specialRulesOf(db, schoolId, seasonId)).map(toRule);
    },

    /**
     * A special rule for a date range with its own deadline, told by e-mail to each family with a confirmed place
     * at the school that season, exactly once (in the rule's own transaction).
     */
    async createSpecialRule(actor: Actor, body: z.infer<typeof SpecialRuleBody>) {
      requirePermission(actor, 'fees.manage');
      if (body.endsOn < body.startsOn || body.deadline < body.startsOn || body.deadline > body.endsOn)
        throw invalidField('deadline', 'SPECIAL_RULE_DATES');
      const row = await db.transaction().execute(async (tx) => {
        const school = await findSchool(tx, body.schoolId);
        if (!school || !(await findSeason(tx, body.seasonId))) throw notFound();
        await schools.assertSchoolInScope(tx, actor, body.schoolId);
        const rule = {
          id: newId(),
          school_id: body.schoolId,
          season_id: body.seasonId,
          label: body.label,
          starts_on: body.startsOn,
          ends_on: body.endsOn,
          deadline: body.deadline,
          created_by: actorUserId(actor),
          created_at: clock.now().toISOString(),
          notified_count: 0,
        };
        await repo.insertSpecialRule(tx, rule);
        const families = await repo.familiesWithPlaces(tx, body.schoolId, body.seasonId);
        await deps.mailer.enqueueMany(
          tx,
          families.map((f) => ({
            to: f.email as string,
            locale: f.locale === 'en' ? ('en' as const) : ('fr' as const),
            mail: specialRuleMail({
              name: f.first_name,
              school: school.name,
              label: body.label,
              startsOn: body.startsOn,
              endsOn: body.endsOn,
              deadline: body.deadline,
            }),
            related: { type: 'family', id: f.family_id },
          })),
        );
        await repo.setNotifiedCount(tx, rule.id, families.length);
        await recordAudit(tx, clock, actor, {
          entityType: 'school',
          entityId: body.schoolId,
          action: 'cancellation-rule-created',
          after: { ...body, notified: families.length },
          summary: `${body.startsOn} ${body.endsOn} ${body.deadline}`,
        });
        return { ...rule, notified_count: families.length };
      });
      await deps.mailer.flush();
      return toRule(row);
    },
  };
}

function toRule(r: repo.SpecialRuleRow) {
  return {
    id: r.id,
    schoolId: r.school_id,
    seasonId: r.season_id,
    label: r.label,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    deadline: r.deadline,
    notifiedCount: r.notified_count,
    createdAt: r.created_at,
  };
}

export type FeesService = ReturnType<typeof createFeesService>;
/** What a confirmation calls to issue the family's season fees (fees.service's `feesOnConfirmation`). */
export type FeesOnConfirmation = (tx: Tx, actor: Actor, familyId: string, seasonId: string) => Promise<unknown>;
/** For services built without the fees (sweeps, benchmarks): a confirmation they never make issues nothing. */
export const NO_FEES: FeesOnConfirmation = async () => null;
