import { z } from 'zod';
import { Address, Email, Id, IsoDate, Locale, Phone, optionalShortText, shortText } from './common.js';

/**
 * Administrative enrolment of new students at a school (issue 15, item 1): the public form a family fills, the
 * secretariat's list in rank order, and the family portal's "my enrolments".
 */
export const IMAGE_RIGHTS = ['none', 'class', 'public'] as const;
export const ImageRights = z.enum(IMAGE_RIGHTS, { message: 'invalid_value' });
/** How the family heard of the school: a fixed list, and "other" with a few words. */
export const HEARD_FROM = [
  'word_of_mouth',
  'website',
  'social_media',
  'poster',
  'school_event',
  'town_hall',
  'other',
] as const;
export const HeardFrom = z.enum(HEARD_FROM, { message: 'invalid_value' });
/** The documents the secretariat asks a new family for. */
export const ADMISSION_DOCUMENTS = ['medical_certificate', 'photo', 'proof_of_address', 'family_quotient'] as const;
export const AdmissionDocument = z.enum(ADMISSION_DOCUMENTS, { message: 'invalid_value' });

export const AdmissionGuardian = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  email: Email,
  phone: Phone,
});
export const AdmissionStudent = z.object({
  firstName: shortText(80),
  lastName: shortText(80),
  birthDate: IsoDate,
  imageRights: ImageRights.default('none'),
  /** The guardian (index in `guardians`) who consents for this student; required under 15. */
  consentBy: z.number().int().min(0).max(3).optional().nullable(),
});

export const AdmissionBody = z.object({
  familyName: shortText(160),
  billingAddress: Address,
  students: z.array(AdmissionStudent).min(1, { message: 'required' }).max(10, { message: 'too_long' }),
  guardians: z.array(AdmissionGuardian).min(1, { message: 'required' }).max(4, { message: 'too_long' }),
  dataProcessingConsent: z.boolean(),
  heardFrom: HeardFrom,
  heardFromOther: optionalShortText(200),
  /** The requested documents the family says it provides (the rest is still owed). */
  documentsProvided: z.array(AdmissionDocument).max(ADMISSION_DOCUMENTS.length).default([]),
  locale: Locale.default('fr'),
  /** Honeypot: hidden from people, filled by robots. */
  website: z.string().max(500).optional(),
});
export type AdmissionBody = z.infer<typeof AdmissionBody>;

/** What the public page shows before the form: the school, the season it enrols for, the documents asked. */
export const AdmissionForm = z.object({
  schoolId: Id,
  schoolName: z.string(),
  seasonId: Id,
  seasonName: z.string(),
  documents: z.array(AdmissionDocument),
  heardFrom: z.array(HeardFrom),
});
export type AdmissionForm = z.infer<typeof AdmissionForm>;
export const AdmissionReceipt = z.object({ rank: z.number().int(), schoolName: z.string(), seasonName: z.string() });
export type AdmissionReceipt = z.infer<typeof AdmissionReceipt>;

/** One line of the secretariat's list, in rank order. */
export const RegistrationLine = z.object({
  id: Id,
  rank: z.number().int(),
  familyId: Id,
  familyName: z.string(),
  students: z.array(z.string()),
  completedAt: z.string().nullable(),
  status: z.string(),
  heardFrom: z.string().nullable(),
  duplicateFamilyId: Id.nullable(),
  duplicateFamilyName: z.string().nullable(),
});
export type RegistrationLine = z.infer<typeof RegistrationLine>;
export const RegistrationsQuery = z.object({ seasonId: Id.optional() });
export const SchoolRegistrations = z.object({
  seasonId: Id.nullable(),
  seasonName: z.string().nullable(),
  items: z.array(RegistrationLine),
});
export type SchoolRegistrations = z.infer<typeof SchoolRegistrations>;

/** The family portal's "my enrolments": its registrations and its places in courses (read-only). */
export const MyEnrolments = z.object({
  registrations: z.array(
    z.object({
      id: Id,
      schoolName: z.string(),
      seasonName: z.string(),
      rank: z.number().int().nullable(),
      status: z.string(),
      completedAt: z.string().nullable(),
    }),
  ),
  places: z.array(
    z.object({
      id: Id,
      studentName: z.string(),
      discipline: z.string(),
      schoolName: z.string(),
      seasonName: z.string(),
      weekday: z.number().int(),
      start: z.string(),
      status: z.string(),
    }),
  ),
});
export type MyEnrolments = z.infer<typeof MyEnrolments>;
