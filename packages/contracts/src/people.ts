import { z } from 'zod';
import { Address, Email, Id, IsoDate, Locale, Page, Phone, Version } from './common.js';
import { longText, optionalText, searchText, shortText } from './common.js';

export const PERSON_KINDS = ['guardian', 'student', 'teacher', 'staff'] as const;
export const PersonKind = z.enum(PERSON_KINDS);
export type PersonKind = z.infer<typeof PersonKind>;
export const CONTACT_PREFERENCES = ['email', 'phone', 'sms'] as const;
export const ContactPreference = z.enum(CONTACT_PREFERENCES);

export const Person = z.object({
  id: Id,
  kind: PersonKind,
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  birthDate: z.string().nullable(),
  familyId: z.string().nullable(),
  userId: z.string().nullable(),
  notes: z.string().nullable(),
  version: Version,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

export const Family = z.object({
  id: Id,
  name: z.string(),
  billingAddress: Address.nullable(),
  contactPreference: ContactPreference,
  locale: Locale,
  notes: z.string().nullable(),
  version: Version,
  createdAt: z.string(),
  updatedAt: z.string(),
  guardians: z.array(Person),
  students: z.array(Person),
});
export type Family = z.infer<typeof Family>;
export const FamilySummary = z.object({
  id: Id,
  name: z.string(),
  city: z.string().nullable(),
  guardianNames: z.string(),
  studentCount: z.number(),
});
export type FamilySummary = z.infer<typeof FamilySummary>;

export const NewGuardian = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  email: Email.optional().nullable(),
  phone: Phone.optional().nullable(),
});
export const NewStudent = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  birthDate: IsoDate,
  email: Email.optional().nullable(),
  phone: Phone.optional().nullable(),
});
export const CreateFamilyBody = z.object({
  name: shortText(160).optional(),
  billingAddress: Address.optional().nullable(),
  contactPreference: ContactPreference.default('email'),
  locale: Locale.default('fr'),
  notes: optionalText(),
  guardians: z.array(NewGuardian).max(4),
  students: z.array(NewStudent).max(10).default([]),
});
export const UpdateFamilyBody = z.object({
  version: Version,
  name: shortText(160).optional(),
  billingAddress: Address.optional().nullable(),
  contactPreference: ContactPreference.optional(),
  locale: Locale.optional(),
  notes: optionalText(),
});
export const UpdatePersonBody = z.object({
  version: Version,
  firstName: shortText(80).optional(),
  lastName: shortText(80).optional(),
  email: Email.optional().nullable(),
  phone: Phone.optional().nullable(),
  birthDate: IsoDate.optional().nullable(),
  notes: optionalText(),
});
export const CreateTeacherBody = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  email: Email,
  phone: Phone.optional().nullable(),
  notes: optionalText(),
});

export const SearchHit = z.object({
  id: Id,
  kind: PersonKind,
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  familyId: z.string().nullable(),
  familyName: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;
export const SearchQuery = z.object({
  q: searchText(100).min(2, { message: 'too_short' }),
  limit: z.coerce.number().int().min(1).max(50).default(15),
});

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  summary: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const CONTACT_CHANNELS = ['call', 'email', 'sms', 'note', 'meeting'] as const;
/** What a contact is about (e.g. `lesson_file`) and its id: machine words, never free text. */
export const SubjectType = z.string().regex(/^[a-z][a-z_-]{0,39}$/, { message: 'invalid_value' });
export const SubjectId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'invalid_value' });
export const ContactEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(['in', 'out']).nullable(),
  personId: z.string().nullable(),
  familyId: z.string().nullable(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  summary: z.string(),
  outcome: z.string().nullable(),
});
export type ContactEntry = z.infer<typeof ContactEntry>;
export const CreateContactBody = z.object({
  channel: z.enum(CONTACT_CHANNELS),
  direction: z.enum(['in', 'out']).optional().nullable(),
  personId: Id.optional().nullable(),
  familyId: Id.optional().nullable(),
  subjectType: SubjectType.optional().nullable(),
  subjectId: SubjectId.optional().nullable(),
  summary: longText(2000),
  outcome: optionalText(500),
});

export const OutboxMessage = z.object({
  id: z.string(),
  createdAt: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  template: z.string(),
  status: z.enum(['stored', 'sent', 'failed']),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;
/** A page of the outbox; linksShown: personal links are visible in it (demo mode only), said by a banner. */
export const OutboxPage = Page(OutboxMessage).extend({ linksShown: z.boolean() });
export type OutboxPage = z.infer<typeof OutboxPage>;
export const OutboxMessageDetail = OutboxMessage.extend({ linksShown: z.boolean() });
export type OutboxMessageDetail = z.infer<typeof OutboxMessageDetail>;
