import type { ReactNode } from 'react';
import { Table } from '@mantine/core';

interface ScrollTableProps {
  /** Names the scrollable region for keyboard and screen-reader users. */
  label: string;
  minWidth: number;
  children: ReactNode;
}

/** A table that scrolls sideways on phones; the scroll area is focusable so keyboards can scroll it. */
export function ScrollTable({ label, minWidth, children }: ScrollTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={label}>
      {children}
    </Table.ScrollContainer>
  );
}
