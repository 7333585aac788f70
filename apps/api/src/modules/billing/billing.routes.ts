import { z } from 'zod';
import {
  MandateListItem,
  MandateListQuery,
  Batch,
  BatchDetail,
  Certificate,
  CertificateListQuery,
  Deferral,
  CreateInvoiceBody,
  CreditNoteBody,
  DebitReturnBody,
  DeferralBody,
  DeferralListQuery,
  ExportBatchBody,
  FamilyOverview,
  GenerateCertificatesBody,
  HoldListQuery,
  HoldView,
  Id,
  InstalmentPlanBody,
  Invoice,
  InvoiceListQuery,
  Mandate,
  MandateBody,
  MandateEndBody,
  MandateRumBody,
  Page,
  PaymentBody,
  PrepareBatchBody,
  RedateBatchBody,
  ReleaseHoldBody,
  ReleaseHoldResult,
  RunInvoicesBody,
  ScheduleBody,
  Version,
} from '@contracts';
import type { FastifyZod } from '../../platform/fastify-zod.js';
import type { BillingServices } from './billing.service.js';

const IdParams = z.object({ id: Id });

/** HTTP only: parse, call one service function, shape the reply. */
export function billingRoutes(app: FastifyZod, billing: BillingServices): void {
  const tags = ['billing'];
  const { invoices, mandates, holds, batches, certificates } = billing;

  app.get('/api/billing/my', { schema: { tags, response: { 200: z.object({ familyId: Id }) } } }, (req) =>
    billing.myFamily(req.actor),
  );
  app.get(
    '/api/billing/invoices',
    { schema: { tags, querystring: InvoiceListQuery, response: { 200: Page(Invoice) } } },
    (req) => invoices.list(req.actor, req.query),
  );
  app.post(
    '/api/billing/invoices',
    { schema: { tags, body: CreateInvoiceBody, response: { 201: Invoice } } },
    async (req, reply) => reply.status(201).send(await invoices.createManual(req.actor, req.body)),
  );
  app.post(
    '/api/billing/invoices/run',
    { schema: { tags, body: RunInvoicesBody, response: { 200: z.object({ issued: z.number() }) } } },
    (req) => invoices.issueDueInvoices(req.actor, req.body.through),
  );
  app.get('/api/billing/invoices/:id', { schema: { tags, params: IdParams, response: { 200: Invoice } } }, (req) =>
    invoices.get(req.actor, req.params.id),
  );
  app.get('/api/billing/invoices/:id/pdf', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const { filename, pdf } = await billing.invoicePdf(req.actor, req.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  });
  app.post(
    '/api/billing/invoices/:id/credit-note',
    { schema: { tags, params: IdParams, body: CreditNoteBody, response: { 201: Invoice } } },
    async (req, reply) => reply.status(201).send(await invoices.creditNote(req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/billing/invoices/:id/instalment-plan',
    { schema: { tags, params: IdParams, body: InstalmentPlanBody, response: { 200: Invoice } } },
    (req) => invoices.setInstalmentPlan(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/billing/payments',
    { schema: { tags, body: PaymentBody, response: { 201: Invoice } } },
    async (req, reply) => reply.status(201).send(await invoices.recordPayment(req.actor, req.body)),
  );
  app.get(
    '/api/billing/deferrals',
    { schema: { tags, querystring: DeferralListQuery, response: { 200: Page(Deferral) } } },
    (req) => invoices.listDeferrals(req.actor, req.query),
  );
  app.get('/api/billing/deferrals/:id', { schema: { tags, params: IdParams, response: { 200: Deferral } } }, (req) =>
    invoices.getDeferral(req.actor, req.params.id),
  );
  app.post(
    '/api/billing/deferrals',
    { schema: { tags, body: DeferralBody, response: { 201: z.object({ id: Id, affected: z.number() }) } } },
    async (req, reply) => reply.status(201).send(await invoices.recordDeferral(req.actor, req.body)),
  );

  app.get(
    '/api/billing/mandates',
    { schema: { tags, querystring: MandateListQuery, response: { 200: Page(MandateListItem) } } },
    (req) => mandates.listAll(req.actor, req.query),
  );
  app.get(
    '/api/billing/families/:id/mandates',
    { schema: { tags, params: IdParams, response: { 200: z.array(Mandate) } } },
    (req) => mandates.list(req.actor, req.params.id),
  );
  app.post(
    '/api/billing/mandates',
    { schema: { tags, body: MandateBody, response: { 201: Mandate } } },
    async (req, reply) => reply.status(201).send(await mandates.create(req.actor, req.body, { ip: req.ip ?? null })),
  );
  app.post(
    '/api/billing/mandates/:id/rum',
    { schema: { tags, params: IdParams, body: MandateRumBody, response: { 200: Mandate } } },
    (req) => mandates.changeRum(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/billing/mandates/:id/end',
    { schema: { tags, params: IdParams, body: MandateEndBody, response: { 200: Mandate } } },
    (req) => mandates.end(req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/billing/holds',
    { schema: { tags, querystring: HoldListQuery, response: { 200: Page(HoldView) } } },
    (req) =>
      holds.list(req.actor, {
        includeReleased: req.query.all === '1',
        cursor: req.query.cursor,
        limit: req.query.limit,
      }),
  );
  app.post(
    '/api/billing/holds/:id/release',
    {
      schema: { tags, params: IdParams, body: ReleaseHoldBody, response: { 200: ReleaseHoldResult } },
    },
    (req) => holds.release(req.actor, req.params.id, req.body),
  );
  app.post('/api/billing/sweep', { schema: { tags, response: { 200: z.record(z.string(), z.number()) } } }, (req) =>
    billing.runSweeps(req.actor),
  );
  app.post(
    '/api/billing/schedules',
    { schema: { tags, body: ScheduleBody, response: { 200: z.object({ notified: z.number() }) } } },
    (req) => batches.sendSchedule(req.actor, req.body),
  );

  app.get('/api/billing/batches', { schema: { tags, response: { 200: z.array(Batch) } } }, (req) =>
    batches.list(req.actor),
  );
  app.post(
    '/api/billing/batches',
    { schema: { tags, body: PrepareBatchBody, response: { 201: BatchDetail } } },
    async (req, reply) => reply.status(201).send(await batches.prepare(req.actor, req.body.collectionDate)),
  );
  app.get('/api/billing/batches/:id', { schema: { tags, params: IdParams, response: { 200: BatchDetail } } }, (req) =>
    batches.get(req.actor, req.params.id),
  );
  app.post(
    '/api/billing/batches/:id/cancel',
    { schema: { tags, params: IdParams, body: z.object({ version: Version }), response: { 200: BatchDetail } } },
    (req) => batches.cancel(req.actor, req.params.id, req.body.version),
  );
  app.post(
    '/api/billing/batches/:id/export',
    { schema: { tags, params: IdParams, body: ExportBatchBody, response: { 200: BatchDetail } } },
    (req) => batches.export(req.actor, req.params.id, req.body),
  );
  app.post(
    '/api/billing/batches/:id/redate',
    { schema: { tags, params: IdParams, body: RedateBatchBody, response: { 200: BatchDetail } } },
    (req) => batches.redate(req.actor, req.params.id, req.body),
  );
  app.get('/api/billing/batches/:id/file', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const header = await batches.batchHeader(req.actor, req.params.id);
    const chunks: string[] = [];
    await batches.file(req.actor, req.params.id, (chunk) => chunks.push(chunk));
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${header.reference}.xml"`)
      .header('x-content-sha256', header.file_sha256 ?? '')
      .send(chunks.join(''));
  });
  app.post(
    '/api/billing/debits/:id/return',
    {
      schema: { tags, params: IdParams, body: DebitReturnBody, response: { 200: z.object({ returned: z.boolean() }) } },
    },
    (req) => batches.recordReturn(req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/billing/families/:id/overview',
    { schema: { tags, params: IdParams, response: { 200: FamilyOverview } } },
    (req) => billing.overview(req.actor, req.params.id),
  );

  app.get(
    '/api/billing/certificates',
    { schema: { tags, querystring: CertificateListQuery, response: { 200: Page(Certificate) } } },
    (req) => certificates.list(req.actor, req.query),
  );
  app.post(
    '/api/billing/certificates/generate',
    { schema: { tags, body: GenerateCertificatesBody, response: { 200: z.object({ generated: z.number() }) } } },
    (req) => certificates.generate(req.actor, req.body.year, req.body.email),
  );
  app.get('/api/billing/certificates/:id/pdf', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const { filename, pdf } = await certificates.pdf(req.actor, req.params.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
  });
}
