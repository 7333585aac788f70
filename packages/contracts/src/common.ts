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
export const STAFF_ROLES: readonly Role[] = ['admin', 'sales', 'recruitment', 'followup', 'accounts', 'secretariat', 'board'];

export const LOCALES = ['fr', 'en'] as const;
export const Locale = z.enum(LOCALES);
export type Locale = z.infer<typeof Locale>;

export const Id = z.string().uuid();
/** Calendar date in the organisation's time zone. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' }).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: 'invalid_date' });
export const Version = z.number().int().positive();

/** A short human text: trimmed, bounded, no control characters. */
export const shortText = (max = 120) =>
  z
    .string()
    .trim()
    .min(1, { message: 'required' })
    .max(max, { message: 'too_long' })
    .refine((s) => !/[<>]/.test(s), { message: 'forbidden_characters' });
export const optionalText = (max = 2000) => z.string().trim().max(max, { message: 'too_long' }).optional().nullable();

export const Email = z.string().trim().toLowerCase().max(254, { message: 'too_long' }).email({ message: 'invalid_email' });

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
  line2: z.string().trim().max(200, { message: 'too_long' }).optional().nullable(),
  postalCode: z.string().trim().regex(/^\d{5}$/, { message: 'invalid_postal_code' }),
  city: shortText(120),
  country: z.string().trim().length(2).default('FR'),
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

export const Page = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
