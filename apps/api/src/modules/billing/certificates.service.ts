import type { Deps } from '../../platform/deps.js';
import type { Tx } from '../../db/database.js';
import { actorUserId, type Actor } from '../../platform/actor.js';
import { requirePermission } from '../../platform/access.js';
import { DomainError, invalidField, notFound } from '../../platform/errors.js';
import { dateInZone } from '../../platform/clock.js';
import { payersOf } from './invoices.repository.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../platform/ids.js';
import { decodeCursor, keysetPage } from '../../platform/cursor.js';
import { assertFamilyBillingRead } from './billing-access.js';
import { readBillingSettings, type BillingSettings } from './billing.settings.js';
import { certificatePdf, type CertificateContent } from './billing-pdf.js';
import { certificateMail } from './billing.mail.js';
import { familyEmail, findFamily } from './billing.repository.js';
import * as certificatesRepo from './certificates.repository.js';

/**
 * Tax certificates (attestation fiscale) per family and year. The amount is what the family actually paid in the
 * year up to the issue date (debits whose collection date has passed and that were not returned, cheques by cashing
 * date, transfers, cards, CESU préfinancé), aid excluded; when some lessons were not at home, only the home share
 * is certified (home minutes ÷ all minutes); CESU préfinancé is stated and deducted from what opens the right to
 * the tax credit (the employer-financed vouchers are not the family's expense). Each certificate is dated and
 * placed, signed by the signatory of the settings, and names the taxpayer (the paying guardian) in full.
 */
export function createCertificatesService(deps: Deps) {
  const { db, clock } = deps;

  function toView(r: {
    id: string;
    family_id: string;
    family_name: string;
    year: number;
    paid_cents: number;
    aid_cents: number;
    home_minutes: number;
    generated_at: string;
    emailed_at: string | null;
  }) {
    return {
      id: r.id,
      familyId: r.family_id,
      familyName: r.family_name,
      year: r.year,
      paidCents: r.paid_cents,
      aidCents: r.aid_cents,
      homeMinutes: r.home_minutes,
      generatedAt: r.generated_at,
      emailedAt: r.emailed_at,
    };
  }

  /** One family's certificate for a year, inside the caller's transaction; false when there is nothing to certify. */
  async function generateFamily(
    tx: Tx,
    actor: Actor,
    familyId: string,
    year: number,
    email: boolean,
    settings: BillingSettings,
  ): Promise<boolean> {
    const signatory = settings.signatory;
    if (!signatory) throw new DomainError('CERTIFICATE_SIGNATORY_MISSING');
    const issuedOn = dateInZone(clock.now(), settings.timeZone);
    const from = `${year}-01-01`;
    if (issuedOn < from) throw invalidField('year', 'certificate_year_future');
    // Only what was actually collected by the issue date: never a collection still to come.
    const to = issuedOn < `${year}-12-31` ? issuedOn : `${year}-12-31`;
    const p = await certificatesRepo.paidBetween(tx, familyId, from, to);
    const collected = Number(p.paid) + Number(p.cesu);
    if (collected <= 0) return false;
    const lessons = await certificatesRepo.givenLessonsBetween(tx, familyId, from, to);
    const home = lessons.filter((l) => l.place === 'home');
    if (!home.length) return false;
    const allMinutes = lessons.reduce((s, l) => s + l.minutes, 0);
    const homeMinutes = home.reduce((s, l) => s + l.minutes, 0);
    const homePaid = allMinutes === homeMinutes ? collected : Math.floor((collected * homeMinutes) / allMinutes);
    const cesu = Math.min(Number(p.cesu), homePaid);
    const paid = homePaid - cesu;
    const family = await findFamily(tx, familyId);
    if (!family) throw notFound();
    const payer = (await payersOf(tx, [familyId])).get(familyId);
    const months = new Map<string, CertificateContent['months'][number]>();
    for (const l of home) {
      const key = `${l.lesson_date.slice(0, 7)}:${l.teacher_id}`;
      const entry = months.get(key) ?? {
        month: l.lesson_date.slice(0, 7),
        teacherName: `${l.first_name} ${l.last_name}`,
        teacherId: l.teacher_id.slice(0, 8).toUpperCase(),
        lessons: [],
      };
      entry.lessons.push({ date: l.lesson_date, minutes: l.minutes });
      months.set(key, entry);
    }
    const content: CertificateContent = {
      year,
      familyName: family.name,
      taxpayerName: payer ? `${payer.first_name} ${payer.last_name}` : family.name,
      issuedOn,
      through: to,
      place: signatory.place,
      signatoryName: signatory.name,
      signatoryTitle: signatory.title,
      totalPaidCents: homePaid,
      cesuCents: cesu,
      address: family.billing_line1
        ? {
            line1: family.billing_line1,
            line2: family.billing_line2,
            postalCode: family.billing_postal_code ?? '',
            city: family.billing_city ?? '',
            country: family.billing_country ?? 'FR',
          }
        : null,
      paidCents: paid,
      aidCents: Number(p.aid),
      homeMinutes,
      months: [...months.values()],
      locale: family.locale === 'en' ? 'en' : 'fr',
    };
    const now = clock.now().toISOString();
    const existing = await certificatesRepo.certificateOf(tx, familyId, year);
    const values = {
      paid_cents: paid,
      aid_cents: Number(p.aid),
      home_minutes: homeMinutes,
      content: JSON.stringify(content),
      generated_at: now,
      generated_by: actorUserId(actor),
    };
    const id = existing?.id ?? newId();
    if (existing) await certificatesRepo.updateCertificate(tx, id, values);
    else
      await certificatesRepo.insertCertificate(tx, {
        id,
        family_id: familyId,
        year,
        ...values,
        emailed_at: null,
        version: 1,
      });
    await recordAudit(tx, clock, actor, {
      entityType: 'tax-certificate',
      entityId: id,
      action: existing ? 'regenerate' : 'create',
      after: values,
    });
    const to2 = email ? await familyEmail(tx, familyId) : null;
    if (to2) {
      await deps.mailer.enqueue(tx, {
        to: to2,
        locale: content.locale,
        mail: certificateMail({
          organisation: settings.organisationName,
          year,
          link: `${deps.config.publicUrl}/family/billing`,
        }),
        related: { type: 'tax-certificate', id },
      });
      await certificatesRepo.markCertificateEmailed(tx, id, now);
    }
    return true;
  }

  return {
    generateFamily,

    async generate(actor: Actor, year: number, email: boolean) {
      requirePermission(actor, 'billing.manage');
      const settings = await readBillingSettings(db);
      if (!settings.signatory) throw new DomainError('CERTIFICATE_SIGNATORY_MISSING');
      const today = dateInZone(clock.now(), settings.timeZone);
      if (today < `${year}-01-01`) throw invalidField('year', 'certificate_year_future');
      const families = await certificatesRepo.familiesPaidIn(db, year, today);
      let generated = 0;
      for (const f of families) {
        if (await db.transaction().execute((tx) => generateFamily(tx, actor, f.family_id, year, email, settings)))
          generated += 1;
      }
      await deps.mailer.flush();
      return { generated };
    },

    /**
     * A family's certificates, newest year first (one a year: a page holds decades); otherwise every family's, by
     * family name, a keyset page at a time (an association's network certifies hundreds of thousands of families).
     */
    async list(actor: Actor, filter: { year?: number; familyId?: string; cursor?: string; limit?: number }) {
      if (filter.familyId) await assertFamilyBillingRead(db, actor, filter.familyId);
      else requirePermission(actor, 'billing.manage');
      const limit = filter.limit ?? 50;
      if (filter.familyId) {
        const rows = await certificatesRepo.certificatesOfFamily(db, filter.familyId, { year: filter.year, limit });
        return { items: rows.slice(0, limit).map(toView), nextCursor: null };
      }
      const rows = await certificatesRepo.certificatePage(db, {
        year: filter.year,
        after: decodeCursor(filter.cursor),
        limit,
      });
      const { page, nextCursor } = keysetPage(rows, limit, (r) => [r.family_name, r.id]);
      return { items: page.map(toView), nextCursor };
    },

    async pdf(actor: Actor, id: string) {
      const row = await certificatesRepo.findCertificate(db, id);
      if (!row) throw notFound();
      await assertFamilyBillingRead(db, actor, row.family_id);
      const settings = await readBillingSettings(db);
      return {
        filename: `attestation-${row.year}.pdf`,
        pdf: await certificatePdf(JSON.parse(row.content) as CertificateContent, settings),
      };
    },
  };
}

export type CertificatesService = ReturnType<typeof createCertificatesService>;
