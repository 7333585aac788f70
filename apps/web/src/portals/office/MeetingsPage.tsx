import { Anchor, Button, Group, NumberInput, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useForm } from '@mantine/form';
import { createMeeting, listMeetings } from '../../features/teachers/lifecycle-api';
import { rolesGrant } from '../../api/contract-values';
import { useCurrentUser } from '../../features/auth/use-me';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';

function CreateMeetingForm() {
  const { t } = useTranslation(TL_NS);
  const navigate = useNavigate();
  const client = useQueryClient();
  const form = useForm({
    initialValues: {
      subject: '',
      startsAt: '',
      durationMinutes: 120,
      place: '',
      videoUrl: '',
      facilitator: '',
      capacity: 15,
      notes: '',
    },
  });
  const create = useMutation({
    mutationFn: (v: typeof form.values) =>
      createMeeting({
        ...v,
        startsAt: v.startsAt ? new Date(v.startsAt).toISOString() : '',
        place: v.place.trim() || null,
        videoUrl: v.videoUrl.trim() || null,
        notes: v.notes.trim() || null,
      }),
    onSuccess: async (m) => {
      await client.invalidateQueries({ queryKey: ['meetings'] });
      await navigate(`/office/meetings/${m.id}`);
    },
    onError: (error) => applyProblemToForm(form, error),
  });
  return (
    <form onSubmit={form.onSubmit((v) => create.mutate(v))}>
      <Stack>
        <TextInput label={t('meetings.subject')} required {...form.getInputProps('subject')} />
        <Group grow wrap="wrap" align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('meetings.startsAt')}
            required
            miw={220}
            {...form.getInputProps('startsAt')}
          />
          <NumberInput
            label={t('meetings.duration')}
            min={15}
            max={600}
            miw={140}
            {...form.getInputProps('durationMinutes')}
          />
          <NumberInput
            label={t('meetings.capacity')}
            min={1}
            max={1000}
            miw={120}
            {...form.getInputProps('capacity')}
          />
        </Group>
        <Group grow wrap="wrap" align="flex-start">
          <TextInput label={t('meetings.place')} miw={220} {...form.getInputProps('place')} />
          <TextInput label={t('meetings.videoUrl')} type="url" miw={220} {...form.getInputProps('videoUrl')} />
        </Group>
        <TextInput label={t('meetings.facilitator')} required {...form.getInputProps('facilitator')} />
        <Textarea label={t('meetings.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        {create.error && !Object.keys(form.errors).length ? <ProblemAlert error={create.error} /> : null}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('meetings.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Pedagogical meetings: the list and scheduling a new one. */
export function MeetingsPage() {
  const { t } = useTranslation(TL_NS);
  const me = useCurrentUser();
  const query = useQuery({ queryKey: ['meetings'], queryFn: listMeetings });
  return (
    <Stack>
      <PageTitle>{t('meetings.title')}</PageTitle>
      {!query.data ? (
        <QueryFallback error={query.error} asPage={false} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">{t('meetings.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={500}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('meetings.when')}</Table.Th>
                <Table.Th>{t('meetings.subject')}</Table.Th>
                <Table.Th>{t('meetings.invitations')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{formatDateTime(m.startsAt)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/meetings/${m.id}`}>
                      {m.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {t('meetings.counts', { invited: m.invited, yes: m.yes, no: m.no, attended: m.attended })}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {rolesGrant(me.roles, 'teachers.scheduleMeetings') ? (
        <Section title={t('meetings.create')}>
          <CreateMeetingForm />
        </Section>
      ) : null}
    </Stack>
  );
}
