import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeacherMeetingInvitation } from '@contracts';
import { formatDateTime } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { answerInvitation, invitationsKey, teacherInvitations } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';

export function InvitationCard({
  inv,
  onAnswer,
  pending,
}: {
  inv: TeacherMeetingInvitation;
  onAnswer?: (answer: 'yes' | 'no') => void;
  pending?: boolean;
}) {
  const { t } = useTranslation(TL_NS);
  const m = inv.meeting;
  return (
    <Card withBorder padding="sm" component="article" aria-label={m.subject}>
      <Text fw={600}>{m.subject}</Text>
      <Text size="sm">
        {formatDateTime(m.startsAt)} · {m.facilitator}
      </Text>
      {m.place ? <Text size="sm">{m.place}</Text> : null}
      {m.videoUrl ? <Text size="sm">{m.videoUrl}</Text> : null}
      <Group mt="xs" gap="xs">
        <Text size="sm">
          {t('meetings.yourAnswer', { answer: inv.response ? t(`meetings.${inv.response}`) : t('meetings.noAnswer') })}
        </Text>
        {inv.attended !== null ? (
          <Badge color={inv.attended ? 'teal.9' : 'gray'}>{inv.attended ? t('meetings.attended') : '—'}</Badge>
        ) : null}
      </Group>
      {inv.canAnswer && onAnswer ? (
        <Group mt="xs">
          <Button size="xs" loading={pending} onClick={() => onAnswer('yes')}>
            {t('meetings.answerYes')}
          </Button>
          <Button size="xs" variant="default" loading={pending} onClick={() => onAnswer('no')}>
            {t('meetings.answerNo')}
          </Button>
        </Group>
      ) : null}
    </Card>
  );
}

/** A teacher's meeting invitations; the teacher answers here too (staff see them read-only). */
export function InvitationsList({ teacherId, canAnswer }: { teacherId: string; canAnswer: boolean }) {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const query = useQuery({ queryKey: invitationsKey(teacherId), queryFn: () => teacherInvitations(teacherId) });
  const answer = useMutation({
    mutationFn: (v: { id: string; answer: 'yes' | 'no' }) => answerInvitation(v.id, v.answer),
    onSuccess: () => client.invalidateQueries({ queryKey: invitationsKey(teacherId) }),
  });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  return (
    <Stack>
      {query.data.length === 0 ? <Text c="dimmed">{t('meetings.empty')}</Text> : null}
      {query.data.map((inv) => (
        <InvitationCard
          key={inv.invitationId}
          inv={inv}
          pending={answer.isPending}
          onAnswer={canAnswer ? (a) => answer.mutate({ id: inv.invitationId, answer: a }) : undefined}
        />
      ))}
      {answer.error ? <ProblemAlert error={answer.error} /> : null}
    </Stack>
  );
}
