import { Anchor } from '@mantine/core';
import { formatPhone } from './phone';

export function PhoneLink({ phone, size }: { phone: string; size?: string }) {
  const { text, href } = formatPhone(phone);
  return (
    <Anchor href={href} size={size}>
      {text}
    </Anchor>
  );
}

export function EmailLink({ email, size }: { email: string; size?: string }) {
  return (
    <Anchor href={`mailto:${email}`} size={size}>
      {email}
    </Anchor>
  );
}
