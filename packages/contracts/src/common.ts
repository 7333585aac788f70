import { z } from 'zod';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The roles of DOMAIN.md; a user may hold several. */
export const ROLES = [
  'admin',
  'sales',
  'recruitment',
  'followup',
  'accounts',
  'secretariat',
  'board',
  'teacher',
  'guardian',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that belong to the organisation's staff (as opposed to teachers and families). */
export const STAFF_ROLES: readonly Role[] = [
  'admin',
  'sales',
  'recruitment',
  'followup',
  'accounts',
  'secretariat',
  'board',
];

export const LOCALES = ['fr', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Id = z.string().uuid();
/** Calendar date in the organisation's time zone. */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' })
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    { message: 'invalid_date' },
  );
export const Version = z.number().int().positive();
/** A page cursor as the API hands it out (base64url): anything else is refused before it reaches a query. */
export const Cursor = z
  .string()
  .max(400, { message: 'too_long' })
  .regex(/^[A-Za-z0-9_-]*$/, { message: 'invalid_value' });

/*
 * Human text: the one building block for every free-text field people type (names, titles, addresses, notes,
 * messages…). It refuses what breaks things further down — NUL and other control characters (PostgreSQL refuses
 * NUL outright), bidirectional overrides and isolates (they reverse a surname on screen and in PDFs) and unpaired
 * UTF-16 surrogates (stored as invalid UTF-8) — each with its own message, then normalises to NFC and trims.
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
// C0 and C1 controls; the multi-line variant keeps tab and line feed (carriage returns become line feeds first).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- same
const CONTROL_BUT_TAB_AND_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

export type TextProblem =
  'text_unpaired_surrogate' | 'text_line_break' | 'text_control_character' | 'text_bidi_control';

/** What is wrong with a text a person typed, or null; `multiline` allows line feeds and tabs. */
export function textProblem(text: string, multiline = false): TextProblem | null {
  if (UNPAIRED_SURROGATE.test(text)) return 'text_unpaired_surrogate';
  if (!multiline && LINE_BREAK.test(text)) return 'text_line_break';
  if ((multiline ? CONTROL_BUT_TAB_AND_LF : CONTROL).test(text)) return 'text_control_character';
  if (BIDI_CONTROL.test(text)) return 'text_bidi_control';
  return null;
}

export type HumanTextOptions = {
  /** Notes and messages: line feeds and tabs allowed (CR LF and CR become LF). */
  multiline?: boolean;
  /** false: the empty text is accepted (optional fields). */
  required?: boolean;
  /** true: < and > are accepted (staff notes, searches); otherwise refused, never stored escaped. */
  markup?: boolean;
};

/** A string a person typed, checked as described above, then normalised (NFC), trimmed and bounded. */
export function humanText(max: number, options: HumanTextOptions = {}) {
  const { multiline = false, required = true, markup = false } = options;
  let text = z.string();
  if (multiline) text = text.overwrite((s) => s.replace(/\r\n?/g, '\n'));
  text = text.check((ctx) => {
    const problem = textProblem(ctx.value, multiline);
    // continue: false — one clear message for the first problem, not a cascade of them.
    if (problem) ctx.issues.push({ code: 'custom', message: problem, input: ctx.value, continue: false });
  });
  text = text.overwrite((s) => s.normalize('NFC')).trim();
  if (required) text = text.min(1, { message: 'required' });
  text = text.max(max, { message: 'too_long' });
  if (!markup) text = text.refine((s) => !/[<>]/.test(s), { message: 'forbidden_characters' });
  return text;
}

/** A single-line human text, required: names, titles, address lines, short reasons. */
export const shortText = (max = 120) => humanText(max);
/** A single-line human text that may be left out. */
export const optionalShortText = (max = 200) => humanText(max, { required: false }).optional().nullable();
/** A multi-line human text, required: messages, summaries, descriptions. */
export const longText = (max = 2000) => humanText(max, { multiline: true });
/** A multi-line note that may be left out (staff notes accept < and >, e.g. "-> rappeler"). */
export const optionalText = (max = 2000) =>
  humanText(max, { multiline: true, required: false, markup: true }).optional().nullable();
/** What someone types in a search box: one line, < and > allowed (they are only searched for). */
export const searchText = (max = 100) => humanText(max, { required: false, markup: true });

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: 'too_long' })
  .email({ message: 'invalid_email' });

/** Accepts a phone number in any usual format (French by default) and normalises it to E.164. */
export const Phone = z
  .string()
  .trim()
  .max(40, { message: 'too_long' })
  .transform((raw, ctx) => {
    const parsed = parsePhoneNumberFromString(raw, 'FR');
    if (!parsed || !parsed.isValid()) {
      ctx.addIssue({ code: 'custom', message: 'invalid_phone' });
      return z.NEVER;
    }
    return parsed.number as string;
  });

export const Address = z.object({
  line1: shortText(200),
  line2: optionalShortText(200),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, { message: 'invalid_postal_code' }),
  city: shortText(120),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, { message: 'invalid_value' })
    .default('FR'),
});
export type Address = z.infer<typeof Address>;

/** RFC 9457 problem details, with a per-field list. */
export const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  code: z.string(),
  detail: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;

export const Page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
