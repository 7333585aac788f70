import { useState } from 'react';
import { Alert, Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { AdmissionReceipt } from '@contracts';
import { applyProblemToForm } from '../../api/form-errors';
import { currentLanguage } from '../../i18n/i18n';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { blankToNull } from '../../ui/zod-form';
import { ADMISSION_NS } from './admission-i18n';
import { admissionKeys, getAdmissionForm, submitAdmission } from './api';

const newGuardian = () => ({ firstName: '', lastName: '', email: '', phone: '' });
const newStudent = () => ({ firstName: '', lastName: '', birthDate: '', imageRights: 'none', consentBy: '' });

/**
 * A school's public enrolment form (/inscription/:schoolId): no login; the family, its guardians and students, the
 * consents, how they heard of the school and the documents they provide. The answer gives the family its rank.
 */
export function AdmissionPage() {
  const { t } = useTranslation(ADMISSION_NS);
  const { schoolId = '' } = useParams();
  const [receipt, setReceipt] = useState<AdmissionReceipt | null>(null);
  const [allPlaced, setAllPlaced] = useState(true);
  const info = useQuery({ queryKey: admissionKeys.form(schoolId), queryFn: () => getAdmissionForm(schoolId) });
  const form = useForm({
    initialValues: {
      familyName: '',
      billingAddress: { line1: '', postalCode: '', city: '' },
      guardians: [newGuardian()],
      students: [newStudent()],
      heardFrom: 'word_of_mouth',
      heardFromOther: '',
      documentsProvided: [] as string[],
      dataProcessingConsent: false,
      website: '',
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) =>
      submitAdmission(schoolId, {
        ...v,
        heardFromOther: v.heardFrom === 'other' ? blankToNull(v.heardFromOther) : null,
        students: v.students.map((s) => ({ ...s, consentBy: s.consentBy === '' ? null : Number(s.consentBy) })),
        locale: currentLanguage(),
      }),
    onSuccess: setReceipt,
    onError: (error) => setAllPlaced(applyProblemToForm(form, error)),
  });

  if (!info.data) return <QueryFallback error={info.error} />;
  const { schoolName, seasonName } = info.data;
  if (receipt)
    return (
      <Stack>
        <PageTitle>{t('form.title', { school: schoolName })}</PageTitle>
        <Alert color="green" role="status">
          <Text fw={600}>
            {t('form.done', { school: receipt.schoolName, season: receipt.seasonName, rank: receipt.rank })}
          </Text>
          <Text size="sm">{t('form.doneMail')}</Text>
        </Alert>
      </Stack>
    );

  const guardianChoices = [
    { value: '', label: t('form.noConsent') },
    ...form.values.guardians.map((g, i) => ({
      value: String(i),
      label: `${t('form.guardian', { n: i + 1 })}${g.firstName ? ` — ${g.firstName} ${g.lastName}` : ''}`,
    })),
  ];
  return (
    <Stack>
      <PageTitle>{t('form.title', { school: schoolName })}</PageTitle>
      <Text>{t('form.intro', { season: seasonName })}</Text>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Fieldset legend={t('form.family')}>
            <TextInput
              label={t('form.familyName')}
              withAsterisk
              autoComplete="family-name"
              {...form.getInputProps('familyName')}
            />
            <TextInput
              label={t('form.line1')}
              withAsterisk
              autoComplete="street-address"
              {...form.getInputProps('billingAddress.line1')}
            />
            <Group grow wrap="wrap">
              <TextInput
                label={t('form.postalCode')}
                withAsterisk
                inputMode="numeric"
                autoComplete="postal-code"
                {...form.getInputProps('billingAddress.postalCode')}
              />
              <TextInput
                label={t('form.city')}
                withAsterisk
                autoComplete="address-level2"
                {...form.getInputProps('billingAddress.city')}
              />
            </Group>
          </Fieldset>
          {form.values.guardians.map((_, i) => (
            <Fieldset key={`g${i}`} legend={t('form.guardian', { n: i + 1 })}>
              <Group grow wrap="wrap">
                <TextInput
                  label={t('form.firstName')}
                  withAsterisk
                  {...form.getInputProps(`guardians.${i}.firstName`)}
                />
                <TextInput label={t('form.lastName')} withAsterisk {...form.getInputProps(`guardians.${i}.lastName`)} />
              </Group>
              <Group grow wrap="wrap">
                <TextInput
                  label={t('form.email')}
                  withAsterisk
                  type="email"
                  autoComplete={i === 0 ? 'email' : 'off'}
                  {...form.getInputProps(`guardians.${i}.email`)}
                />
                <TextInput
                  label={t('form.phone')}
                  withAsterisk
                  type="tel"
                  autoComplete={i === 0 ? 'tel' : 'off'}
                  {...form.getInputProps(`guardians.${i}.phone`)}
                />
              </Group>
              {i > 0 ? (
                <Button variant="subtle" size="xs" mt="xs" onClick={() => form.removeListItem('guardians', i)}>
                  {t('form.remove')}
                </Button>
              ) : null}
            </Fieldset>
          ))}
          {form.values.guardians.length < 4 ? (
            <Button variant="light" onClick={() => form.insertListItem('guardians', newGuardian())}>
              {t('form.addGuardian')}
            </Button>
          ) : null}
          {form.values.students.map((_, i) => (
            <Fieldset key={`s${i}`} legend={t('form.student', { n: i + 1 })}>
              <Group grow wrap="wrap">
                <TextInput
                  label={t('form.firstName')}
                  withAsterisk
                  {...form.getInputProps(`students.${i}.firstName`)}
                />
                <TextInput label={t('form.lastName')} withAsterisk {...form.getInputProps(`students.${i}.lastName`)} />
                <TextInput
                  label={t('form.birthDate')}
                  type="date"
                  withAsterisk
                  {...form.getInputProps(`students.${i}.birthDate`)}
                />
              </Group>
              <Group grow wrap="wrap">
                <NativeSelect
                  label={t('form.imageRights')}
                  data={['none', 'class', 'public'].map((v) => ({ value: v, label: t(`imageRights.${v}`) }))}
                  {...form.getInputProps(`students.${i}.imageRights`)}
                />
                <NativeSelect
                  label={t('form.consentBy')}
                  description={t('form.consentByHint')}
                  data={guardianChoices}
                  {...form.getInputProps(`students.${i}.consentBy`)}
                />
              </Group>
              {i > 0 ? (
                <Button variant="subtle" size="xs" mt="xs" onClick={() => form.removeListItem('students', i)}>
                  {t('form.remove')}
                </Button>
              ) : null}
            </Fieldset>
          ))}
          {form.values.students.length < 10 ? (
            <Button variant="light" onClick={() => form.insertListItem('students', newStudent())}>
              {t('form.addStudent')}
            </Button>
          ) : null}
          <Group grow wrap="wrap" align="flex-start">
            <NativeSelect
              label={t('form.heardFrom')}
              withAsterisk
              data={info.data.heardFrom.map((v) => ({ value: v, label: t(`heardFrom.${v}`) }))}
              {...form.getInputProps('heardFrom')}
            />
            {form.values.heardFrom === 'other' ? (
              <TextInput label={t('form.heardFromOther')} withAsterisk {...form.getInputProps('heardFromOther')} />
            ) : null}
          </Group>
          <Checkbox.Group label={t('form.documents')} {...form.getInputProps('documentsProvided')}>
            <Group mt="xs" gap="md">
              {info.data.documents.map((d) => (
                <Checkbox key={d} value={d} label={t(`document.${d}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Checkbox
            label={`${t('form.dataProcessing')} *`}
            aria-required
            aria-invalid={!!form.errors.dataProcessingConsent}
            {...form.getInputProps('dataProcessingConsent', { type: 'checkbox' })}
          />
          {/* A honeypot: hidden from people and from assistive technology, filled by robots. */}
          <div style={{ display: 'none' }}>
            <TextInput label={t('form.website')} tabIndex={-1} autoComplete="off" {...form.getInputProps('website')} />
          </div>
          {mutation.error && (!allPlaced || !Object.keys(form.errors).length) ? (
            <ProblemAlert error={mutation.error} />
          ) : null}
          <Button type="submit" loading={mutation.isPending}>
            {t('form.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
