import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import type { ReactNode } from 'react';
import { formatDate } from '../../ui/format';
import { EmailLink, PhoneLink } from '../../ui/ContactLinks';

/** E-mail (mailto:), phone (national format, tel:) and birth date of a person, as a description list. */
export function PersonDetails({ person }: { person: Person }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode][] = [
    [t('people.email'), person.email ? <EmailLink email={person.email} size="sm" /> : '—'],
    [t('people.phone'), person.phone ? <PhoneLink phone={person.phone} size="sm" /> : '—'],
  ];
  if (person.birthDate) rows.push([t('people.birthDate'), formatDate(person.birthDate)]);
  if (person.notes) rows.push([t('people.notes'), person.notes]);
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm">
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
