import type { ReactNode } from 'react';
import { Container, Group, Paper, Text } from '@mantine/core';
import { LanguageSwitcher } from './LanguageSwitcher';
import { MAIN_ID, SkipLink } from '../../ui/SkipLink';

/** Frame of the pages seen before logging in: brand, language switch, one <main>. */
export function PublicLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header>
        <Container size="sm" py="md">
          <Group justify="space-between">
            <Text fw={700} size="lg">
              Harmonie
            </Text>
            <LanguageSwitcher />
          </Group>
        </Container>
      </header>
      <Container size="xs" component="main" id={MAIN_ID} tabIndex={-1} py="lg">
        <Paper withBorder shadow="xs" p="lg" radius="md">
          {children}
        </Paper>
      </Container>
    </>
  );
}
