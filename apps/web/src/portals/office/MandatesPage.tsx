import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDate } from '../../ui/format';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { BILLING_NS } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';
import { useLookupThenAct } from '../../features/billing/use-lookup-then-act';

/** Ends a mandate found by its RUM: revoked now, or the next debit sent as the final one. */
function EndMandateForm() {
  const { t } = useTranslation(BILLING_NS);
  const [mode, setMode] = useState<'revoke' | 'final_on_next'>('revoke');
  const [reason, setReason] = useState('');
  const {
    mutation: end,
    bind,
    unknown,
  } = useLookupThenAct(
    api.findMandateByRum,
    (mandate) => api.endMandate(mandate.id, { version: mandate.version, reason, mode }),
    (mandate) => notify(t(mode === 'revoke' ? 'mandateEnd.revoked' : 'mandateEnd.finalNext', { rum: mandate.rum })),
  );
  return (
    <form
      aria-label={t('mandateEnd.title')}
      onSubmit={(e) => {
        e.preventDefault();
        end.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('mandates.rum')}
          {...bind}
          error={unknown ? t('mandateEnd.unknownRum') : undefined}
          required
        />
        <NativeSelect
          label={t('mandateEnd.mode')}
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value as 'revoke' | 'final_on_next')}
          data={[
            { value: 'revoke', label: t('mandateEnd.revoke') },
            { value: 'final_on_next', label: t('mandateEnd.finalOnNext') },
          ]}
        />
        <TextInput
          label={t('mandateEnd.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <Button type="submit" loading={end.isPending}>
          {t('mandateEnd.submit')}
        </Button>
      </Group>
      {end.error ? <ProblemAlert error={end.error} /> : null}
    </form>
  );
}

export function MandatesPage() {
  const { t } = useTranslation(BILLING_NS);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const q = useDebouncedValue(search.trim(), 300)[0];
  const mandates = useKeysetList([...api.billingKeys.mandates(), q, status], (cursor) =>
    api.listAllMandates({ q, status, cursor }),
  );
  return (
    <Stack>
      <PageTitle>{t('mandates.title')}</PageTitle>
      <Section title={t('mandateEnd.title')}>
        <EndMandateForm />
      </Section>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('mandates.search')}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('mandates.statusFilter')}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={[
            { value: '', label: t('mandates.all') },
            ...['active', 'ended', 'revoked'].map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
      </Group>
      {mandates.isPending || mandates.error ? (
        <QueryFallback error={mandates.error} asPage={false} />
      ) : mandates.items.length === 0 ? (
        <Text>{t('mandates.none')}</Text>
      ) : (
        <ScrollTable label={t('mandates.title')} minWidth={720}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mandates.family')}</Table.Th>
                <Table.Th>{t('mandates.rum')}</Table.Th>
                <Table.Th>{t('mandates.iban')}</Table.Th>
                <Table.Th>{t('mandates.signed')}</Table.Th>
                <Table.Th>{t('mandates.method')}</Table.Th>
                <Table.Th>{t('mandates.status')}</Table.Th>
                <Table.Th>{t('mandates.usable')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mandates.items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.familyName}</Table.Td>
                  <Table.Td>{m.rum}</Table.Td>
                  <Table.Td>{m.ibanMasked}</Table.Td>
                  <Table.Td>{formatDate(m.signedOn)}</Table.Td>
                  <Table.Td>{m.signatureMethod}</Table.Td>
                  <Table.Td>{t(`status.${m.status}`)}</Table.Td>
                  <Table.Td>
                    {m.usable
                      ? t('mandates.yes')
                      : `${t('mandates.no')} (${m.refusal ? t(`reasons.${m.refusal}`) : ''})`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <LoadMoreButton
        hasNextPage={mandates.hasNextPage}
        isFetchingNextPage={mandates.isFetchingNextPage}
        fetchNextPage={mandates.fetchNextPage}
      />
    </Stack>
  );
}
