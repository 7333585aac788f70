import { Button, Group, NativeSelect, Stack, Text, TextInput, Textarea, Timeline } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, CreateContactBody } from '@contracts';
import { formatDateTime } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { blankToNull, zodErrors } from '../../ui/zod-form';
import { contactsKey, createContact, listContacts, type ContactSubject, type CreateContactInput } from './api';
import { useSubmit } from '../../ui/use-submit';

type Channel = (typeof CONTACT_CHANNELS)[number];
interface Values {
  channel: Channel;
  direction: '' | 'in' | 'out';
  summary: string;
  outcome: string;
}

function toBody(values: Values, subject: ContactSubject): CreateContactInput {
  return {
    ...subject,
    channel: values.channel,
    direction: values.direction === '' ? null : values.direction,
    summary: values.summary,
    outcome: blankToNull(values.outcome),
  };
}

function ContactForm({ subject }: { subject: ContactSubject }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: { channel: 'call', direction: 'out', summary: '', outcome: '' },
    validate: (values) => zodErrors(CreateContactBody, toBody(values, subject)),
  });
  const {
    submit,
    pending: saving,
    error,
  } = useSubmit(
    form,
    async (values) => {
      await createContact(toBody(values, subject));
      form.reset();
    },
    { success: t('contacts.added'), onSuccess: () => client.invalidateQueries({ queryKey: contactsKey(subject) }) },
  );
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('contacts.channel')}
            data={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`contacts.channels.${c}`) }))}
            {...form.getInputProps('channel')}
          />
          <NativeSelect
            label={t('contacts.direction')}
            data={[
              { value: 'out', label: t('contacts.directions.out') },
              { value: 'in', label: t('contacts.directions.in') },
              { value: '', label: t('contacts.directions.none') },
            ]}
            {...form.getInputProps('direction')}
          />
        </Group>
        <Textarea label={t('contacts.summary')} required autosize minRows={2} {...form.getInputProps('summary')} />
        <TextInput label={t('contacts.outcome')} {...form.getInputProps('outcome')} />
        <Group>
          <Button type="submit" loading={saving}>
            {t('contacts.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The contact log of a family or a person: every call, e-mail or meeting, and a form to add one. */
export function ContactLogSection({ subject }: { subject: ContactSubject }) {
  const { t } = useTranslation();
  const { data, error, isPending } = useQuery({ queryKey: contactsKey(subject), queryFn: () => listContacts(subject) });

  return (
    <Section title={t('contacts.title')}>
      <Stack>
        {error ? <ProblemAlert error={error} /> : null}
        {data && data.length > 0 ? (
          <Timeline bulletSize={14} lineWidth={2}>
            {data.map((entry) => (
              <Timeline.Item
                key={entry.id}
                title={`${t(`contacts.channels.${entry.channel}`)}${entry.direction ? ` (${t(`contacts.directions.${entry.direction}`)})` : ''} · ${formatDateTime(entry.at)}${entry.actorName ? ` · ${entry.actorName}` : ''}`}
              >
                <Text size="sm">{entry.summary}</Text>
                {entry.outcome ? (
                  <Text size="sm" c="dimmed">
                    {t('contacts.outcomeLine', { text: entry.outcome })}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        ) : (
          <Text>{isPending ? t('app.loading') : t('contacts.empty')}</Text>
        )}
        <ContactForm subject={subject} />
      </Stack>
    </Section>
  );
}
