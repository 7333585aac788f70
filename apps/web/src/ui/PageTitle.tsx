import { useEffect, type ReactNode } from 'react';
import { Group, Title } from '@mantine/core';

interface PageTitleProps {
  children: string;
  /** Buttons shown beside the title. */
  actions?: ReactNode;
}

/** The one h1 of a page; also sets the document title. */
export function PageTitle({ children, actions }: PageTitleProps) {
  useEffect(() => {
    document.title = `${children} · Harmonie`;
  }, [children]);
  return (
    <Group justify="space-between" align="center" mb="md" wrap="wrap">
      <Title order={1} size="h2">
        {children}
      </Title>
      {actions ? <Group gap="sm">{actions}</Group> : null}
    </Group>
  );
}
