/** One coded error type; the error handler maps codes to HTTP status and localised messages. */
export type FieldIssue = { field: string; code: string };

const STATUS: Record<string, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  NOT_FOUND: 404,
  STALE_RECORD: 409,
  EMAIL_TAKEN: 409,
  SETUP_DONE: 409,
  TOKEN_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_ATTEMPTS: 429,
  LOGIN_DELAYED: 429,
  RATE_LIMITED: 429,
};

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
    this.status = options.status ?? STATUS[code] ?? 422;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const notFound = () => new DomainError('NOT_FOUND');
export const forbidden = () => new DomainError('FORBIDDEN');
export const stale = () => new DomainError('STALE_RECORD');
/** A rule broken by one field's value: 422 with that field named. */
export const invalidField = (field: string, code: string) => new DomainError(code, { status: 422, fields: [{ field, code }] });
