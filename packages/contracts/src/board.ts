import { z } from 'zod';
import { Id, IsoDate, longText, shortText } from './common.js';
import { Discipline } from './schools.js';

/**
 * The board's register of decisions (DOMAIN.md: "The board decides by recorded votes (date, text,
 * for/against/abstentions, members present and represented): tariffs, closures and reopenings, deferrals; what it
 * sets links back to the decision") and the season tariffs a decision adopts.
 */

const count = z.number().int().min(0).max(10_000);
export const BoardVote = z.object({
  votesFor: count,
  votesAgainst: count,
  abstentions: count,
  /** Members at the meeting. */
  membersPresent: count,
  /** Members who gave a proxy to one present. */
  membersRepresented: count,
});
export type BoardVote = z.infer<typeof BoardVote>;

/** general: any decision; tariffs: adopts the season's tariffs; tariffs_unchanged: copies last season's. */
export const DECISION_KINDS = ['general', 'tariffs', 'tariffs_unchanged'] as const;
export const DecisionKind = z.enum(DECISION_KINDS);
export type DecisionKind = z.infer<typeof DecisionKind>;

/** The membership fee (adhésion) is due per family or per member. */
export const MEMBERSHIP_BASES = ['family', 'member'] as const;
export const MembershipBasis = z.enum(MEMBERSHIP_BASES);

const feeCents = z.number().int().min(0, { message: 'invalid_amount' }).max(10_000_000, { message: 'invalid_amount' });
const percent = z.number().int().min(0).max(100);

export const SeasonTariffsInput = z.object({
  /** Pro-rated by term for who joins during the season; never refunded. */
  membership: z.object({ basis: MembershipBasis, feeCents }),
  /** A season's fee per discipline and weekly lesson duration. */
  courseFees: z
    .array(z.object({ discipline: Discipline, durationMinutes: z.number().int().min(15).max(240), feeCents }))
    .min(1)
    .max(300),
  /** Percent off the course fees of the second child, the third… (the last applies to every later child). */
  familyDiscounts: z.array(percent).max(10).default([]),
  /** Percent off the course fees for families meeting a criterion the board sets. */
  solidarityRates: z
    .array(z.object({ criterion: shortText(200), percent }))
    .max(20)
    .default([]),
});
export type SeasonTariffsInput = z.infer<typeof SeasonTariffsInput>;

export const BoardDecisionInput = z.object({
  decidedOn: IsoDate,
  subject: shortText(200),
  text: longText(10_000),
  vote: BoardVote,
  kind: DecisionKind.default('general'),
  /** The season whose tariffs the decision sets (tariffs and tariffs_unchanged). */
  seasonId: Id.optional().nullable(),
  /** The tariffs adopted (kind tariffs). */
  tariffs: SeasonTariffsInput.optional().nullable(),
});

/** What a decision sets: the tariffs of a season, a closure or open day of the calendar, a payment deferral. */
export const DECISION_LINK_TYPES = ['tariffs', 'calendar_entry', 'payment_deferral'] as const;
export const DecisionLinkType = z.enum(DECISION_LINK_TYPES);
export const DecisionLinkBody = z.object({ type: z.enum(['calendar_entry', 'payment_deferral']), targetId: Id });
export const DecisionLink = z.object({ type: DecisionLinkType, targetId: Id, label: z.string() });

export const BoardDecision = z.object({
  id: Id,
  decidedOn: IsoDate,
  subject: z.string(),
  text: z.string(),
  kind: DecisionKind,
  vote: BoardVote,
  /** More votes for than against. */
  adopted: z.boolean(),
  seasonId: Id.nullable(),
  seasonName: z.string().nullable(),
  links: z.array(DecisionLink),
  recordedBy: z.string(),
  createdAt: z.string(),
});
export type BoardDecision = z.infer<typeof BoardDecision>;

export const SeasonTariffs = SeasonTariffsInput.extend({
  seasonId: Id,
  decisionId: Id,
  decidedOn: IsoDate,
  decisionSubject: z.string(),
  /** The season the tariffs were copied from ("tariffs unchanged"), or null. */
  copiedFromSeasonId: Id.nullable(),
});
export type SeasonTariffs = z.infer<typeof SeasonTariffs>;
export const SeasonTariffsReply = z.object({ tariffs: SeasonTariffs.nullable() });
