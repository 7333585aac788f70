import { useState } from 'react';
import { Badge, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeacherSuspension } from '@contracts';
import { useCurrentUser } from '../auth/use-me';
import { formatDate, formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { createSuspension, liftSuspension, listSuspensions, voteSuspension, withdrawSuspension } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';
import { splitProblem } from '../../api/form-errors';

function SuspensionCard({ s, onChange }: { s: TeacherSuspension; onChange: () => Promise<unknown> }) {
  const { t } = useTranslation(TL_NS);
  const me = useCurrentUser();
  const [comment, setComment] = useState('');
  const act = useMutation({
    mutationFn: (action: 'approve' | 'object' | 'withdraw-objection' | 'lift' | 'withdraw') =>
      action === 'lift'
        ? liftSuspension(s.id, s.version, comment || '—')
        : action === 'withdraw'
          ? withdrawSuspension(s.id, s.version, comment || '—')
          : voteSuspension(s.id, action, comment || null),
    onSuccess: async () => {
      setComment('');
      notify(t('suspensions.done'));
      await onChange();
    },
  });
  // an objection's comment and a lift's or withdrawal's reason are typed in the one field
  const problem = splitProblem(act.error, { fields: ['comment'], rename: { reason: 'comment' } });
  const approvals = s.votes.filter((v) => v.vote === 'approve').length;
  const mine = s.votes.find((v) => v.userId === me.id);
  const isProposer = s.proposedByUserId === me.id;
  return (
    <Card
      withBorder
      padding="sm"
      component="article"
      aria-label={s.kind === 'definitive' ? t('suspensions.definitive') : t('suspensions.temporary')}
    >
      <Group gap="xs">
        <Text fw={600}>{s.kind === 'definitive' ? t('suspensions.definitive') : t('suspensions.temporary')}</Text>
        <Badge
          color={
            s.status === 'effective' || s.status === 'active' ? 'red' : s.status === 'proposed' ? 'yellow' : 'gray'
          }
        >
          {t(`suspensions.status.${s.status}`)}
        </Badge>
      </Group>
      <Text size="sm">{s.reasonCode === 'meetings' ? t('suspensions.reasonMeetings') : s.reason}</Text>
      {s.untilDate ? (
        <Text size="sm">
          {t('suspensions.untilDate')} {formatDate(s.untilDate)}
        </Text>
      ) : null}
      {s.untilCondition ? (
        <Text size="sm">
          {t('suspensions.untilCondition')} : {s.untilCondition}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {t('suspensions.proposedBy', { name: s.proposedByName, date: formatDateTime(s.createdAt) })}
      </Text>
      {s.endReason ? (
        <Text size="xs" c="dimmed">
          {s.endedByName} : {s.endReason}
        </Text>
      ) : null}
      {s.kind === 'definitive' ? (
        <>
          <Text size="sm" mt="xs">
            {t('suspensions.approvals', { count: approvals, required: s.approvalsRequired })}
          </Text>
          <ul>
            {s.votes.map((v) => (
              <li key={v.userId}>
                {v.voterName} — {t(`suspensions.vote.${v.vote}`)}
                {v.comment ? ` : ${v.comment}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.studentsToReassign.length ? (
        <>
          <Text size="sm" fw={600}>
            {t('suspensions.reassign')}
          </Text>
          <ul>
            {s.studentsToReassign.map((a) => (
              <li key={a.assignmentId}>
                {a.studentName} ({a.familyName})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s.status === 'proposed' || (s.kind === 'temporary' && s.status === 'active') ? (
        <Stack gap="xs" mt="xs">
          <TextInput
            label={s.status === 'proposed' ? t('suspensions.objection') : t('suspensions.liftReason')}
            error={problem.errors.comment}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group wrap="wrap">
            {s.status === 'proposed' && !isProposer ? (
              <Button size="xs" color="red" onClick={() => act.mutate('approve')}>
                {t('suspensions.approve')}
              </Button>
            ) : null}
            {s.status === 'proposed' ? (
              <Button size="xs" variant="default" disabled={!comment.trim()} onClick={() => act.mutate('object')}>
                {t('suspensions.object')}
              </Button>
            ) : null}
            {s.status === 'proposed' && mine?.vote === 'object' ? (
              <Button size="xs" variant="default" onClick={() => act.mutate('withdraw-objection')}>
                {t('suspensions.withdrawObjection')}
              </Button>
            ) : null}
            {s.status === 'proposed' && isProposer ? (
              <Button size="xs" variant="default" onClick={() => act.mutate('withdraw')}>
                {t('applications.withdraw')}
              </Button>
            ) : null}
            {s.kind === 'temporary' && s.status === 'active' ? (
              <Button size="xs" variant="default" disabled={!comment.trim()} onClick={() => act.mutate('lift')}>
                {t('suspensions.lift')}
              </Button>
            ) : null}
          </Group>
          {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        </Stack>
      ) : null}
    </Card>
  );
}

/** Suspensions and exclusion votes, kept and shown on the teacher's page; followup proposes here. */
export function SuspensionsSection({
  teacherId,
  onStatusChange,
}: {
  teacherId: string;
  onStatusChange: () => Promise<unknown>;
}) {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const key = ['teacher-suspensions', teacherId];
  const query = useQuery({ queryKey: key, queryFn: () => listSuspensions(teacherId) });
  const [v, setV] = useState({
    kind: 'temporary' as 'temporary' | 'definitive',
    reason: '',
    untilDate: '',
    untilCondition: '',
  });
  const refresh = () => Promise.all([client.invalidateQueries({ queryKey: key }), onStatusChange()]);
  const create = useMutation({
    mutationFn: () =>
      createSuspension(
        teacherId,
        v.kind === 'definitive'
          ? { kind: 'definitive', reason: v.reason }
          : {
              kind: 'temporary',
              reason: v.reason,
              untilDate: v.untilDate || null,
              untilCondition: v.untilCondition || null,
            },
      ),
    onSuccess: async () => {
      setV({ ...v, reason: '', untilDate: '', untilCondition: '' });
      await refresh();
    },
  });
  const problem = splitProblem(create.error, { fields: ['kind', 'reason', 'untilDate', 'untilCondition'] });
  return (
    <Section title={t('suspensions.title')}>
      <Stack>
        {!query.data ? (
          <QueryFallback error={query.error} asPage={false} />
        ) : query.data.length === 0 ? (
          <Text c="dimmed">{t('suspensions.empty')}</Text>
        ) : (
          query.data.map((s) => <SuspensionCard key={`${s.id}-${s.version}`} s={s} onChange={refresh} />)
        )}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <Stack gap="xs">
            <NativeSelect
              label={t('suspensions.kind')}
              error={problem.errors.kind}
              data={[
                { value: 'temporary', label: t('suspensions.temporary') },
                { value: 'definitive', label: t('suspensions.definitive') },
              ]}
              value={v.kind}
              onChange={(e) => setV({ ...v, kind: e.currentTarget.value as 'temporary' | 'definitive' })}
            />
            <Textarea
              label={t('suspensions.reason')}
              error={problem.errors.reason}
              required
              autosize
              minRows={2}
              value={v.reason}
              onChange={(e) => setV({ ...v, reason: e.currentTarget.value })}
            />
            {v.kind === 'temporary' ? (
              <Group grow wrap="wrap" align="flex-start">
                <TextInput
                  type="date"
                  label={t('suspensions.untilDate')}
                  error={problem.errors.untilDate}
                  miw={160}
                  value={v.untilDate}
                  onChange={(e) => setV({ ...v, untilDate: e.currentTarget.value })}
                />
                <TextInput
                  label={t('suspensions.untilCondition')}
                  error={problem.errors.untilCondition}
                  miw={220}
                  value={v.untilCondition}
                  onChange={(e) => setV({ ...v, untilCondition: e.currentTarget.value })}
                />
              </Group>
            ) : null}
            {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
            <Group>
              <Button type="submit" variant="default" loading={create.isPending}>
                {t('suspensions.propose')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}
