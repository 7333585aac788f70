import net from 'node:net';
import { z } from 'zod';

/** Every environment variable Harmonie reads, with its default; nothing else reads process.env. */
const bool = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/** One entry of TRUST_PROXY: an IPv4 or IPv6 address, optionally with a prefix length (CIDR). */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * The proxies whose X-Forwarded-For is believed. Off by default: any client could otherwise name itself with the
 * header and escape every per-address limit. "true" or "*" are refused on purpose.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()))
  .transform((list) => (list.length === 1 && list[0] === '' ? [] : list))
  .superRefine((list, ctx) => {
    const bad = list.filter((entry) => !isAddressOrCidr(entry));
    if (bad.length) {
      const named = bad.map((entry) => JSON.stringify(entry)).join(', ');
      const hint = "give the proxies' addresses, comma-separated, e.g. 127.0.0.1,10.0.0.0/8";
      ctx.addIssue({ code: 'custom', message: `not an address or a CIDR: ${named} (${hint})` });
    }
  });

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DEMO: bool,
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Harmonie <no-reply@harmonie.local>'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STORAGE_DIR: z.string().optional(),
  STORAGE_BACKEND: z.enum(['local', 's3']).default('local'),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ENDPOINT: z.string().url().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  SWEEP_INTERVAL_MINUTES: z.coerce.number().min(0).default(5),
  TRUST_PROXY: trustProxy,
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(20),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_DELAY_SECONDS: z.coerce.number().int().min(0).default(1),
  LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(0).default(300),
  WEB_DIST: z.string().default('./dist/web'),
  CHECK_RESPONSES: bool,
});

export type Config = {
  port: number;
  host: string;
  demo: boolean;
  databaseUrl: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sessionTtlHours: number;
  cookieSecure: boolean;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  storageDir: string;
  storageBackend: 'local' | 's3';
  /** Set when STORAGE_BACKEND=s3 (then S3_BUCKET is required). */
  s3: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string } | null;
  sweepIntervalMinutes: number;
  /** Proxy addresses/CIDRs whose X-Forwarded-For gives the client address; empty: the TCP peer is the client. */
  trustProxy: string[];
  /** Failed logins allowed per (account, address) within the window; then that address is refused the account. */
  loginMaxFailures: number;
  /** Failed logins allowed per address (all accounts together) within the window. */
  loginMaxFailuresPerAddress: number;
  loginWindowMinutes: number;
  /** The wait asked of an address that failed, after the account's second failure; it doubles with each failure. */
  loginDelaySeconds: number;
  loginMaxDelaySeconds: number;
  webDist: string;
  /** Check every response against its zod contract before writing it (the test suite turns it on). */
  checkResponses: boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.STORAGE_BACKEND === 's3' && !e.S3_BUCKET)
    throw new Error('Invalid configuration:\n  S3_BUCKET: required when STORAGE_BACKEND=s3');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    demo: e.DEMO,
    databaseUrl: e.DATABASE_URL ?? (e.DEMO ? 'sqlite:./data/demo.db' : 'sqlite:./data/harmonie.db'),
    publicUrl,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? publicUrl.startsWith('https://') : e.COOKIE_SECURE === 'true',
    logLevel: e.LOG_LEVEL,
    // The demo keeps its files apart: the orphan sweep of one database would remove the other's uploads.
    storageDir: e.STORAGE_DIR ?? (e.DEMO ? './data/demo-files' : './data/files'),
    storageBackend: e.STORAGE_BACKEND,
    s3:
      e.STORAGE_BACKEND === 's3' && e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            accessKeyId: e.S3_ACCESS_KEY_ID,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          }
        : null,
    sweepIntervalMinutes: e.SWEEP_INTERVAL_MINUTES,
    trustProxy: e.TRUST_PROXY,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
    loginWindowMinutes: e.LOGIN_WINDOW_MINUTES,
    loginDelaySeconds: e.LOGIN_DELAY_SECONDS,
    loginMaxDelaySeconds: e.LOGIN_MAX_DELAY_SECONDS,
    webDist: e.WEB_DIST,
    checkResponses: e.CHECK_RESPONSES,
  };
}
