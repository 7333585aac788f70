import { statusOf } from '@contracts';

/** One coded error type; its HTTP status and messages are declared once in the contracts' error catalogue. */
export type FieldIssue = { field: string; code: string };

export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly fields: FieldIssue[];
  /** Sent as Retry-After: when a refused request (429) may be tried again. */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    code: string,
    options: { status?: number; fields?: FieldIssue[]; detail?: string; retryAfterSeconds?: number } = {},
  ) {
    super(options.detail ?? code);
    this.code = code;
    this.status = options.status ?? statusOf(code);
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = () => new DomainError('NOT_FOUND');
export const forbidden = () => new DomainError('FORBIDDEN');
export const stale = () => new DomainError('STALE_RECORD');
/** A rule broken by one field's value: 422 with that field named. */
export const invalidField = (field: string, code: string) =>
  new DomainError(code, { status: 422, fields: [{ field, code }] });
