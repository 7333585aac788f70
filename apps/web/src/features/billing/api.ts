import type { z } from 'zod';
import type {
  Batch,
  BatchDetail,
  Certificate,
  Deferral,
  FamilyOverview,
  HoldView,
  Invoice,
  Mandate,
  ReleaseHoldResult,
} from '@contracts';
import { apiGet, apiPost, type PageOf } from '../../api/client';

export type InvoiceView = z.infer<typeof Invoice>;
export type MandateView = z.infer<typeof Mandate>;
export type HoldRow = z.infer<typeof HoldView>;
export type BatchRow = z.infer<typeof Batch>;
export type BatchLines = z.infer<typeof BatchDetail>;
export type CertificateRow = z.infer<typeof Certificate>;
export type Overview = z.infer<typeof FamilyOverview>;
export type DeferralView = z.infer<typeof Deferral>;

export const billingKeys = {
  all: ['billing'] as const,
  invoices: (familyId?: string) => ['billing', 'invoices', familyId ?? 'all'] as const,
  holds: ['billing', 'holds'] as const,
  mandates: (familyId?: string) => ['billing', 'mandates', familyId ?? 'all'] as const,
  batches: ['billing', 'batches'] as const,
  batch: (id: string) => ['billing', 'batch', id] as const,
  certificates: (familyId?: string) => ['billing', 'certificates', familyId ?? 'all'] as const,
  plans: ['billing', 'plans'] as const,
  invoice: (id: string) => ['billing', 'invoice', id] as const,
  deferrals: ['billing', 'deferrals'] as const,
  deferral: (id: string) => ['billing', 'deferral', id] as const,
  my: ['billing', 'my'] as const,
};

export const listInvoices = (query: {
  familyId?: string;
  status?: string;
  number?: string;
  plan?: '1';
  cursor?: string;
}) => apiGet<PageOf<InvoiceView>>('/api/billing/invoices', query);
/** Invoices paid by instalments (an instalment plan), newest first. */
export const listInstalmentPlans = (cursor: string | null) => listInvoices({ plan: '1', cursor: cursor ?? undefined });
export const getInvoice = (id: string) => apiGet<InvoiceView>(`/api/billing/invoices/${id}`);
export const setInstalmentPlan = (
  invoiceId: string,
  body: { version: number; instalments: { dueOn: string; amountCents: number; method: string }[] },
) => apiPost<InvoiceView>(`/api/billing/invoices/${invoiceId}/instalment-plan`, body);
export const listDeferrals = (cursor: string | null) =>
  apiGet<PageOf<DeferralView>>('/api/billing/deferrals', { cursor: cursor ?? undefined });
export const getDeferral = (id: string) => apiGet<DeferralView>(`/api/billing/deferrals/${id}`);
export const recordDeferral = (body: {
  decisionRef: string;
  decidedOn: string;
  reason: string;
  fromDueOn: string;
  toDueOn: string;
  newDueOn: string;
  planId?: string | null;
}) => apiPost<{ id: string; affected: number }>('/api/billing/deferrals', body);
/** One invoice by its number, asked of the server (it may be anywhere among thousands); null when none has it. */
export const findInvoiceByNumber = async (number: string) =>
  (await listInvoices({ number: number.trim() })).items[0] ?? null;
export const issueCreditNote = (invoiceId: string, body: { amountCents?: number; reason: string }) =>
  apiPost<InvoiceView>(`/api/billing/invoices/${invoiceId}/credit-note`, body);
export const runInvoices = () => apiPost<{ issued: number }>('/api/billing/invoices/run', {});
export const runSweep = () => apiPost<Record<string, number>>('/api/billing/sweep', {});
export const recordPayment = (body: {
  invoiceId: string;
  method: string;
  amountCents: number;
  receivedOn: string;
  cashOn?: string | null;
  reference?: string | null;
}) => apiPost<InvoiceView>('/api/billing/payments', body);
export const listHolds = (cursor: string | null) =>
  apiGet<PageOf<HoldRow>>('/api/billing/holds', { cursor: cursor ?? undefined });
export const releaseHold = (
  id: string,
  body: { version: number; reason: string; heldPeriods: 'invoice' | 'waive' | undefined },
) => apiPost<z.infer<typeof ReleaseHoldResult>>(`/api/billing/holds/${id}/release`, body);
export const listAllMandates = (query: { q?: string; status?: string; cursor: string | null }) =>
  apiGet<PageOf<MandateView & { familyName: string }>>('/api/billing/mandates', {
    q: query.q || undefined,
    status: query.status || undefined,
    cursor: query.cursor ?? undefined,
  });
/** One mandate by its exact RUM (the list's search also matches family names and parts of references). */
export const findMandateByRum = async (rum: string) =>
  (await listAllMandates({ q: rum.trim(), cursor: null })).items.find((m) => m.rum === rum.trim()) ?? null;
export const endMandate = (id: string, body: { version: number; reason: string; mode: 'revoke' | 'final_on_next' }) =>
  apiPost<MandateView>(`/api/billing/mandates/${id}/end`, body);
export const listFamilyMandates = (familyId: string) =>
  apiGet<MandateView[]>(`/api/billing/families/${familyId}/mandates`);
export const signMandate = (body: unknown) => apiPost<MandateView>('/api/billing/mandates', body);
export const listBatches = () => apiGet<BatchRow[]>('/api/billing/batches');
export const getBatch = (id: string) => apiGet<BatchLines>(`/api/billing/batches/${id}`);
export const prepareBatch = (collectionDate: string) => apiPost<BatchLines>('/api/billing/batches', { collectionDate });
export const exportBatch = (id: string, body: { version: number; format?: string }) =>
  apiPost<BatchLines>(`/api/billing/batches/${id}/export`, body);
export const redateBatch = (id: string, body: { version: number; collectionDate: string }) =>
  apiPost<BatchLines>(`/api/billing/batches/${id}/redate`, body);
export const cancelBatch = (id: string, version: number) =>
  apiPost<BatchLines>(`/api/billing/batches/${id}/cancel`, { version });
export const recordReturn = (debitId: string, body: { kind: string; reasonCode: string; on: string }) =>
  apiPost<{ returned: boolean }>(`/api/billing/debits/${debitId}/return`, body);
export const listCertificates = (query: { year?: number; familyId?: string; cursor?: string | null }) =>
  apiGet<PageOf<CertificateRow>>('/api/billing/certificates', { ...query, cursor: query.cursor ?? undefined });
export const generateCertificates = (year: number) =>
  apiPost<{ generated: number }>('/api/billing/certificates/generate', { year, email: true });
export const myFamily = () => apiGet<{ familyId: string }>('/api/billing/my');

export const invoicePdfUrl = (id: string) => `/api/billing/invoices/${id}/pdf`;
export const certificatePdfUrl = (id: string) => `/api/billing/certificates/${id}/pdf`;
export const batchFileUrl = (id: string) => `/api/billing/batches/${id}/file`;
