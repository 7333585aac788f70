import { useState } from 'react';
import { Anchor, Button, Group, NumberInput, Stack, Table } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { useKeysetList } from '../../ui/use-keyset-list';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';
import { splitProblem } from '../../api/form-errors';

/** Accounts: tax certificates generated in bulk for a year and e-mailed. */
export function CertificatesPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [year, setYear] = useState<number | string>(new Date().getFullYear() - 1);
  const list = useKeysetList([...api.billingKeys.certificates(), year], (cursor) =>
    api.listCertificates({ year: Number(year), cursor }),
  );
  const generate = useMutation({
    mutationFn: () => api.generateCertificates(Number(year)),
    onSuccess: async (r) => {
      notify(t('certificates.generated', { count: r.generated }));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const problem = splitProblem(generate.error, { fields: ['year'] });
  return (
    <Stack>
      <PageTitle>{t('certificates.title')}</PageTitle>
      <form
        aria-label={t('certificates.generate')}
        onSubmit={(e) => {
          e.preventDefault();
          generate.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <NumberInput
            label={t('certificates.year')}
            value={year}
            onChange={setYear}
            min={2000}
            max={2100}
            w={140}
            error={problem.errors.year}
          />
          <Button type="submit" loading={generate.isPending}>
            {t('certificates.generate')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </form>
      <LoadMoreTable
        list={list}
        label={t('certificates.title')}
        minWidth={560}
        asPage={false}
        empty={t('certificates.none')}
        columns={[t('certificates.family'), t('certificates.paid'), t('certificates.hours'), t('invoices.pdf')]}
        row={(c) => (
          <Table.Tr key={c.id}>
            <Table.Td>{c.familyName}</Table.Td>
            <Table.Td>{euros(c.paidCents, i18n.language)}</Table.Td>
            <Table.Td>{(c.homeMinutes / 60).toFixed(1)}</Table.Td>
            <Table.Td>
              <Anchor href={api.certificatePdfUrl(c.id)} download>
                {t('certificates.download', { year: c.year })}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        )}
      />
    </Stack>
  );
}
