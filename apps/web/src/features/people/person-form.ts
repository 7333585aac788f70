import type { Person } from '@contracts';
import { blankToNull } from '../../ui/zod-form';
import type { UpdatePersonInput } from './api';

/** Form values of a person: every field a string, '' meaning "not given". */
export interface PersonValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  notes: string;
}

export const emptyPerson = (): PersonValues => ({
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  birthDate: '',
  notes: '',
});

export function personValues(person: Person): PersonValues {
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email ?? '',
    phone: person.phone ?? '',
    birthDate: person.birthDate ?? '',
    notes: person.notes ?? '',
  };
}

export function personUpdateBody(values: PersonValues, person: Person): UpdatePersonInput {
  return {
    version: person.version,
    firstName: values.firstName,
    lastName: values.lastName,
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    ...(person.kind === 'student' || person.birthDate ? { birthDate: blankToNull(values.birthDate) } : {}),
    notes: blankToNull(values.notes),
  };
}
