import type { Family } from '@contracts';
import { blankToNull } from '../../ui/zod-form';
import { emptyPerson, type PersonValues } from '../people/person-form';
import type { CreateFamilyInput, UpdateFamilyInput } from './api';

export type ContactPreference = Family['contactPreference'];
export type FamilyLocale = Family['locale'];

export interface AddressValues {
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
}

/** The family's own fields, shared by the create and edit forms. */
export interface FamilyFieldValues {
  name: string;
  contactPreference: ContactPreference;
  locale: FamilyLocale;
  notes: string;
  withAddress: boolean;
  billingAddress: AddressValues;
}

export interface CreateFamilyValues extends FamilyFieldValues {
  guardians: PersonValues[];
  students: PersonValues[];
}

const emptyAddress = (): AddressValues => ({ line1: '', line2: '', postalCode: '', city: '' });

export const newFamilyValues = (): CreateFamilyValues => ({
  name: '',
  contactPreference: 'email',
  locale: 'fr',
  notes: '',
  withAddress: false,
  billingAddress: emptyAddress(),
  guardians: [emptyPerson()],
  students: [],
});

export function familyFieldValues(family: Family): FamilyFieldValues {
  const address = family.billingAddress;
  return {
    name: family.name,
    contactPreference: family.contactPreference,
    locale: family.locale,
    notes: family.notes ?? '',
    withAddress: address !== null,
    billingAddress: address
      ? { line1: address.line1, line2: address.line2 ?? '', postalCode: address.postalCode, city: address.city }
      : emptyAddress(),
  };
}

function addressBody(values: FamilyFieldValues) {
  if (!values.withAddress) return null;
  const a = values.billingAddress;
  return { line1: a.line1, line2: blankToNull(a.line2), postalCode: a.postalCode.trim(), city: a.city, country: 'FR' };
}

export const guardianBody = (p: PersonValues) => ({
  firstName: p.firstName,
  lastName: p.lastName,
  email: blankToNull(p.email),
  phone: blankToNull(p.phone),
});

export const studentBody = (p: PersonValues) => ({ ...guardianBody(p), birthDate: p.birthDate });

export function createFamilyBody(values: CreateFamilyValues): CreateFamilyInput {
  return {
    name: blankToNull(values.name) ?? undefined,
    billingAddress: addressBody(values),
    contactPreference: values.contactPreference,
    locale: values.locale,
    notes: blankToNull(values.notes),
    guardians: values.guardians.map(guardianBody),
    students: values.students.map(studentBody),
  };
}

export function updateFamilyBody(values: FamilyFieldValues, version: number): UpdateFamilyInput {
  return {
    version,
    name: values.name,
    billingAddress: addressBody(values),
    contactPreference: values.contactPreference,
    locale: values.locale,
    notes: blankToNull(values.notes),
  };
}
