import { useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TASK_OUTCOMES } from '@contracts';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { AGENCY_NS } from './agency-i18n';
import './agency-office-i18n';
import { completeTask, fileKey, listTasks, tasksKey, type TaskItem } from './api';
import { splitProblem } from '../../api/form-errors';

/** A task's title in the reader's language: by its kind when known, else as it was written. */
export function useTaskTitle() {
  const { t } = useTranslation(AGENCY_NS);
  return (task: { kind: string; title: string }) => t(`tasks.kinds.${task.kind}`, { defaultValue: task.title });
}

// Spelled out here so that the page does not load the contracts' schemas (zod) for three words.
const OUTCOMES = ['done', 'not_needed', 'unreachable'] as const satisfies readonly (typeof TASK_OUTCOMES)[number][];

function CompleteForm({ task, onDone }: { task: TaskItem; onDone: () => void }) {
  const { t } = useTranslation(AGENCY_NS);
  const title = useTaskTitle()(task);
  const client = useQueryClient();
  const [outcome, setOutcome] = useState<string>('done');
  const [note, setNote] = useState('');
  const action = useMutation({
    mutationFn: () => completeTask(task.id, { version: task.version, outcome, note: note.trim() || null }),
    onSuccess: async () => {
      notify(t('tasks.completed'));
      onDone();
      await client.invalidateQueries({ queryKey: tasksKey });
      if (task.fileId) await client.invalidateQueries({ queryKey: fileKey(task.fileId) });
    },
  });
  const problem = splitProblem(action.error, { fields: ['outcome', 'note'] });
  return (
    <form
      aria-label={t('tasks.completeTitle', { title })}
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate();
      }}
    >
      <Stack gap="xs" mt="xs">
        <NativeSelect
          label={t('tasks.outcome')}
          error={problem.errors.outcome}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          data={OUTCOMES.map((o) => ({ value: o, label: t(`tasks.outcomes.${o}`) }))}
        />
        <Textarea
          label={t('tasks.note')}
          error={problem.errors.note}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
        />
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        <Group>
          <Button type="submit" size="xs" loading={action.isPending}>
            {t('tasks.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('tasks.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One task: what to do, about whom (a link to their record), its file, and "complete" with an outcome. */
export function TaskCard({ task, canComplete }: { task: TaskItem; canComplete: boolean }) {
  const { t } = useTranslation(AGENCY_NS);
  const title = useTaskTitle()(task);
  const [completing, setCompleting] = useState(false);
  return (
    <Card withBorder component="li" padding="sm" aria-label={title}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{title}</Text>
        <Badge variant="light" color="gray.9">
          {t(`tasks.services.${task.service}`, { defaultValue: task.service })}
        </Badge>
      </Group>
      {task.details ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {task.details}
        </Text>
      ) : null}
      <Group gap="sm" wrap="wrap">
        {task.subject ? (
          <Text size="sm">
            {t('tasks.subjectOf', { kind: t(`tasks.subject.${task.subject.kind}`) })}{' '}
            <Anchor component={Link} to={task.subject.path}>
              {task.subject.name}
            </Anchor>
          </Text>
        ) : null}
        {task.fileId ? (
          <Anchor component={Link} to={`/office/files/${task.fileId}`} size="sm">
            {t('tasks.file')}
          </Anchor>
        ) : null}
        <Text size="sm">{t('tasks.due', { date: formatDate(task.dueOn) })}</Text>
      </Group>
      {canComplete ? (
        completing ? (
          <CompleteForm task={task} onDone={() => setCompleting(false)} />
        ) : (
          <Group mt="xs">
            <Button size="xs" variant="light" onClick={() => setCompleting(true)}>
              {t('tasks.complete')}
            </Button>
          </Group>
        )
      ) : null}
    </Card>
  );
}

const GROUPS = ['overdue', 'today', 'later'] as const;

/**
 * "My tasks today" on every staff home page: the caller's services' tasks by default (switch to every service's),
 * the overdue apart from today's, each naming its student or teacher and completed with an outcome.
 */
export function TasksPanel({ canComplete }: { canComplete: boolean }) {
  const { t } = useTranslation(AGENCY_NS);
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const query = useQuery({ queryKey: [...tasksKey, scope], queryFn: () => listTasks({ scope }) });
  return (
    <Section
      title={t('tasks.title')}
      actions={
        <SegmentedControl
          aria-label={t('tasks.scope')}
          size="xs"
          value={scope}
          onChange={(v) => setScope(v as 'mine' | 'all')}
          data={[
            { value: 'mine', label: t('tasks.mine') },
            { value: 'all', label: t('tasks.all') },
          ]}
        />
      }
    >
      {!query.data ? (
        <QueryFallback error={query.error} asPage={false} />
      ) : query.data.items.length === 0 ? (
        <Text>{t('tasks.none')}</Text>
      ) : (
        <Stack>
          {GROUPS.map((group) => {
            const items = query.data.items.filter((task) => task.group === group);
            if (!items.length) return null;
            return (
              <Stack key={group} gap="xs">
                <Title order={3} size="h5">
                  {t(`tasks.${group}`)} ({items.length})
                </Title>
                <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
                  {items.map((task) => (
                    <TaskCard key={task.id} task={task} canComplete={canComplete} />
                  ))}
                </Stack>
              </Stack>
            );
          })}
        </Stack>
      )}
    </Section>
  );
}
