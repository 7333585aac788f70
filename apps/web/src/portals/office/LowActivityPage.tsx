import { useState } from 'react';
import { Anchor, Button, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LowActivityReport } from '@contracts';
import { formatDate, formatDateTime } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { logLowActivityCall, lowActivity } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';
import { EmailLink, PhoneLink } from '../../ui/ContactLinks';
import { splitProblem } from '../../api/form-errors';

type Item = LowActivityReport['items'][number];

function CallForm({ item, onDone }: { item: Item; onDone: () => void }) {
  const { t } = useTranslation(TL_NS);
  const [summary, setSummary] = useState('');
  const [outcome, setOutcome] = useState('');
  const log = useMutation({
    mutationFn: () => logLowActivityCall(item.teacherId, { summary, outcome: outcome.trim() || null }),
    onSuccess: () => {
      notify(t('lowActivity.logged'));
      onDone();
    },
  });
  const problem = splitProblem(log.error, { fields: ['summary', 'outcome'] });
  return (
    <Section title={t('lowActivity.callWith', { name: `${item.firstName} ${item.lastName}` })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          log.mutate();
        }}
      >
        <Stack>
          <Text>
            {item.phone ? <PhoneLink phone={item.phone} /> : item.email ? <EmailLink email={item.email} /> : null}
          </Text>
          <Textarea
            label={t('lowActivity.summary')}
            error={problem.errors.summary}
            required
            autosize
            minRows={2}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
          />
          <TextInput
            label={t('lowActivity.outcome')}
            error={problem.errors.outcome}
            value={outcome}
            onChange={(e) => setOutcome(e.currentTarget.value)}
          />
          {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
          <Group>
            <Button type="submit" loading={log.isPending}>
              {t('lowActivity.call')}
            </Button>
            <Button variant="default" onClick={onDone}>
              {t('actions.cancel', { ns: 'translation' })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

/** Active teachers with few lessons over the period: a friendly call, logged in the contact log. */
export function LowActivityPage() {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const [calling, setCalling] = useState<Item | null>(null);
  const list = useKeysetList(['teachers-low-activity'], lowActivity);
  // Every page repeats what "few" means; the first one is enough.
  const r = list.data?.pages[0] as LowActivityReport | undefined;
  if (!r) return <QueryFallback error={list.error} />;
  return (
    <Stack>
      <PageTitle>{t('lowActivity.title')}</PageTitle>
      <Text>{t('lowActivity.intro', { min: r.minLessons, since: formatDate(r.since) })}</Text>
      {calling ? (
        <CallForm
          item={calling}
          onDone={() => {
            setCalling(null);
            void client.invalidateQueries({ queryKey: ['teachers-low-activity'] });
          }}
        />
      ) : null}
      {list.items.length === 0 ? (
        <Text c="dimmed">{t('lowActivity.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.teacher')}</Table.Th>
                <Table.Th>{t('lowActivity.lessons')}</Table.Th>
                <Table.Th>{t('lowActivity.zones')}</Table.Th>
                <Table.Th>{t('lowActivity.capacity')}</Table.Th>
                <Table.Th>{t('lowActivity.lastCall')}</Table.Th>
                <Table.Th>{t('lowActivity.call')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((i) => (
                <Table.Tr key={i.teacherId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/teachers/${i.teacherId}`}>
                      {i.firstName} {i.lastName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.lessons}</Table.Td>
                  <Table.Td>{i.zones.map((z) => z.code).join(', ') || '—'}</Table.Td>
                  <Table.Td>{i.capacityNewStudents ?? '—'}</Table.Td>
                  <Table.Td>{i.lastCallAt ? formatDateTime(i.lastCallAt) : '—'}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={t('lowActivity.callWith', { name: `${i.firstName} ${i.lastName}` })}
                      onClick={() => setCalling(i)}
                    >
                      {t('lowActivity.call')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Stack>
  );
}
