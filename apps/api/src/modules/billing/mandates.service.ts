import type { z } from 'zod';
import type { Mandate, MandateBody, MandateEndBody } from '@contracts';
import type { Selectable } from 'kysely';
import type { Deps } from '../../platform/deps.js';
import type { SepaMandatesTable } from '../../db/tables.js';
import { actorUserId, hasRole, requireUser, type Actor } from '../../platform/actor.js';
import { DomainError, forbidden, invalidField, notFound, stale } from '../../platform/errors.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, encodeCursor, keysetAfter } from '../../platform/cursor.js';
import { containsText } from '../people/people.repository.js';
import { dateInZone } from '../../platform/clock.js';
import {
  assertFamilyBillingRead,
  BILLING_MANAGERS,
  guardianFamilyId,
  requireBillingManager,
} from './billing-access.js';
import { mandateRefusal } from './billing-rules.js';
import { readBillingSettings } from './billing.settings.js';
import { bicProblem, ibanProblem, normaliseBic, normaliseIban, normaliseIcs, rumProblem } from './sepa-validation.js';
import { mandateSignedMail } from './billing.mail.js';
import { familyEmail } from './billing.repository.js';

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
      const settings = await readBillingSettings(db);
      const today = dateInZone(clock.now(), settings.timeZone);
      const rows = await db
        .selectFrom('sepa_mandates')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('signed_on', 'desc')
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map((r) => toMandate(r, today));
    },

    /** Keyset pages on (signed_on, id), newest first (migration 0900's index); a name fragment narrows it. */
    async listAll(
      actor: Actor,
      query: { q?: string; status?: string; cursor?: string; limit: number } = { limit: 50 },
    ): Promise<{ items: (Mandate & { familyName: string })[]; nextCursor: string | null }> {
      requireBillingManager(actor);
      const settings = await readBillingSettings(db);
      const today = dateInZone(clock.now(), settings.timeZone);
      let q = db
        .selectFrom('sepa_mandates')
        .innerJoin('families', 'families.id', 'sepa_mandates.family_id')
        .selectAll('sepa_mandates')
        .select('families.name as family_name');
      if (query.status) q = q.where('sepa_mandates.status', '=', query.status);
      const text = query.q;
      if (text)
        q = q.where((eb) => eb.or([containsText('families.name', text), containsText('sepa_mandates.rum', text)]));
      const after = decodeCursor(query.cursor);
      if (after) {
        const [signedOn, id] = after;
        q = q.where(keysetAfter('sepa_mandates.signed_on', 'sepa_mandates.id', '<', [signedOn, id]));
      }
      const rows = await q
        .orderBy('sepa_mandates.signed_on', 'desc')
        .orderBy('sepa_mandates.id', 'desc')
        .limit(query.limit + 1)
        .execute();
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({ ...toMandate(r, today), familyName: r.family_name })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.signed_on, last.id]) : null,
      };
    },

    /** Portal signature by the family's guardian, or a paper mandate recorded by accounts. */
    async create(actor: Actor, body: z.infer<typeof MandateBody>, context: { ip: string | null }): Promise<Mandate> {
      const user = requireUser(actor);
      const staff = hasRole(user, ...BILLING_MANAGERS);
      if (!staff) {
        if ((await guardianFamilyId(db, actor)) !== body.familyId) throw forbidden();
        if (body.consent !== true) throw invalidField('consent', 'consent_required');
      }
      const ibanIssue = ibanProblem(body.iban);
      if (ibanIssue) throw invalidField('iban', ibanIssue);
      if (body.bic && bicProblem(body.bic)) throw invalidField('bic', 'invalid_bic');
      const settings = await readBillingSettings(db);
      if (!settings.creditor) throw new DomainError('CREDITOR_NOT_CONFIGURED', { status: 409 });
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
        short_notice_days: body.shortNoticeDays ?? null,
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
        if (!(await tx.selectFrom('families').select('id').where('id', '=', body.familyId).executeTakeFirst()))
          throw notFound();
        const clash = await tx
          .selectFrom('sepa_mandates')
          .select('id')
          .where('creditor_identifier', '=', creditorIdentifier)
          .where('rum', '=', rum)
          .executeTakeFirst();
        if (clash) throw new DomainError('RUM_TAKEN', { status: 409, fields: [{ field: 'rum', code: 'RUM_TAKEN' }] });
        await tx.insertInto('sepa_mandates').values(row).execute();
        await recordAudit(tx, clock, actor, {
          entityType: 'sepa-mandate',
          entityId: row.id,
          action: 'create',
          after: { ...row, iban: maskIban(row.iban) },
          summary: `${row.signature_method} ${row.rum}`,
        });
        const to = await familyEmail(tx, body.familyId);
        const family = await tx
          .selectFrom('families')
          .select('locale')
          .where('id', '=', body.familyId)
          .executeTakeFirstOrThrow();
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

    /** Revokes a mandate now, or flags it so that its next debit is the final one (FNAL) and ends it. */
    async end(actor: Actor, mandateId: string, body: z.infer<typeof MandateEndBody>): Promise<Mandate> {
      requireBillingManager(actor);
      const settings = await readBillingSettings(db);
      const today = dateInZone(clock.now(), settings.timeZone);
      const after = await db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom('sepa_mandates').selectAll().where('id', '=', mandateId).executeTakeFirst();
        if (!before) throw notFound();
        const now = clock.now().toISOString();
        const set =
          body.mode === 'revoke'
            ? { status: 'revoked', ended_on: today, ended_reason: body.reason, updated_at: now }
            : { final_on_next: 1, ended_reason: body.reason, updated_at: now };
        const res = await tx
          .updateTable('sepa_mandates')
          .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
          .where('id', '=', mandateId)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw stale();
        await recordAudit(tx, clock, actor, {
          entityType: 'sepa-mandate',
          entityId: mandateId,
          action: body.mode,
          before: { status: before.status, final_on_next: before.final_on_next },
          after: set,
          summary: body.reason,
        });
        return tx.selectFrom('sepa_mandates').selectAll().where('id', '=', mandateId).executeTakeFirstOrThrow();
      });
      return toMandate(after, today);
    },
  };
}

export type MandatesService = ReturnType<typeof createMandatesService>;
