import { z } from 'zod';
import { Id, IsoDate, longText, shortText } from './common.js';

/**
 * School fees and cancellations (issue 15, items 4 and 5): the family's payment plan, written cancellations of a
 * course place, the secretariat's special rules for a date range, a family's solidarity band and a school's policy.
 */

export const FEE_PLANS = ['once', 'three', 'ten'] as const;
export const FeePlanKind = z.enum(FEE_PLANS);
export const FEE_METHODS = ['cheque', 'transfer', 'sepa'] as const;
export const FeeMethod = z.enum(FEE_METHODS);

/** The family's one choice of payment plan for a season's fees. */
export const FeePlanBody = z.object({ plan: FeePlanKind, method: FeeMethod });

/** A family's written cancellation of one course place: why, and from which day. */
export const CancellationBody = z.object({ enrolmentId: Id, effectiveOn: IsoDate, reason: longText(2000) });

/** A school's special cancellation rule for a date range, with its own deadline. */
export const SpecialRuleBody = z.object({
  schoolId: Id,
  seasonId: Id,
  label: shortText(200),
  startsOn: IsoDate,
  endsOn: IsoDate,
  deadline: IsoDate,
});
export const SpecialRule = z.object({
  id: Id,
  schoolId: Id,
  seasonId: Id,
  label: z.string(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  deadline: IsoDate,
  notifiedCount: z.number().int(),
  createdAt: z.string(),
});

/** The solidarity criterion of the season's tariffs the family meets (null: none). */
export const SolidarityBandBody = z.object({ criterion: shortText(200).nullable() });

/** A school's fee policy: cancellation notice before a term, make-up credits for missed lessons (0: none). */
export const FeePolicyBody = z.object({
  cancellationNoticeDays: z.number().int().min(0).max(120),
  makeupCredits: z.number().int().min(0).max(50),
});
export const FeePolicy = FeePolicyBody.extend({ schoolId: Id });

export const FeeItem = z.object({
  id: Id,
  kind: z.enum(['membership', 'course']),
  label: z.string(),
  enrolmentId: Id.nullable(),
  invoiceId: Id,
  amountCents: z.number().int(),
  creditedCents: z.number().int(),
  termsBilled: z.number().int(),
});

export const FamilyPlace = z.object({
  enrolmentId: Id,
  courseId: Id,
  schoolId: Id,
  studentName: z.string(),
  course: z.string(),
  status: z.string(),
  startsOn: IsoDate.nullable(),
  cancelledOn: IsoDate.nullable(),
  cancelReason: z.string().nullable(),
  /** the next term deadline to cancel without owing that term (null: every deadline passed) */
  nextDeadline: IsoDate.nullable(),
  makeUpCredits: z.number().int(),
});

export const CancellationView = z.object({
  id: Id,
  enrolmentId: Id,
  receivedOn: IsoDate,
  effectiveOn: IsoDate,
  reason: z.string(),
  specialRuleId: Id.nullable(),
  owedCents: z.number().int(),
  creditCents: z.number().int(),
  creditNoteId: Id.nullable(),
  creditNoteNumber: z.string().nullable(),
});

/** A family's fees of a season: its places, what was billed, the payment plan, its cancellations. */
export const FamilyFees = z.object({
  familyId: Id,
  familyName: z.string(),
  seasonId: Id,
  plan: z.object({ plan: FeePlanKind, method: FeeMethod, firstDueOn: IsoDate }).nullable(),
  solidarityCriterion: z.string().nullable(),
  places: z.array(FamilyPlace),
  items: z.array(FeeItem),
  totalCents: z.number().int(),
  invoices: z.array(
    z.object({
      id: Id,
      number: z.string(),
      kind: z.string(),
      amountCents: z.number().int(),
      status: z.string(),
      instalments: z.array(
        z.object({ dueOn: IsoDate, amountCents: z.number().int(), method: z.string(), status: z.string() }),
      ),
    }),
  ),
  cancellations: z.array(CancellationView),
});
export type FamilyFees = z.infer<typeof FamilyFees>;
