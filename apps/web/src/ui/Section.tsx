import { useId, type ReactNode } from 'react';
import { Group, Paper, Title } from '@mantine/core';

interface SectionProps {
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled block of a record page (h2), exposed as a labelled region. */
export function Section({ title, actions, children }: SectionProps) {
  const id = useId();
  return (
    <Paper component="section" aria-labelledby={id} withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {actions}
      </Group>
      {children}
    </Paper>
  );
}
