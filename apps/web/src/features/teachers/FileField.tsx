import { useId } from 'react';
import { Input } from '@mantine/core';

/** A native file input with its label: reliable for screen readers, keyboards and browser tests. */
export function FileField({
  label,
  accept,
  onChange,
  error,
  required,
  name,
}: {
  label: string;
  accept: string;
  onChange: (file: File | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  name?: string;
}) {
  const id = useId();
  return (
    <Input.Wrapper
      label={label}
      labelElement="label"
      id={id}
      error={error}
      errorProps={{ id: `${id}-error` }}
      required={required}
    >
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        name={name}
        type="file"
        accept={accept}
        required={required}
        onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
        style={{ display: 'block', marginTop: 4, maxWidth: '100%' }}
      />
    </Input.Wrapper>
  );
}
