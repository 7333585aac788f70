import { useState } from 'react';
import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { BILLING_NS } from '../../features/billing/billing-i18n';
import '../../features/billing/billing-office-i18n';
import * as api from '../../features/billing/api';
import { splitProblem } from '../../api/form-errors';

function ReleaseForm({ hold }: { hold: api.HoldRow }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const [heldPeriods, setHeldPeriods] = useState<'invoice' | 'waive' | ''>('');
  const release = useMutation({
    mutationFn: () =>
      api.releaseHold(hold.holdId, { version: hold.version, reason, heldPeriods: heldPeriods || undefined }),
    onSuccess: async () => {
      notify(t('holds.released'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const problem = splitProblem(release.error, { fields: ['heldPeriods', 'reason'] });
  return (
    <form
      aria-label={`${t('holds.release')} — ${hold.familyName}`}
      onSubmit={(e) => {
        e.preventDefault();
        release.mutate();
      }}
    >
      <Radio.Group
        label={t('holds.heldPeriods')}
        description={t('holds.heldPeriodsHint')}
        value={heldPeriods}
        onChange={(value) => setHeldPeriods(value as 'invoice' | 'waive')}
        error={problem.errors.heldPeriods}
        required
        mb="xs"
      >
        <Group mt="xs" wrap="wrap">
          <Radio value="invoice" label={t('holds.invoiceThem')} />
          <Radio value="waive" label={t('holds.waiveThem')} />
        </Group>
      </Radio.Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('holds.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problem.errors.reason}
          required
        />
        <Button type="submit" loading={release.isPending}>
          {t('holds.release')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
    </form>
  );
}

/** Accounts and followup: subscriptions held for lack of lessons, released with a reason. */
export function HoldsPage() {
  const { t } = useTranslation(BILLING_NS);
  const holds = useKeysetList(api.billingKeys.holds, api.listHolds);
  return (
    <Stack>
      <PageTitle>{t('holds.title')}</PageTitle>
      <Text>{t('holds.intro')}</Text>
      {holds.isPending || holds.error ? (
        <QueryFallback error={holds.error} />
      ) : holds.items.length === 0 ? (
        <Text>{t('holds.none')}</Text>
      ) : (
        holds.items.map((h) => (
          <Section key={h.holdId} title={`${h.familyName} — ${h.studentName}`}>
            <Text>
              {t('holds.handOver')} : {formatDate(h.billableFrom)} · {t('holds.since')} : {formatDate(h.since)} ·{' '}
              {t('holds.lastLesson')} : {h.lastLessonOn ? formatDate(h.lastLessonOn) : '—'}
            </Text>
            <ReleaseForm hold={h} />
          </Section>
        ))
      )}
      <LoadMoreButton
        hasNextPage={holds.hasNextPage}
        isFetchingNextPage={holds.isFetchingNextPage}
        fetchNextPage={holds.fetchNextPage}
      />
    </Stack>
  );
}
