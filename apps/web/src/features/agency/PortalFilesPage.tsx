import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { splitProblem } from '../../api/form-errors';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { useKeysetList } from '../../ui/use-keyset-list';
import { AGENCY_NS } from './agency-i18n';
import {
  fileKey,
  getFile,
  listFiles,
  recordFirstLesson,
  recordLesson,
  respondToLesson,
  sendFamilyRequest,
  type FileDetail,
} from './api';
import { EmailLink, PhoneLink } from '../../ui/ContactLinks';

function useRefresh(fileId: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: fileKey(fileId) });
  };
}

function FirstLessonForm({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const [date, setDate] = useState('');
  const refresh = useRefresh(file.id);
  const action = useMutation({
    mutationFn: (body: { date: string } | { couldNotReach: true }) => recordFirstLesson(file.id, body),
    onSuccess: async () => {
      notify(t('portal.saved'));
      await refresh();
    },
  });
  const problem = splitProblem(action.error, { fields: ['date'] });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate({ date });
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('portal.firstLesson')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={problem.errors.date}
          required
        />
        <Button type="submit" loading={action.isPending}>
          {t('portal.save')}
        </Button>
        <Button variant="default" onClick={() => action.mutate({ couldNotReach: true })}>
          {t('portal.couldNotReach')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
    </form>
  );
}

function RecordLessonForm({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const [date, setDate] = useState('');
  const [minutes, setMinutes] = useState<number | string>(file.lessonMinutes);
  const [status, setStatus] = useState('done');
  const refresh = useRefresh(file.id);
  const action = useMutation({
    mutationFn: () => recordLesson(file.id, { date, minutes: Number(minutes), status }),
    onSuccess: async () => {
      notify(t('portal.saved'));
      setDate('');
      await refresh();
    },
  });
  const problem = splitProblem(action.error, { fields: ['date', 'minutes', 'status'] });
  return (
    <form
      aria-label={t('portal.recordLesson')}
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('portal.date')}
          type="date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          error={problem.errors.date}
          required
        />
        <NumberInput
          label={t('portal.minutes')}
          value={minutes}
          onChange={setMinutes}
          min={10}
          max={240}
          w={140}
          error={problem.errors.minutes}
        />
        <NativeSelect
          label={t('portal.status')}
          error={problem.errors.status}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data={['done', 'late', 'cancelled_by_teacher', 'cancelled_by_family'].map((s) => ({
            value: s,
            label: t(`lessonStatus.${s}`),
          }))}
        />
        <Button type="submit" loading={action.isPending}>
          {t('portal.recordLesson')}
        </Button>
      </Group>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
    </form>
  );
}

function LessonList({ file, canRespond }: { file: FileDetail; canRespond: boolean }) {
  const { t } = useTranslation(AGENCY_NS);
  const refresh = useRefresh(file.id);
  const [reason, setReason] = useState('');
  const respond = useMutation({
    mutationFn: (v: { id: string; body: { response: 'confirmed' } | { response: 'disputed'; reason: string } }) =>
      respondToLesson(v.id, v.body),
    onSuccess: refresh,
  });
  const problem = splitProblem(respond.error, { fields: ['reason'] });
  if (!file.lessons.length) return <Text>{t('file.none')}</Text>;
  return (
    <Stack gap="xs">
      {canRespond ? (
        <TextInput
          label={t('portal.disputeReason')}
          error={problem.errors.reason}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      ) : null}
      <List>
        {file.lessons.map((l) => (
          <List.Item key={l.id}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm">
                {formatDate(l.date)} · {l.minutes} min · {t(`lessonStatus.${l.status}`)}{' '}
                {l.familyResponse ? `· ${t(`portal.${l.familyResponse}`)}` : ''}
              </Text>
              {canRespond && !l.familyResponse ? (
                <>
                  <Button
                    size="compact-xs"
                    onClick={() => respond.mutate({ id: l.id, body: { response: 'confirmed' } })}
                  >
                    {t('portal.confirm')}
                  </Button>
                  <Button
                    size="compact-xs"
                    variant="default"
                    disabled={!reason.trim()}
                    onClick={() => respond.mutate({ id: l.id, body: { response: 'disputed', reason } })}
                  >
                    {t('portal.dispute')}
                  </Button>
                </>
              ) : null}
            </Group>
          </List.Item>
        ))}
      </List>
      {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
    </Stack>
  );
}

/** The family asks for a change of teacher or reports a problem: the followup team gets it as a task. */
function FamilyRequestForm({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const [kind, setKind] = useState('change_teacher');
  const [message, setMessage] = useState('');
  const action = useMutation({
    mutationFn: () => sendFamilyRequest(file.id, { kind, message }),
    onSuccess: () => {
      notify(t('familyRequest.sent'));
      setMessage('');
    },
  });
  const problem = splitProblem(action.error, { fields: ['kind', 'message'] });
  return (
    <form
      aria-label={t('familyRequest.title')}
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('familyRequest.title')}
        </Title>
        <NativeSelect
          label={t('familyRequest.kind')}
          error={problem.errors.kind}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value)}
          data={['change_teacher', 'problem'].map((k) => ({ value: k, label: t(`familyRequest.kinds.${k}`) }))}
        />
        <Textarea
          label={t('familyRequest.message')}
          error={problem.errors.message}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          autosize
          minRows={3}
          required
        />
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        {action.isSuccess ? <Alert color="green.9">{t('familyRequest.sent')}</Alert> : null}
        <Group>
          <Button type="submit" loading={action.isPending}>
            {t('familyRequest.send')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PortalFile({ fileId, audience }: { fileId: string; audience: 'teacher' | 'family' }) {
  const { t } = useTranslation(AGENCY_NS);
  const query = useQuery({ queryKey: fileKey(fileId), queryFn: () => getFile(fileId) });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  const f = query.data;
  const current = f.assignments.find((a) => !a.endedOn);
  const title = f.student
    ? `${f.student.firstName} ${f.student.lastName} — ${t(`instrument.${f.instrument}`, { defaultValue: f.instrument })}`
    : f.family.name;
  const waitingForDate = (f.stage === 'contact_handed_over' || f.stage === 'first_lesson_scheduled') && current;
  return (
    <Section title={title}>
      <Stack>
        {audience === 'teacher' ? (
          <Stack gap={2}>
            {f.family.members
              .filter((m) => m.kind === 'guardian' || m.email || m.phone)
              .map((m) => (
                <Group key={m.id} gap="xs" wrap="wrap">
                  <Text size="sm">
                    {m.firstName} {m.lastName}
                  </Text>
                  {m.phone ? <PhoneLink phone={m.phone} size="sm" /> : null}
                  {m.email ? <EmailLink email={m.email} size="sm" /> : null}
                </Group>
              ))}
            {f.address.line1 ? (
              <Text size="sm">{`${f.address.line1}, ${f.address.postalCode ?? ''} ${f.address.city ?? ''}`}</Text>
            ) : null}
          </Stack>
        ) : current ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm">
              {t('portal.teacher')} : {current.teacherName}
            </Text>
            {current.teacherPhone ? <PhoneLink phone={current.teacherPhone} size="sm" /> : null}
            {current.teacherEmail ? <EmailLink email={current.teacherEmail} size="sm" /> : null}
          </Group>
        ) : null}
        {f.subscription && audience === 'family' ? (
          <Text size="sm">
            {t('file.subscription', { plan: f.subscription.planName, status: f.subscription.status })}
          </Text>
        ) : null}
        {current ? (
          <Text size="sm">
            {current.firstLessonOn
              ? t('file.firstLessonOn', { date: formatDate(current.firstLessonOn) })
              : t('file.noFirstLesson')}
          </Text>
        ) : null}
        {waitingForDate ? <FirstLessonForm file={f} /> : null}
        {audience === 'teacher' && current ? <RecordLessonForm file={f} /> : null}
        <LessonList file={f} canRespond={audience === 'family'} />
        {audience === 'family' ? <FamilyRequestForm file={f} /> : null}
      </Stack>
    </Section>
  );
}

function PortalFiles({ audience }: { audience: 'teacher' | 'family' }) {
  const { t } = useTranslation(AGENCY_NS);
  // Filtered on the server and paged: a teacher's closed files of past years must not push current students off the page.
  const files = useKeysetList(['agency-portal-files'], (cursor) => listFiles({ open: 'true', cursor }));
  if (files.isPending || files.error) return <QueryFallback error={files.error} asPage={false} />;
  if (!files.items.length) return <Text>{audience === 'teacher' ? t('portal.noStudents') : t('portal.noFile')}</Text>;
  return (
    <Stack>
      {files.items.map((f) => (
        <PortalFile key={f.id} fileId={f.id} audience={audience} />
      ))}
      <LoadMoreButton
        hasNextPage={files.hasNextPage}
        isFetchingNextPage={files.isFetchingNextPage}
        fetchNextPage={files.fetchNextPage}
      />
    </Stack>
  );
}

/**
 * The page shared by two portals (each route passes its audience): the teacher's students (only theirs, with
 * contacts, the first-lesson date, lessons), or the family's lessons (confirm or dispute, the first-lesson answer,
 * the teacher's contact, the plan).
 */
export function PortalFilesPage({ audience }: { audience: 'teacher' | 'family' }) {
  const { t } = useTranslation(AGENCY_NS);
  return (
    <Stack>
      <PageTitle>{audience === 'teacher' ? t('portal.students') : t('portal.ourLessons')}</PageTitle>
      <PortalFiles audience={audience} />
    </Stack>
  );
}
