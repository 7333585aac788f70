import type { Deps } from '../../platform/deps.js';
import type { Sweep } from '../../platform/jobs.js';
import { SYSTEM, type Actor } from '../../platform/actor.js';
import { guardianFamilyId, requirePermission } from '../../platform/access.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { organisationToday } from '../../platform/settings.js';
import { readBillingSettings } from './billing.settings.js';
import { createInvoicesService, invoiceLines, toInvoices } from './invoices.service.js';
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
          lines: invoiceLines(row),
          amountCents: row.amount_cents,
          paidCents: view?.paidCents ?? 0,
          refundDueCents: row.refund_due_cents,
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
      requirePermission(actor, 'billing.manage');
      const family = await repo.familyHeader(db, familyId);
      if (!family) throw notFound();
      const today = await organisationToday(db, clock);
      const invoiceRows = await repo.latestInvoicesOfFamily(db, familyId);
      const invoiceViews = await toInvoices(db, invoiceRows);
      const debits = await repo.latestDebitsOfFamily(db, familyId);
      const lessons = await repo.latestLessonsOfFamily(db, familyId);
      // The family's own holds, asked of the database (not picked out of everyone's first page).
      const familyHolds = await holds.list(actor, { familyId, limit: 200 });
      const mandateRows = await repo.mandatesOfFamilyBySigning(db, familyId);
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
      requirePermission(actor, 'billing.manage');
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
export const BILLING_SWEEP: Sweep = { name: 'billing', run: (deps) => runBillingSweeps(createBillingServices(deps)) };
