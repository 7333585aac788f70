import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Table, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@mantine/hooks';
import { formatDate } from '../../ui/format';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { BILLING_NS } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';
import { splitProblem } from '../../api/form-errors';
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
  const problem = splitProblem(end.error, { fields: ['rum', 'mode', 'reason'] });
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
          error={unknown ? t('mandateEnd.unknownRum') : problem.errors.rum}
          required
        />
        <NativeSelect
          label={t('mandateEnd.mode')}
          value={mode}
          onChange={(e) => setMode(e.currentTarget.value as 'revoke' | 'final_on_next')}
          error={problem.errors.mode}
          data={[
            { value: 'revoke', label: t('mandateEnd.revoke') },
            { value: 'final_on_next', label: t('mandateEnd.finalOnNext') },
          ]}
        />
        <TextInput
          label={t('mandateEnd.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={problem.errors.reason}
          required
        />
        <Button type="submit" loading={end.isPending}>
          {t('mandateEnd.submit')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
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
      <LoadMoreTable
        list={mandates}
        label={t('mandates.title')}
        minWidth={720}
        asPage={false}
        empty={t('mandates.none')}
        columns={[
          t('mandates.family'),
          t('mandates.rum'),
          t('mandates.iban'),
          t('mandates.signed'),
          t('mandates.method'),
          t('mandates.status'),
          t('mandates.usable'),
        ]}
        row={(m) => (
          <Table.Tr key={m.id}>
            <Table.Td>{m.familyName}</Table.Td>
            <Table.Td>{m.rum}</Table.Td>
            <Table.Td>{m.ibanMasked}</Table.Td>
            <Table.Td>{formatDate(m.signedOn)}</Table.Td>
            <Table.Td>{t(`mandates.methods.${m.signatureMethod}`)}</Table.Td>
            <Table.Td>{t(`status.${m.status}`)}</Table.Td>
            <Table.Td>
              {m.usable ? t('mandates.yes') : `${t('mandates.no')} (${m.refusal ? t(`reasons.${m.refusal}`) : ''})`}
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
