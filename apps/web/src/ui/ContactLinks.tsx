import { useEffect, useState } from 'react';
import { Anchor } from '@mantine/core';
import { formatPhone, loadPhoneLib, phoneLibLoaded } from './phone';

/** A phone number to tap: national format for a French number (libphonenumber-js), a `tel:` link. */
export function PhoneLink({ phone, size }: { phone: string; size?: string }) {
  const [, setLoaded] = useState(phoneLibLoaded());
  useEffect(() => {
    if (!phoneLibLoaded()) void loadPhoneLib().then(() => setLoaded(true));
  }, []);
  const { text, href } = formatPhone(phone);
  return (
    <Anchor href={href} size={size}>
      {text}
    </Anchor>
  );
}

/** An e-mail address to write to: a `mailto:` link. */
export function EmailLink({ email, size }: { email: string; size?: string }) {
  return (
    <Anchor href={`mailto:${email}`} size={size}>
      {email}
    </Anchor>
  );
}
