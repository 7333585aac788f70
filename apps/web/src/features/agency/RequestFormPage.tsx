import { useState } from 'react';
import {
  Alert,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { currentLanguage } from '../../i18n/i18n';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { blankToNull } from '../../ui/zod-form';
import { AGENCY_NS } from './agency-i18n';
import { listPlaces, submitRequest } from './api';
import { CATALOGUE_INSTRUMENTS } from '../../api/contract-values';

const toMinutes = (time: string) => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The request's API fields as this form names them (the slot is one row; a contact may be asked of the student). */
const REQUEST_FIELDS: Record<string, string> = {
  'slots.0.weekday': 'slot.weekday',
  'slots.0.startMinute': 'slot.from',
  'slots.0.endMinute': 'slot.to',
  slots: 'slot.from',
  'student.email': 'guardian.email',
  'student.phone': 'guardian.phone',
};

/** Sales on the phone: where the request goes, and what follows (the new file opens). */
export type OfficeEntry = {
  submit: (body: unknown) => Promise<{ id: string; reference: string }>;
  onCreated: (receipt: { reference: string; id?: string }) => void;
};

/**
 * A lesson request: the public form (/request: no login, embeddable in the organisation's site), or sales taking
 * it on the phone (/office/requests/new: the same fields, then the new file opens).
 */
export function RequestFormPage({ office }: { office?: OfficeEntry }) {
  const { t } = useTranslation(AGENCY_NS);
  const [reference, setReference] = useState<string | null>(null);
  const [allPlaced, setAllPlaced] = useState(true);
  const form = useForm({
    initialValues: {
      guardian: { firstName: '', lastName: '', email: '', phone: '' },
      student: { firstName: '', lastName: '', birthDate: '' },
      instrument: 'piano',
      level: '1',
      goals: '',
      place: 'home',
      address: { line1: '', postalCode: '', city: '', inseeCode: '' },
      slot: { weekday: '3', from: '14:00', to: '16:00' },
      lessonMinutes: 45,
      website: '',
    },
  });
  const mutation = useMutation({
    mutationFn: (v: typeof form.values) =>
      (office?.submit ?? submitRequest)({
        guardian:
          v.guardian.firstName || v.guardian.lastName
            ? {
                firstName: v.guardian.firstName,
                lastName: v.guardian.lastName,
                email: blankToNull(v.guardian.email),
                phone: blankToNull(v.guardian.phone),
              }
            : null,
        student: {
          firstName: v.student.firstName,
          lastName: v.student.lastName || v.guardian.lastName,
          birthDate: v.student.birthDate,
        },
        instrument: v.instrument,
        level: Number(v.level),
        goals: blankToNull(v.goals),
        place: v.place,
        address: v.place === 'online' ? null : { ...v.address, inseeCode: blankToNull(v.address.inseeCode) },
        slots: [
          { weekday: Number(v.slot.weekday), startMinute: toMinutes(v.slot.from), endMinute: toMinutes(v.slot.to) },
        ],
        lessonMinutes: v.lessonMinutes,
        frequency: 'weekly',
        styles: [],
        locale: currentLanguage(),
        website: v.website,
      }),
    onSuccess: (r: { reference: string; id?: string }) => (office ? office.onCreated(r) : setReference(r.reference)),
    onError: (error) => setAllPlaced(applyProblemToForm(form, error, REQUEST_FIELDS)),
  });

  // A postal code several communes share: the form asks which one (the server never guesses either).
  const postalCode = form.values.address.postalCode.trim();
  const places = useQuery({
    queryKey: ['places', postalCode],
    queryFn: () => listPlaces(postalCode),
    enabled: /^\d{5}$/.test(postalCode) && form.values.place !== 'online',
    staleTime: Infinity,
  });
  const communes = places.data && places.data.length > 1 ? places.data : null;

  if (reference) {
    return (
      <Stack>
        <PageTitle>{t('request.title')}</PageTitle>
        <Alert color="green" role="status">
          {t('request.sent', { reference })}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack>
      <PageTitle>{t(office ? 'pages.phone.title' : 'request.title')}</PageTitle>
      <Text>{t(office ? 'pages.phone.intro' : 'request.intro')}</Text>
      <form onSubmit={form.onSubmit((v) => mutation.mutate(v))} noValidate>
        <Stack>
          <Fieldset legend={t('request.guardian')}>
            <Group grow wrap="wrap">
              <TextInput
                label={t('request.firstName')}
                withAsterisk
                autoComplete="given-name"
                {...form.getInputProps('guardian.firstName')}
              />
              <TextInput
                label={t('request.lastName')}
                withAsterisk
                autoComplete="family-name"
                {...form.getInputProps('guardian.lastName')}
              />
            </Group>
            <Group grow wrap="wrap">
              <TextInput
                label={t('request.email')}
                description={t('request.contactHint')}
                type="email"
                autoComplete="email"
                {...form.getInputProps('guardian.email')}
              />
              <TextInput
                label={t('request.phone')}
                type="tel"
                autoComplete="tel"
                {...form.getInputProps('guardian.phone')}
              />
            </Group>
          </Fieldset>
          <Fieldset legend={t('request.student')}>
            <Group grow wrap="wrap">
              <TextInput label={t('request.firstName')} required {...form.getInputProps('student.firstName')} />
              <TextInput label={t('request.lastName')} {...form.getInputProps('student.lastName')} />
            </Group>
            <TextInput
              label={t('request.birthDate')}
              type="date"
              required
              {...form.getInputProps('student.birthDate')}
            />
          </Fieldset>
          <Group grow wrap="wrap">
            <NativeSelect
              label={t('request.instrument')}
              data={CATALOGUE_INSTRUMENTS.map((i) => ({ value: i, label: t(`instrument.${i}`) }))}
              {...form.getInputProps('instrument')}
            />
            <NativeSelect
              label={t('request.level')}
              data={['1', '2', '3'].map((l) => ({ value: l, label: t(`level.${l}`) }))}
              {...form.getInputProps('level')}
            />
          </Group>
          <Textarea label={t('request.goals')} autosize minRows={2} {...form.getInputProps('goals')} />
          <NativeSelect
            label={t('request.place')}
            data={['home', 'online'].map((p) => ({ value: p, label: t(`place.${p}`) }))}
            {...form.getInputProps('place')}
          />
          {form.values.place !== 'online' ? (
            <Group grow wrap="wrap">
              <TextInput
                label={t('request.line1')}
                withAsterisk
                autoComplete="street-address"
                {...form.getInputProps('address.line1')}
              />
              <TextInput
                label={t('request.postalCode')}
                withAsterisk
                autoComplete="postal-code"
                inputMode="numeric"
                {...form.getInputProps('address.postalCode')}
              />
              {communes ? (
                <NativeSelect
                  label={t('request.commune')}
                  required
                  data={[
                    { value: '', label: t('request.chooseCommune') },
                    ...communes.map((c) => ({ value: c.inseeCode, label: c.commune })),
                  ]}
                  value={form.values.address.inseeCode}
                  error={form.errors['address.city']}
                  onChange={(e) => {
                    const chosen = communes.find((c) => c.inseeCode === e.currentTarget.value);
                    form.setFieldValue('address.inseeCode', chosen?.inseeCode ?? '');
                    form.setFieldValue('address.city', chosen?.commune ?? '');
                    form.clearFieldError('address.city');
                  }}
                />
              ) : (
                <TextInput
                  label={t('request.city')}
                  withAsterisk
                  autoComplete="address-level2"
                  {...form.getInputProps('address.city')}
                />
              )}
            </Group>
          ) : null}
          <Fieldset legend={t('request.slot')}>
            <Group grow wrap="wrap">
              <NativeSelect
                label={t('request.weekday')}
                data={['1', '2', '3', '4', '5', '6', '7'].map((d) => ({ value: d, label: t(`weekday.${d}`) }))}
                {...form.getInputProps('slot.weekday')}
              />
              <TextInput label={t('request.from')} type="time" {...form.getInputProps('slot.from')} />
              <TextInput label={t('request.to')} type="time" {...form.getInputProps('slot.to')} />
            </Group>
          </Fieldset>
          <NumberInput
            label={t('request.lessonMinutes')}
            min={30}
            max={90}
            step={15}
            {...form.getInputProps('lessonMinutes')}
          />
          {/* A honeypot: hidden from people and from assistive technology, filled by robots. */}
          <div style={{ display: 'none' }}>
            <TextInput
              label={t('request.website')}
              tabIndex={-1}
              autoComplete="off"
              {...form.getInputProps('website')}
            />
          </div>
          {mutation.error && (!allPlaced || !Object.keys(form.errors).length) ? (
            <ProblemAlert error={mutation.error} />
          ) : null}
          <Button type="submit" loading={mutation.isPending}>
            {t('request.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
