import { z } from 'zod';
import { Email, Id, Locale, Role, Version, shortText } from './common.js';

/** A new password: long enough here (browser and API); the API also refuses common ones (platform/passwords.ts). */
export const PASSWORD_MIN_LENGTH = 10;
export const Password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, { message: 'password_too_short' })
  .max(200, { message: 'too_long' });

export const LoginBody = z.object({
  email: Email,
  password: z.string().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
});
export const Me = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  roles: z.array(Role),
  personId: z.string().nullable(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;
export const UpdateMeBody = z.object({ locale: Locale.optional(), displayName: shortText(120).optional() });

export const PasswordResetRequestBody = z.object({ email: Email });
export const TokenPasswordBody = z.object({ token: z.string().min(20).max(200), password: Password });
/** Changing one's own password: the current one proves it is the account's owner, not just an open session. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1, { message: 'required' }).max(200, { message: 'too_long' }),
  newPassword: Password,
});
export const TokenInfo = z.object({ purpose: z.enum(['reset', 'invite']), email: z.string(), displayName: z.string() });

export const SetupStatus = z.object({ needsSetup: z.boolean() });
export const SetupBody = z.object({
  token: z.string().min(20).max(200),
  email: Email,
  displayName: shortText(120),
  password: Password,
  organisationName: shortText(200),
});

export const User = z.object({
  id: Id,
  email: z.string(),
  displayName: z.string(),
  locale: Locale,
  roles: z.array(Role),
  status: z.enum(['active', 'invited', 'disabled']),
  personId: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: Version,
});
export type User = z.infer<typeof User>;
export const InviteUserBody = z.object({
  email: Email,
  displayName: shortText(120),
  roles: z.array(Role).min(1, { message: 'at_least_one_role' }),
  locale: Locale.default('fr'),
  personId: Id.optional().nullable(),
});
export const UpdateUserBody = z.object({
  version: Version,
  displayName: shortText(120).optional(),
  roles: z.array(Role).min(1, { message: 'at_least_one_role' }).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  locale: Locale.optional(),
});
