import type { z } from 'zod';
import type { Mandate, MandateBody, MandateEndBody, MandateRumBody } from '@contracts';
import type { Selectable } from 'kysely';
import type { Deps } from '../../platform/deps.js';
import type { SepaMandatesTable } from '../../db/tables.js';
import { actorUserId, requireUser, type Actor } from '../../platform/actor.js';
import { can, guardianFamilyId, requirePermission } from '../../platform/access.js';
import { DomainError, forbidden, invalidField, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { organisationToday } from '../../platform/settings.js';
import { dateInZone } from '../../platform/clock.js';
import { assertFamilyBillingRead } from './billing-access.js';
import { mandateRefusal } from './billing-rules.js';
import { readBillingSettings } from './billing.settings.js';
import { bicProblem, ibanProblem, normaliseBic, normaliseIban, normaliseIcs, rumProblem } from './sepa-validation.js';
import { mandateSignedMail } from './billing.mail.js';
import { familyEmail, familyLocale } from './billing.repository.js';
import * as mandatesRepo from './mandates.repository.js';

type MandateRow = Selectable<SepaMandatesTable>;

export function maskIban(iban: string): string {
  return `${iban.slice(0, 4)} •••• ${iban.slice(-4)}`;
}

export function toMandate(row: MandateRow, today: string): Mandate {
  const refusal = mandateRefusal(row, today);
  return {
    id: row.id,
    familyId: row.family_id,
    rum: row.rum,
    creditorIdentifier: row.creditor_identifier,
    type: row.type,
    debtorName: row.debtor_name,
    ibanMasked: maskIban(row.iban),
    bic: row.bic,
    signedOn: row.signed_on,
    signatureMethod: row.signature_method,
    signedAt: row.signed_at,
    status: row.status,
    usable: refusal === null,
    refusal,
    lastUsedOn: row.last_used_on,
    shortNoticeDays: row.short_notice_days,
    finalOnNext: row.final_on_next === 1,
    version: row.version,
  };
}

/**
 * SEPA mandates: signed by a guardian in the portal (typed name, consent box, time and IP kept) or recorded by
 * accounts from a paper form. IBAN/BIC/RUM are validated here; the creditor identifier comes from the settings.
 */
export function createMandatesService(deps: Deps) {
  const { db, clock } = deps;

  return {
    async list(actor: Actor, familyId: string): Promise<Mandate[]> {
      await assertFamilyBillingRead(db, actor, familyId);
      const today = await organisationToday(db, clock);
      const rows = await mandatesRepo.mandatesOfFamily(db, familyId);
      return rows.map((r) => toMandate(r, today));
    },

    /** Keyset pages on (signed_on, id), newest first (migration 0900's index); a name fragment narrows it. */
    async listAll(
      actor: Actor,
      query: { q?: string; status?: string; cursor?: string; limit: number } = { limit: 50 },
    ): Promise<{ items: (Mandate & { familyName: string })[]; nextCursor: string | null }> {
      requirePermission(actor, 'billing.manage');
      const today = await organisationToday(db, clock);
      const rows = await mandatesRepo.mandatePage(db, {
        q: query.q,
        status: query.status,
        after: decodeCursor(query.cursor),
        limit: query.limit,
      });
      const { page, nextCursor } = keysetPage(rows, query.limit, (r) => [r.signed_on, r.id]);
      return { items: page.map((r) => ({ ...toMandate(r, today), familyName: r.family_name })), nextCursor };
    },

    /** Portal signature by the family's guardian, or a paper mandate recorded by accounts. */
    async create(actor: Actor, body: z.infer<typeof MandateBody>, context: { ip: string | null }): Promise<Mandate> {
      const user = requireUser(actor);
      const staff = can(user, 'billing.manage');
      if (!staff) {
        if ((await guardianFamilyId(db, actor)) !== body.familyId) throw forbidden();
        if (body.consent !== true) throw invalidField('consent', 'consent_required');
      }
      const ibanIssue = ibanProblem(body.iban);
      if (ibanIssue) throw invalidField('iban', ibanIssue);
      if (body.bic && bicProblem(body.bic)) throw invalidField('bic', 'invalid_bic');
      const settings = await readBillingSettings(db);
      if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED');
      const now = clock.now();
      const today = dateInZone(now, settings.timeZone);
      // The portal generates the reference; a paper form carries its own (checked against the SEPA rules).
      const rum =
        staff && body.rum
          ? body.rum.trim()
          : `HRM-${today.replace(/-/g, '')}-${newId().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
      const rumIssue = rumProblem(rum);
      if (rumIssue) throw invalidField('rum', rumIssue);
      const signedOn = staff && body.signedOn ? body.signedOn : today;
      if (signedOn > today) throw invalidField('signedOn', 'invalid_date');
      const creditorIdentifier = normaliseIcs(settings.creditor.identifier);
      const row: MandateRow = {
        id: newId(),
        family_id: body.familyId,
        rum,
        creditor_identifier: creditorIdentifier,
        type: body.type,
        debtor_name: body.debtorName,
        debtor_line1: body.address.line1,
        debtor_line2: body.address.line2 ?? null,
        debtor_postal_code: body.address.postalCode,
        debtor_city: body.address.city,
        debtor_country: body.address.country,
        iban: normaliseIban(body.iban),
        bic: body.bic ? normaliseBic(body.bic) : null,
        signed_on: signedOn,
        signature_method: staff ? 'paper' : 'portal',
        signer_name: body.signerName,
        signed_at: staff ? null : now.toISOString(),
        signed_ip: staff ? null : context.ip,
        // The family signing in the portal accepts the subscription terms with it, and their shorter delay;
        // a paper mandate carries the delay written on it, if any.
        short_notice_days: staff ? (body.shortNoticeDays ?? null) : (body.shortNoticeDays ?? settings.agreedNoticeDays),
        notice_agreed_on: staff ? (body.shortNoticeDays ? signedOn : null) : today,
        original_rum: null,
        status: 'active',
        final_on_next: 0,
        last_used_on: null,
        ended_on: null,
        ended_reason: null,
        created_by: actorUserId(actor),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
        version: 1,
      };
      await db.transaction().execute(async (tx) => {
        if (!(await mandatesRepo.familyExists(tx, body.familyId))) throw notFound();
        if (await mandatesRepo.rumTaken(tx, creditorIdentifier, rum))
          throw new DomainError('RUM_TAKEN', { fields: [{ field: 'rum', code: 'RUM_TAKEN' }] });
        await mandatesRepo.insertMandate(tx, row);
        await recordAudit(tx, clock, actor, {
          entityType: 'sepa-mandate',
          entityId: row.id,
          action: 'create',
          after: { ...row, iban: maskIban(row.iban) },
          summary: row.rum,
        });
        const to = await familyEmail(tx, body.familyId);
        const family = await familyLocale(tx, body.familyId);
        if (to) {
          await deps.mailer.enqueue(tx, {
            to,
            locale: family.locale === 'en' ? 'en' : 'fr',
            mail: mandateSignedMail({
              organisation: settings.creditor?.name ?? settings.organisationName,
              rum,
              creditorId: creditorIdentifier,
              ibanEnd: row.iban.slice(-4),
              signedAt: row.signed_at ?? signedOn,
            }),
            related: { type: 'sepa-mandate', id: row.id },
          });
        }
      });
      await deps.mailer.flush();
      return toMandate(row, today);
    },

    /**
     * A new reference (RUM) for a mandate: checked as any RUM, unique for the creditor ignoring case. The reference
     * the debtor's bank knows is kept (`original_rum`, the first one when it changes twice before a collection) so
     * that the next collection carries the amendment (AmdmntInfDtls/OrgnlMndtId), once.
     */
    async changeRum(actor: Actor, mandateId: string, body: z.infer<typeof MandateRumBody>): Promise<Mandate> {
      requirePermission(actor, 'billing.manage');
      const rum = body.rum.trim();
      const rumIssue = rumProblem(rum);
      if (rumIssue) throw invalidField('rum', rumIssue);
      const today = await organisationToday(db, clock);
      const after = await db.transaction().execute(async (tx) => {
        const before = await mandatesRepo.findMandate(tx, mandateId);
        if (!before) throw notFound();
        if (before.status !== 'active') throw new DomainError('MANDATE_NOT_ACTIVE');
        if (rum === before.rum) return before;
        const settings = await readBillingSettings(tx);
        const identifiers = new Set([before.creditor_identifier]);
        if (settings.creditor) identifiers.add(normaliseIcs(settings.creditor.identifier));
        for (const ics of identifiers)
          if (await mandatesRepo.rumTaken(tx, ics, rum, mandateId))
            throw new DomainError('RUM_TAKEN', { fields: [{ field: 'rum', code: 'RUM_TAKEN' }] });
        const now = clock.now().toISOString();
        // Back to the reference the bank knows: nothing left to amend.
        const original = before.original_rum ?? before.rum;
        const set = { rum, original_rum: original === rum ? null : original, updated_at: now };
        if (!(await mandatesRepo.updateMandate(tx, mandateId, body.version, set))) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'sepa-mandate',
          entityId: mandateId,
          action: 'change-rum',
          before: { rum: before.rum, original_rum: before.original_rum },
          after: set,
          summary: body.reason,
        });
        return (await mandatesRepo.findMandate(tx, mandateId)) as MandateRow;
      });
      return toMandate(after, today);
    },

    /** Revokes a mandate now, or flags it so that its next debit is the final one (FNAL) and ends it. */
    async end(actor: Actor, mandateId: string, body: z.infer<typeof MandateEndBody>): Promise<Mandate> {
      requirePermission(actor, 'billing.manage');
      const today = await organisationToday(db, clock);
      const after = await db.transaction().execute(async (tx) => {
        const before = await mandatesRepo.findMandate(tx, mandateId);
        if (!before) throw notFound();
        const now = clock.now().toISOString();
        const set =
          body.mode === 'revoke'
            ? { status: 'revoked', ended_on: today, ended_reason: body.reason, updated_at: now }
            : { final_on_next: 1, ended_reason: body.reason, updated_at: now };
        if (!(await mandatesRepo.updateMandate(tx, mandateId, body.version, set))) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'sepa-mandate',
          entityId: mandateId,
          action: body.mode,
          before: { status: before.status, final_on_next: before.final_on_next },
          after: set,
          summary: body.reason,
        });
        return (await mandatesRepo.findMandate(tx, mandateId)) as MandateRow;
      });
      return toMandate(after, today);
    },
  };
}

export type MandatesService = ReturnType<typeof createMandatesService>;
