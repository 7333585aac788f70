import { useState } from 'react';
import { Anchor, Button, Checkbox, Group, List, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import * as api from '../../features/billing/api';

function MandateForm({ familyId }: { familyId: string }) {
  const { t } = useTranslation(BILLING_NS);
  const client = useQueryClient();
  const [form, setForm] = useState({
    debtorName: '',
    line1: '',
    postalCode: '',
    city: '',
    country: 'FR',
    iban: '',
    bic: '',
    signerName: '',
    consent: false,
  });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setForm({ ...form, [key]: key === 'consent' ? e.currentTarget.checked : e.currentTarget.value });
  const sign = useMutation({
    mutationFn: () =>
      api.signMandate({
        familyId,
        debtorName: form.debtorName,
        address: { line1: form.line1, postalCode: form.postalCode, city: form.city, country: form.country },
        iban: form.iban,
        bic: form.bic || null,
        signerName: form.signerName,
        consent: form.consent,
      }),
    onSuccess: async () => {
      notify(t('portal.signed'));
      await client.invalidateQueries({ queryKey: api.billingKeys.all });
    },
  });
  const problem = splitProblem(sign.error, {
    fields: Object.keys(form),
    rename: {
      address: 'line1',
      'address.line1': 'line1',
      'address.postalCode': 'postalCode',
      'address.city': 'city',
      'address.country': 'country',
    },
  });
  return (
    <form
      aria-label={t('portal.sign')}
      onSubmit={(e) => {
        e.preventDefault();
        sign.mutate();
      }}
    >
      <Stack gap="xs">
        <TextInput
          label={t('portal.debtorName')}
          value={form.debtorName}
          onChange={set('debtorName')}
          error={problem.errors.debtorName}
          required
          autoComplete="name"
        />
        <TextInput
          label={t('portal.line1')}
          value={form.line1}
          onChange={set('line1')}
          error={problem.errors.line1}
          required
          autoComplete="street-address"
        />
        <Group grow wrap="wrap">
          <TextInput
            label={t('portal.postalCode')}
            value={form.postalCode}
            onChange={set('postalCode')}
            error={problem.errors.postalCode}
            required
            autoComplete="postal-code"
          />
          <TextInput
            label={t('portal.city')}
            value={form.city}
            onChange={set('city')}
            error={problem.errors.city}
            required
            autoComplete="address-level2"
          />
          <TextInput
            label={t('portal.country')}
            value={form.country}
            onChange={set('country')}
            error={problem.errors.country}
            required
            maxLength={2}
          />
        </Group>
        <TextInput
          label={t('portal.iban')}
          value={form.iban}
          onChange={set('iban')}
          error={problem.errors.iban}
          required
        />
        <TextInput label={t('portal.bic')} value={form.bic} onChange={set('bic')} error={problem.errors.bic} />
        <TextInput
          label={t('portal.signerName')}
          value={form.signerName}
          onChange={set('signerName')}
          error={problem.errors.signerName}
          required
        />
        <Checkbox
          label={t('portal.consent')}
          checked={form.consent}
          onChange={set('consent')}
          error={problem.errors.consent}
        />
        <Group>
          <Button type="submit" loading={sign.isPending}>
            {t('portal.sign')}
          </Button>
        </Group>
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
      </Stack>
    </form>
  );
}

/** The family's invoices, newest first, a page at a time (years of monthly invoices add up). */
function FamilyInvoices({ familyId }: { familyId: string }) {
  const { t, i18n } = useTranslation(BILLING_NS);
  const invoices = useKeysetList(api.billingKeys.invoices(familyId), (cursor) =>
    api.listInvoices({ familyId, cursor: cursor ?? undefined }),
  );
  if (invoices.isPending || invoices.error) return <QueryFallback error={invoices.error} asPage={false} />;
  if (!invoices.items.length) return <Text>{t('invoices.none')}</Text>;
  return (
    <>
      <List spacing="xs">
        {invoices.items.map((inv) => (
          <List.Item key={inv.id}>
            {inv.number} · {formatDate(inv.issuedOn)} · {euros(inv.amountCents, i18n.language)} ·{' '}
            {t(`status.${inv.status}`)} ·{' '}
            <Anchor href={api.invoicePdfUrl(inv.id)} download>
              {t('invoices.download', { number: inv.number })}
            </Anchor>
          </List.Item>
        ))}
      </List>
      <LoadMoreButton
        hasNextPage={invoices.hasNextPage}
        isFetchingNextPage={invoices.isFetchingNextPage}
        fetchNextPage={invoices.fetchNextPage}
      />
    </>
  );
}

/** The family portal: invoices with PDF download, the SEPA mandate (signed here), tax certificates. */
export function FamilyBillingPage() {
  const { t, i18n } = useTranslation(BILLING_NS);
  const my = useQuery({ queryKey: api.billingKeys.my, queryFn: api.myFamily });
  const familyId = my.data?.familyId;
  const mandates = useQuery({
    queryKey: api.billingKeys.mandates(familyId),
    queryFn: () => api.listFamilyMandates(familyId ?? ''),
    enabled: !!familyId,
  });
  const certificates = useQuery({
    queryKey: api.billingKeys.certificates(familyId),
    queryFn: async () => (await api.listCertificates({ familyId })).items,
    enabled: !!familyId,
  });
  if (!familyId) return <QueryFallback error={my.error} />;
  const active = mandates.data?.find((m) => m.usable);
  return (
    <Stack>
      <PageTitle>{t('portal.title')}</PageTitle>
      <Section title={t('portal.invoices')}>
        <FamilyInvoices familyId={familyId} />
      </Section>
      <Section title={t('portal.mandate')}>
        {active ? (
          <Text>
            {t('portal.current', { rum: active.rum, iban: active.ibanMasked, date: formatDate(active.signedOn) })}
          </Text>
        ) : mandates.data ? (
          <MandateForm familyId={familyId} />
        ) : (
          <QueryFallback error={mandates.error} asPage={false} />
        )}
      </Section>
      <Section title={t('portal.certificates')}>
        {!certificates.data ? (
          <QueryFallback error={certificates.error} asPage={false} />
        ) : certificates.data.length === 0 ? (
          <Text>{t('certificates.none')}</Text>
        ) : (
          <List spacing="xs">
            {certificates.data.map((c) => (
              <List.Item key={c.id}>
                <Anchor href={api.certificatePdfUrl(c.id)} download>
                  {t('certificates.download', { year: c.year })}
                </Anchor>{' '}
                · {euros(c.paidCents, i18n.language)}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}
