import { useState, type ReactNode } from 'react';
import { Alert, Box, Button, Fieldset, Group, Stack, TextInput, Textarea, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldMessage, problemFieldErrors } from '../../api/form-errors';
import { zodErrors } from '../../ui/zod-form';
import { currentLanguage } from '../../i18n/i18n';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { FileField } from '../../features/teachers/FileField';
import { submitApplication } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';
import { teachingToBody } from '../../features/teachers/teaching-values';
import { TeachingFields, type TeachingValues } from '../../features/teachers/TeachingFields';

/** The public application form (/apply): no login, a CV checked by the server from its content. */
export function ApplyPage() {
  const { t } = useTranslation(TL_NS);
  const [who, setWho] = useState({ firstName: '', lastName: '', email: '', phone: '', postalCode: '', city: '' });
  const [text, setText] = useState({ background: '', approach: '', message: '', website: '' });
  const [teaching, setTeaching] = useState<TeachingValues>({
    instruments: [{ instrument: 'piano', levelMin: 1, levelMax: 3, ageMin: 6, ageMax: 99 }],
    styles: [],
    postalCodes: [],
    departments: [],
    maxTravelKm: 10,
    teachesAtHome: true,
    teachesAtSchool: false,
    teachesOnline: false,
    slots: [{ weekday: 3, start: '14:00', end: '18:00' }],
  });
  const [cv, setCv] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, ReactNode>>({});
  const body = () => ({
    ...who,
    phone: who.phone.trim() || null,
    postalCode: who.postalCode.trim() || null,
    city: who.city.trim() || null,
    locale: currentLanguage(),
    ...teachingToBody(teaching),
    background: text.background,
    approach: text.approach,
    message: text.message.trim() || null,
    website: text.website || null,
  });
  const submit = useMutation({
    mutationFn: () => submitApplication(body(), cv as File),
    // every field the server refused, at once, on its field (the CV's errors are the server's "file")
    onError: (error) => setErrors(problemFieldErrors(error, { rename: { file: 'cv' } })?.errors ?? {}),
  });
  const field = (key: keyof typeof who, label: string, props: Record<string, unknown> = {}) => (
    <TextInput
      label={t(label)}
      value={who[key]}
      onChange={(e) => setWho({ ...who, [key]: e.currentTarget.value })}
      error={errors[key]}
      {...props}
    />
  );

  if (submit.isSuccess) {
    return (
      <Stack>
        <PageTitle>{t('apply.title')}</PageTitle>
        <Alert color="green" role="status">
          {t('apply.thanks')}
        </Alert>
      </Stack>
    );
  }
  return (
    <Stack>
      <PageTitle>{t('apply.title')}</PageTitle>
      <Text>{t('apply.intro')}</Text>
      <form
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          // every missing or wrong field at once, with the schema the server uses (loaded on the first submit: the
          // contracts' schemas weigh ~85 kB gzipped, too much for the form's first paint), and the CV
          const { TeacherApplicationBody } = await import('@contracts');
          const found = {
            ...zodErrors(TeacherApplicationBody, body()),
            ...(cv ? {} : { cv: fieldMessage('FILE_REQUIRED') }),
          };
          setErrors(found);
          if (!Object.keys(found).length) submit.mutate();
        }}
      >
        <Stack>
          <Fieldset legend={t('apply.identity')}>
            <Group grow wrap="wrap" align="flex-start">
              {field('firstName', 'apply.firstName', { required: true, autoComplete: 'given-name', miw: 180 })}
              {field('lastName', 'apply.lastName', { required: true, autoComplete: 'family-name', miw: 180 })}
            </Group>
            <Group grow wrap="wrap" align="flex-start">
              {field('email', 'apply.email', { required: true, type: 'email', autoComplete: 'email', miw: 220 })}
              {field('phone', 'apply.phone', { type: 'tel', autoComplete: 'tel', miw: 180 })}
            </Group>
            <Group grow wrap="wrap" align="flex-start">
              {field('postalCode', 'apply.postalCode', { autoComplete: 'postal-code', miw: 120 })}
              {field('city', 'apply.city', { autoComplete: 'address-level2', miw: 180 })}
            </Group>
          </Fieldset>
          <TeachingFields
            values={teaching}
            set={(key, value) => setTeaching((v) => ({ ...v, [key]: value }))}
            errors={errors}
          />
          <Textarea
            label={t('apply.background')}
            required
            autosize
            minRows={3}
            value={text.background}
            onChange={(e) => setText({ ...text, background: e.currentTarget.value })}
            error={errors.background}
          />
          <Textarea
            label={t('apply.approach')}
            required
            autosize
            minRows={3}
            value={text.approach}
            onChange={(e) => setText({ ...text, approach: e.currentTarget.value })}
            error={errors.approach}
          />
          <Textarea
            label={t('apply.message')}
            autosize
            minRows={2}
            value={text.message}
            onChange={(e) => setText({ ...text, message: e.currentTarget.value })}
            error={errors.message}
          />
          <FileField
            label={t('apply.cv')}
            name="cv"
            accept="application/pdf,image/jpeg,image/png,image/webp"
            required
            onChange={setCv}
            error={errors.cv}
          />
          {/* Honeypot: hidden from people and from assistive technologies; robots fill it. */}
          <Box aria-hidden style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
            <label>
              {t('apply.website')}
              <input
                type="text"
                name="website"
                tabIndex={-1}
                autoComplete="off"
                value={text.website}
                onChange={(e) => setText({ ...text, website: e.currentTarget.value })}
              />
            </label>
          </Box>
          {submit.error ? <ProblemAlert error={submit.error} /> : null}
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('apply.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
