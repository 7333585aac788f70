import type { z } from 'zod';
import type {
  BoardDecision,
  BoardDecisionInput,
  DecisionLinkBody,
  SeasonTariffs,
  SeasonTariffsInput,
} from '@contracts';
import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { recordAudit } from '../../platform/audit.js';
import { DomainError, notFound, type FieldIssue } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { organisationToday } from '../../platform/settings.js';
import { findSeason } from './schools.repository.js';
import { isAdopted, tariffsProblems, voteProblems } from './board.rules.js';
import * as repo from './board.repository.js';

type DecisionBody = z.infer<typeof BoardDecisionInput>;
/** The register shows this many decisions (a board votes a few dozen a year). */
const REGISTER_LIMIT = 500;

function toDecision(row: repo.DecisionRow, links: repo.DecisionLinkRow[]): BoardDecision {
  const vote = {
    votesFor: row.votes_for,
    votesAgainst: row.votes_against,
    abstentions: row.abstentions,
    membersPresent: row.members_present,
    membersRepresented: row.members_represented,
  };
  return {
    id: row.id,
    decidedOn: row.decided_on,
    subject: row.subject,
    text: row.body_text,
    kind: row.kind as BoardDecision['kind'],
    vote,
    adopted: isAdopted(vote),
    seasonId: row.season_id,
    seasonName: row.season_name,
    links: links.map((l) => ({
      type: l.target_type as BoardDecision['links'][number]['type'],
      targetId: l.target_id,
      label: l.label,
    })),
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
  };
}

function toTariffs(row: repo.TariffsRow): SeasonTariffs {
  return {
    seasonId: row.season_id,
    decisionId: row.decision_id,
    decidedOn: row.decided_on,
    decisionSubject: row.subject,
    copiedFromSeasonId: row.copied_from_season_id,
    membership: {
      basis: row.membership_basis as SeasonTariffs['membership']['basis'],
      feeCents: row.membership_fee_cents,
    },
    courseFees: JSON.parse(row.course_fees) as SeasonTariffs['courseFees'],
    familyDiscounts: JSON.parse(row.family_discounts) as number[],
    solidarityRates: JSON.parse(row.solidarity_rates) as SeasonTariffs['solidarityRates'],
  };
}

const fieldError = (problems: FieldIssue[]) => new DomainError(problems[0]!.code, { status: 422, fields: problems });

/**
 * The board's register of decisions and the tariffs each season applies. The board records (and the director);
 * the secretariat and accounts read. A decision is never edited: a new decision corrects an old one.
 */
export function createBoardService(deps: Deps) {
  const { db, clock } = deps;

  async function loadDecision(tx: Tx, id: string): Promise<BoardDecision> {
    const row = await repo.findDecision(tx, id);
    if (!row) throw notFound();
    return toDecision(row, await repo.linksOf(tx, [id]));
  }

  /** The problems of a decision's form, per field, in the form's order. */
  async function decisionProblems(tx: Tx, body: DecisionBody): Promise<FieldIssue[]> {
    const problems: FieldIssue[] = [];
    if (body.decidedOn > (await organisationToday(tx, clock))) {
      problems.push({ field: 'decidedOn', code: 'DECISION_IN_FUTURE' });
    }
    problems.push(...voteProblems(body.vote));
    if (body.seasonId && !(await findSeason(tx, body.seasonId))) {
      problems.push({ field: 'seasonId', code: 'SEASON_UNKNOWN' });
    }
    if (body.kind === 'general') return problems;
    if (!isAdopted(body.vote) && !problems.some((p) => p.field.startsWith('vote.'))) {
      problems.push({ field: 'vote.votesFor', code: 'TARIFFS_NOT_ADOPTED' });
    }
    if (!body.seasonId) problems.push({ field: 'seasonId', code: 'DECISION_NEEDS_SEASON' });
    if (body.kind === 'tariffs') {
      if (!body.tariffs) problems.push({ field: 'tariffs', code: 'TARIFFS_REQUIRED' });
      else problems.push(...tariffsProblems(body.tariffs));
    }
    return problems;
  }

  /** The tariffs a "tariffs unchanged" decision carries over: the previous season's current ones. */
  async function tariffsToCopy(tx: Tx, seasonId: string): Promise<{ from: string; tariffs: SeasonTariffsInput }> {
    const season = (await findSeason(tx, seasonId))!;
    const previous = await repo.previousSeason(tx, season.starts_on);
    const row = previous && (await repo.currentTariffs(tx, previous.id));
    if (!previous || !row) throw fieldError([{ field: 'seasonId', code: 'NO_TARIFFS_TO_COPY' }]);
    return { from: previous.id, tariffs: toTariffs(row) };
  }

  return {
    async list(actor: Actor): Promise<BoardDecision[]> {
      requirePermission(actor, 'board.decisions.read');
      const rows = await repo.listDecisions(db, REGISTER_LIMIT);
      const links = await repo.linksOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((row) =>
        toDecision(
          row,
          links.filter((l) => l.decision_id === row.id),
        ),
      );
    },

    async get(actor: Actor, id: string): Promise<BoardDecision> {
      requirePermission(actor, 'board.decisions.read');
      return loadDecision(db, id);
    },

    /**
     * Records a decision with its vote; a tariffs decision adopts the season's tariffs (given, or copied from the
     * previous season's for "tariffs unchanged") and links them to itself. One transaction, audited.
     */
    async record(actor: Actor, body: DecisionBody): Promise<BoardDecision> {
      requirePermission(actor, 'board.decisions.record');
      return db.transaction().execute(async (tx) => {
        const problems = await decisionProblems(tx, body);
        if (problems.length) throw fieldError(problems);
        const now = clock.now().toISOString();
        const id = newId();
        const seasonId = body.kind === 'general' ? (body.seasonId ?? null) : body.seasonId!;
        await repo.insertDecision(tx, {
          id,
          decided_on: body.decidedOn,
          subject: body.subject,
          body_text: body.text,
          kind: body.kind,
          votes_for: body.vote.votesFor,
          votes_against: body.vote.votesAgainst,
          abstentions: body.vote.abstentions,
          members_present: body.vote.membersPresent,
          members_represented: body.vote.membersRepresented,
          season_id: seasonId,
          recorded_by: actor.kind === 'user' ? actor.displayName : 'Harmonie',
          created_at: now,
        });
        if (body.kind !== 'general') {
          const copy = body.kind === 'tariffs_unchanged' ? await tariffsToCopy(tx, seasonId!) : null;
          const tariffs = copy ? copy.tariffs : body.tariffs!;
          await repo.insertTariffs(tx, {
            decision_id: id,
            season_id: seasonId!,
            decided_on: body.decidedOn,
            copied_from_season_id: copy?.from ?? null,
            membership_basis: tariffs.membership.basis,
            membership_fee_cents: tariffs.membership.feeCents,
            course_fees: JSON.stringify(tariffs.courseFees),
            family_discounts: JSON.stringify(tariffs.familyDiscounts),
            solidarity_rates: JSON.stringify(tariffs.solidarityRates),
            created_at: now,
          });
          const season = (await findSeason(tx, seasonId!))!;
          await repo.insertLink(tx, {
            decision_id: id,
            target_type: 'tariffs',
            target_id: seasonId!,
            label: season.name,
            created_at: now,
          });
        }
        const decision = await loadDecision(tx, id);
        const tariffs = seasonId && body.kind !== 'general' ? await repo.currentTariffs(tx, seasonId) : null;
        await recordAudit(tx, clock, actor, {
          entityType: 'board_decision',
          entityId: id,
          action: 'create',
          after: { ...decision, ...(tariffs ? { tariffs: toTariffs(tariffs) } : {}) },
        });
        return decision;
      });
    },

    /** Links a decision to what it set: a closure or open day of the calendar, a payment deferral. Audited. */
    async link(actor: Actor, id: string, body: z.infer<typeof DecisionLinkBody>): Promise<BoardDecision> {
      requirePermission(actor, 'board.decisions.record');
      return db.transaction().execute(async (tx) => {
        const before = await loadDecision(tx, id);
        const label =
          body.type === 'calendar_entry'
            ? await repo.calendarEntryLabel(tx, body.targetId)
            : await repo.paymentDeferralLabel(tx, body.targetId);
        if (!label) throw fieldError([{ field: 'targetId', code: 'DECISION_LINK_UNKNOWN' }]);
        const now = clock.now().toISOString();
        const added = await repo.insertLink(tx, {
          decision_id: id,
          target_type: body.type,
          target_id: body.targetId,
          label,
          created_at: now,
        });
        const after = await loadDecision(tx, id);
        if (added) {
          await recordAudit(tx, clock, actor, {
            entityType: 'board_decision',
            entityId: id,
            action: 'linked',
            before: { links: before.links },
            after: { links: after.links },
          });
        }
        return after;
      });
    },

    /** The tariffs a season applies (its latest tariffs decision's), or null before the board set any. */
    async seasonTariffs(actor: Actor, seasonId: string): Promise<{ tariffs: SeasonTariffs | null }> {
      requirePermission(actor, 'board.decisions.read');
      if (!(await findSeason(db, seasonId))) throw notFound();
      const row = await repo.currentTariffs(db, seasonId);
      return { tariffs: row ? toTariffs(row) : null };
    },
  };
}
export type BoardService = ReturnType<typeof createBoardService>;
