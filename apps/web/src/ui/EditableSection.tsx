import type { ReactNode } from 'react';
import { Button, Card, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Section } from './Section';

interface EditableSectionProps {
  title: ReactNode;
  /** 'section': a titled region of a record page (h2, default); 'card': one record among others (h3). */
  variant?: 'section' | 'card';
  /** The read view. */
  view: ReactNode;
  /** The edit form; it calls `close` once saved or cancelled. */
  children: (close: () => void) => ReactNode;
  /** Offer "Edit" (default true). */
  canEdit?: boolean;
  /** Names the edit button when "Edit" alone would be ambiguous (several cards on a page). */
  editLabel?: string;
  /** Other buttons, shown before "Edit". */
  actions?: ReactNode;
  /** Shown above the view or form alike (e.g. an action's error). */
  above?: ReactNode;
}

/** A record's block showing its read view, or its edit form after "Edit" until the form closes (save or cancel). */
export function EditableSection(props: EditableSectionProps) {
  const { title, variant = 'section', view, children, canEdit = true, editLabel, actions, above } = props;
  const { t } = useTranslation();
  const [editing, { open, close }] = useDisclosure(false);
  const edit =
    canEdit && !editing ? (
      <Button size="xs" variant="default" onClick={open} aria-label={editLabel}>
        {t('actions.edit')}
      </Button>
    ) : null;
  const buttons =
    actions === undefined ? (
      edit
    ) : (
      <Group gap="xs">
        {actions}
        {edit}
      </Group>
    );
  const body = (
    <>
      {above}
      {editing ? children(close) : view}
    </>
  );
  if (variant === 'card') {
    return (
      <Card withBorder padding="sm" radius="md">
        <Group justify="space-between" mb="xs" wrap="wrap">
          <Title order={3} size="h5">
            {title}
          </Title>
          {buttons}
        </Group>
        {body}
      </Card>
    );
  }
  return (
    <Section title={title} actions={buttons}>
      {body}
    </Section>
  );
}
