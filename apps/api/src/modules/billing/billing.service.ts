import type { Deps } from '../../platform/deps.js';
import type { Actor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { dateInZone } from '../../platform/clock.js';
import { registerSweep } from '../../platform/jobs.js';
import { SYSTEM } from '../../platform/actor.js';
import { guardianFamilyId, requireBillingManager } from './billing-access.js';
import { readBillingSettings } from './billing.settings.js';
import { createInvoicesService, toInvoices } from './invoices.service.js';
import { createMandatesService, toMandate } from './mandates.service.js';
import { createHoldsService } from './holds.service.js';
import { createBatchesService } from './batches.service.js';
import { createCertificatesService } from './certificates.service.js';
import { invoicePdf } from './billing-pdf.js';
import * as repo from './billing.repository.js';

/** The billing module's services, built once over `deps`; routes and sweeps use them. */
export function createBillingServices(deps: Deps) {
  const invoices = createInvoicesService(deps);
  const mandates = createMandatesService(deps);
  const holds = createHoldsService(deps);
  const batches = createBatchesService(deps);
  const certificates = createCertificatesService(deps);
  const { db, clock } = deps;

  return {
    invoices,
    mandates,
    holds,
    batches,
    certificates,

    async invoicePdf(actor: Actor, invoiceId: string) {
      const row = await invoices.loadInvoice(actor, invoiceId);
      const settings = await readBillingSettings(db);
      const [view] = await toInvoices(db, [row]);
      const credited = row.credited_invoice_id ? await repo.findInvoice(db, row.credited_invoice_id) : null;
      const pdf = await invoicePdf(
        {
          kind: row.kind,
          number: row.number,
          issuedOn: row.issued_on,
          periodStart: row.period_start,
          periodEnd: row.period_end,
          billedName: row.billed_name,
          billedAddress: row.billed_address
            ? (JSON.parse(row.billed_address) as { line1: string; postalCode: string; city: string; country: string })
            : null,
          description: row.description,
          amountCents: row.amount_cents,
          paidCents: view?.paidCents ?? 0,
          creditedNumber: credited?.number ?? null,
          instalments: (view?.instalments ?? []).filter((i) => i.status !== 'cancelled'),
          locale: row.locale === 'en' ? 'en' : 'fr',
        },
        settings,
      );
      return { filename: `${row.number}.pdf`, pdf };
    },

    /** The guardian's own family (the portal pages start from it). */
    async myFamily(actor: Actor) {
      const familyId = await guardianFamilyId(db, actor);
      if (!familyId) throw forbidden();
      return { familyId };
    },

    /** A family's invoices, debits and lessons side by side (the accounts ticket page uses it). */
    async overview(actor: Actor, familyId: string) {
      requireBillingManager(actor);
      const family = await db
        .selectFrom('families')
        .select(['id', 'name'])
        .where('id', '=', familyId)
        .executeTakeFirst();
      if (!family) throw notFound();
      const settings = await readBillingSettings(db);
      const today = dateInZone(clock.now(), settings.timeZone);
      const invoiceRows = await db
        .selectFrom('invoices')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('issued_on', 'desc')
        .orderBy('number', 'desc')
        .limit(200)
        .execute();
      const invoiceViews = await toInvoices(db, invoiceRows);
      const debits = await db
        .selectFrom('debits')
        .innerJoin('collection_batches', 'collection_batches.id', 'debits.batch_id')
        .innerJoin('invoices', 'invoices.id', 'debits.invoice_id')
        .select([
          'debits.id',
          'debits.batch_id',
          'collection_batches.collection_date',
          'invoices.number',
          'debits.amount_cents',
          'debits.sequence_type',
          'debits.status',
          'debits.return_reason',
        ])
        .where('debits.family_id', '=', familyId)
        .orderBy('collection_batches.collection_date', 'desc')
        .limit(200)
        .execute();
      const lessons = await db
        .selectFrom('lessons')
        .innerJoin('people as t', 't.id', 'lessons.teacher_id')
        .innerJoin('people as s', 's.id', 'lessons.student_id')
        .select([
          'lessons.id',
          'lessons.lesson_date',
          'lessons.minutes',
          'lessons.status',
          'lessons.place',
          'lessons.family_response',
          't.first_name as tf',
          't.last_name as tl',
          's.first_name as sf',
        ])
        .where('lessons.family_id', '=', familyId)
        .orderBy('lessons.lesson_date', 'desc')
        .limit(200)
        .execute();
      // The family's own holds, asked of the database (not picked out of everyone's first page).
      const familyHolds = await holds.list(actor, { familyId, limit: 200 });
      const mandateRows = await db
        .selectFrom('sepa_mandates')
        .selectAll()
        .where('family_id', '=', familyId)
        .orderBy('signed_on', 'desc')
        .execute();
      return {
        familyId,
        familyName: family.name,
        balanceCents: invoiceViews.reduce((s, i) => s + (i.status === 'open' ? i.balanceCents : 0), 0),
        invoices: invoiceViews,
        debits: debits.map((d) => ({
          id: d.id,
          batchId: d.batch_id,
          collectionDate: d.collection_date,
          invoiceNumber: d.number,
          amountCents: d.amount_cents,
          sequenceType: d.sequence_type,
          status: d.status,
          returnReason: d.return_reason,
        })),
        lessons: lessons.map((l) => ({
          id: l.id,
          lessonDate: l.lesson_date,
          minutes: l.minutes,
          status: l.status,
          place: l.place,
          familyResponse: l.family_response,
          teacherName: `${l.tf} ${l.tl}`,
          studentName: l.sf,
        })),
        holds: familyHolds.items,
        mandates: mandateRows.map((m) => toMandate(m, today)),
      };
    },

    /** Runs the billing sweeps now (accounts' "run" button and the demo); each is idempotent. */
    async runSweeps(actor: Actor) {
      requireBillingManager(actor);
      return runBillingSweeps(this);
    },
  };
}

export type BillingServices = ReturnType<typeof createBillingServices>;

async function runBillingSweeps(services: Pick<BillingServices, 'invoices' | 'holds' | 'batches'>) {
  const issued = await services.invoices.issueDueInvoices(SYSTEM);
  const held = await services.holds.holdQuietSubscriptions();
  const notified = await services.batches.preNotifyDue();
  return { ...issued, ...held, ...notified };
}

/** Periodic billing work: issue due invoices, hold quiet subscriptions, pre-notify coming debits. */
registerSweep({ name: 'billing', run: (deps) => runBillingSweeps(createBillingServices(deps)) });
