import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { EmailLink, PhoneLink } from '../../ui/ContactLinks';
import { hasAnyRole } from '../../ui/nav';
import { rolesGrant, type Permission } from '../../api/contract-values';
import { useCurrentUser } from '../../features/auth/use-me';
import { useTaskTitle } from '../../features/agency/TasksPanel';
import { stageReason } from '../../features/agency/stage-reason';
import { OFFICE_ACCESS } from './office-access';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { FileTickets } from './FileTickets';
import { ChoiceReasons, FileCandidates } from './FileCandidates';
import { EditRequest } from './EditRequest';
import { MergeRequest } from '../../features/agency/MergeRequest';
import {
  closeFile,
  endAssignment,
  fileKey,
  getFile,
  listPlans,
  logContact,
  subscribe,
  type FileDetail,
} from '../../features/agency/api';
import { splitProblem } from '../../api/form-errors';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const END_REASONS = [
  'mismatch',
  'teacher_moved',
  'teacher_unavailable',
  'teacher_conduct',
  'student_changed_instrument',
  'family_stopped',
  'other',
];

function useFileAction<T>(fileId: string, fn: (arg: T) => Promise<unknown>, done?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      if (done) notify(done);
      await client.invalidateQueries({ queryKey: fileKey(fileId) });
      await client.invalidateQueries({ queryKey: ['agency-candidates', fileId] });
    },
  });
}

function Subscribe({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const plans = useQuery({ queryKey: ['agency-plans'], queryFn: listPlans });
  const [planId, setPlanId] = useState('');
  const action = useFileAction(file.id, (id: string) => subscribe(file.id, id));
  const options = (plans.data ?? [])
    .filter((p) => p.active)
    .map((p) => ({ value: p.id, label: `${p.name} — ${(p.priceCents / 100).toFixed(2)} €` }));
  const subscribeProblem = splitProblem(action.error, { fields: ['planId'] });
  return (
    <Section title={t('file.subscribe')}>
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('file.plan')}
          error={subscribeProblem.errors.planId}
          value={planId || options[0]?.value || ''}
          onChange={(e) => setPlanId(e.currentTarget.value)}
          data={options}
        />
        <Button
          onClick={() => action.mutate(planId || options[0]?.value || '')}
          loading={action.isPending}
          disabled={!options.length}
        >
          {t('file.subscribe')}
        </Button>
      </Group>
      {subscribeProblem.alert ? <ProblemAlert error={subscribeProblem.alert} /> : null}
    </Section>
  );
}

function ChangeOrClose({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const [reason, setReason] = useState('mismatch');
  const [details, setDetails] = useState('');
  const [newSearch, setNewSearch] = useState(true);
  const [closeReason, setCloseReason] = useState('');
  const end = useFileAction(file.id, () => endAssignment(file.id, { reason, details: details || null, newSearch }));
  const close = useFileAction(file.id, () => closeFile(file.id, closeReason));
  const endProblem = splitProblem(end.error, { fields: ['reason', 'details', 'newSearch'] });
  const closeProblem = splitProblem(close.error, { fields: ['reason'] });
  const active = file.assignments.some((a) => !a.endedOn);
  return (
    <Section title={t('file.endAssignment')}>
      <Stack>
        {active ? (
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('file.endReason')}
              error={endProblem.errors.reason}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              data={END_REASONS.map((r) => ({ value: r, label: t(`endReason.${r}`) }))}
            />
            <TextInput
              label={t('file.details')}
              error={endProblem.errors.details}
              value={details}
              onChange={(e) => setDetails(e.currentTarget.value)}
            />
            <Checkbox
              label={t('file.newSearch')}
              error={endProblem.errors.newSearch}
              checked={newSearch}
              onChange={(e) => setNewSearch(e.currentTarget.checked)}
            />
            <Button onClick={() => end.mutate(undefined)} loading={end.isPending}>
              {t('file.endAssignment')}
            </Button>
          </Group>
        ) : null}
        {endProblem.alert ? <ProblemAlert error={endProblem.alert} /> : null}
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('file.closeReason')}
            error={closeProblem.errors.reason}
            required
            value={closeReason}
            onChange={(e) => setCloseReason(e.currentTarget.value)}
          />
          <Button
            color="red.9"
            variant="outline"
            onClick={() => close.mutate(undefined)}
            disabled={!closeReason.trim()}
            loading={close.isPending}
          >
            {t('file.close')}
          </Button>
        </Group>
        {closeProblem.alert ? <ProblemAlert error={closeProblem.alert} /> : null}
      </Stack>
    </Section>
  );
}

function ContactLog({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const [channel, setChannel] = useState('call');
  const [summary, setSummary] = useState('');
  const [mediation, setMediation] = useState(false);
  const action = useFileAction(file.id, () =>
    logContact(file.id, { channel, direction: channel === 'note' ? null : 'out', summary, mediation }),
  );
  const contactProblem = splitProblem(action.error, { fields: ['channel', 'summary', 'mediation'] });
  return (
    <Section title={t('file.contacts')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          action.mutate(undefined, { onSuccess: () => setSummary('') });
        }}
      >
        <Stack gap="xs">
          <Group align="flex-end" wrap="wrap">
            <NativeSelect
              label={t('file.channel')}
              error={contactProblem.errors.channel}
              value={channel}
              onChange={(e) => setChannel(e.currentTarget.value)}
              data={['call', 'email', 'sms', 'note', 'meeting'].map((c) => ({
                value: c,
                label: t(`file.channels.${c}`),
              }))}
            />
            <Checkbox
              label={t('file.mediation')}
              error={contactProblem.errors.mediation}
              checked={mediation}
              onChange={(e) => setMediation(e.currentTarget.checked)}
            />
          </Group>
          <Textarea
            label={t('file.summaryField')}
            error={contactProblem.errors.summary}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={2}
            required
          />
          {contactProblem.alert ? <ProblemAlert error={contactProblem.alert} /> : null}
          <Group>
            <Button type="submit" loading={action.isPending}>
              {t('file.logContact')}
            </Button>
          </Group>
        </Stack>
      </form>
      <List mt="md" spacing="xs">
        {file.contacts.map((c) => (
          <List.Item key={c.id}>
            <Text size="sm">
              {formatDateTime(c.at)} · {t(`file.channels.${c.channel}`, { defaultValue: c.channel })} ·{' '}
              {c.actorName ?? ''} {c.mediation ? `· ${t('file.mediation')}` : ''}
            </Text>
            <Text size="sm">{c.summary}</Text>
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

/** Where the file leads: its family, student, guardians, teachers, the family's invoices and the file's tickets. */
function FileLinks({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const me = useCurrentUser();
  const guardians = file.family.members.filter((m) => m.kind === 'guardian');
  const teachers = [...new Map(file.assignments.map((a) => [a.teacherId, a])).values()];
  return (
    <Section title={t('links.title')}>
      <Stack gap="xs" component="nav" aria-label={t('links.title')}>
        <Group gap="md" wrap="wrap">
          <Anchor component={Link} to={`/office/families/${file.family.id}`}>
            {t('links.family', { name: file.family.name })}
          </Anchor>
          {file.student ? (
            <Anchor component={Link} to={`/office/people/${file.student.id}`}>
              {t('links.student', { name: `${file.student.firstName} ${file.student.lastName}` })}
            </Anchor>
          ) : null}
          {hasAnyRole(me.roles, OFFICE_ACCESS.billing) ? (
            <Anchor component={Link} to={`/office/billing?familyId=${file.family.id}`}>
              {t('links.invoices')}
            </Anchor>
          ) : null}
          {file.access === 'staff' && hasAnyRole(me.roles, OFFICE_ACCESS.tickets) ? (
            <Anchor href="#file-tickets">{t('links.tickets', { count: file.tickets.length })}</Anchor>
          ) : null}
        </Group>
        {guardians.map((m) => (
          <Group key={m.id} gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/office/people/${m.id}`}>
              {t('links.guardian', { name: `${m.firstName} ${m.lastName}` })}
            </Anchor>
            {m.phone ? <PhoneLink phone={m.phone} size="sm" /> : null}
            {m.email ? <EmailLink email={m.email} size="sm" /> : null}
          </Group>
        ))}
        {teachers.map((a) => (
          <Group key={a.teacherId} gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/office/teachers/${a.teacherId}`}>
              {t('links.teacher', { name: a.teacherName })}
            </Anchor>
            {a.teacherPhone ? <PhoneLink phone={a.teacherPhone} size="sm" /> : null}
            {a.teacherEmail ? <EmailLink email={a.teacherEmail} size="sm" /> : null}
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

/** The file page: the request, its alerts, what to do at this stage, and everything that happened. */
export function FilePage() {
  const { t } = useTranslation(AGENCY_NS);
  const { id = '' } = useParams();
  const query = useQuery({ queryKey: fileKey(id), queryFn: () => getFile(id) });
  const taskTitle = useTaskTitle();
  const me = useCurrentUser();
  // Panels a role cannot use are not shown (the API would refuse their calls).
  const can = (permission: Permission) => rolesGrant(me.roles, permission);
  if (!query.data) return <QueryFallback error={query.error} />;
  const f = query.data;
  const name = f.student ? `${f.student.firstName} ${f.student.lastName}` : f.family.name;
  return (
    <Stack>
      <PageTitle
        actions={
          <Badge size="lg" color="blue.9">
            {t(`stage.${f.stage}`)}
          </Badge>
        }
      >
        {t('file.title', { name })}
      </PageTitle>
      {f.duplicateOf ? <Alert color="grape">{t('file.duplicateOf', { name: f.duplicateOf.name })}</Alert> : null}
      <MergeRequest file={f} />
      {f.noLessonWhileBillable ? <Alert color="red">{t('pipeline.noLesson')}</Alert> : null}
      {f.overdue ? (
        <Alert color="orange">
          {t('pipeline.overdue')} — {t('pipeline.days', { count: f.daysInStage })}
        </Alert>
      ) : null}
      {f.reference ? <Text size="sm">{t('links.reference', { reference: f.reference })}</Text> : null}
      <FileLinks file={f} />
      <Section title={t('file.summary')}>
        <Stack gap={4}>
          <Text>
            {t(`instrument.${f.instrument}`, { defaultValue: f.instrument })} · {t(`level.${f.level}`)} ·{' '}
            {t(`place.${f.place}`)} {f.address.city ? `· ${f.address.postalCode ?? ''} ${f.address.city}` : ''}
            {f.student?.age !== null && f.student?.age !== undefined ? ` · ${f.student.age} ans` : ''}
          </Text>
          {f.goals ? <Text size="sm">{f.goals}</Text> : null}
          <Text size="sm">
            {f.slots.map((s) => `${t(`weekday.${s.weekday}`)} ${hhmm(s.startMinute)}–${hhmm(s.endMinute)}`).join(' · ')}
          </Text>
          {f.family.members
            .filter((m) => m.kind !== 'guardian')
            .map((m) => (
              <Group key={m.id} gap="xs" wrap="wrap">
                <Text size="sm">
                  {m.firstName} {m.lastName}
                </Text>
                {m.phone ? <PhoneLink phone={m.phone} size="sm" /> : null}
                {m.email ? <EmailLink email={m.email} size="sm" /> : null}
              </Group>
            ))}
          {f.subscription ? (
            <Text size="sm">
              {t('file.subscription', {
                plan: f.subscription.planName,
                status: t(`file.subscriptionStatus.${f.subscription.status}`, { defaultValue: f.subscription.status }),
              })}
            </Text>
          ) : null}
        </Stack>
      </Section>
      {f.stage !== 'closed' && f.access === 'staff' && can('agency.work') ? <EditRequest file={f} /> : null}
      {f.stage === 'new_request' && can('agency.sell') ? <Subscribe file={f} /> : null}
      {f.stage === 'matching' && can('agency.match') ? <FileCandidates file={f} /> : null}
      {['contact_handed_over', 'first_lesson_scheduled', 'ongoing'].includes(f.stage) &&
      (can('agency.endAssignment') || can('agency.close')) ? (
        <ChangeOrClose file={f} />
      ) : null}
      <Section title={t('file.assignments')}>
        {f.assignments.length === 0 ? (
          <Text>{t('file.none')}</Text>
        ) : (
          <List>
            {f.assignments.map((a) => (
              <List.Item key={a.id}>
                {a.teacherName} · {formatDate(a.startedOn)}
                {a.endedOn ? ` → ${formatDate(a.endedOn)} (${t(`endReason.${a.endReason ?? 'other'}`)})` : ''} ·{' '}
                {a.firstLessonOn
                  ? t('file.firstLessonOn', { date: formatDate(a.firstLessonOn) })
                  : t('file.noFirstLesson')}
                {a.choiceReasons ? <ChoiceReasons reasons={a.choiceReasons} /> : null}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('file.lessons')}>
        {f.lessons.length === 0 ? (
          <Text>{t('file.none')}</Text>
        ) : (
          <List>
            {f.lessons.map((l) => (
              <List.Item key={l.id}>
                {formatDate(l.date)} · {l.minutes} min · {t(`lessonStatus.${l.status}`)}{' '}
                {l.familyResponse ? `· ${t(`portal.${l.familyResponse}`)}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title={t('file.tasks')}>
        {f.tasks.length === 0 ? (
          <Text>{t('file.none')}</Text>
        ) : (
          <List>
            {f.tasks.map((task) => (
              <List.Item key={task.id}>
                {formatDate(task.dueOn)} · {taskTitle(task)} ·{' '}
                {t(`tasks.status.${task.status}`, { defaultValue: task.status })}
                {task.outcome ? ` · ${task.outcome}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <ContactLog file={f} />
      {f.access === 'staff' ? (
        <div id="file-tickets">
          <FileTickets file={f} />
        </div>
      ) : null}
      <Section title={t('file.history')}>
        <List>
          {f.history.map((h) => (
            <List.Item key={h.at + h.to}>
              {formatDateTime(h.at)} · {t(`stage.${h.to}`)} · {stageReason(h.reason, t, formatDate)}{' '}
              {h.actorName ? `(${h.actorName})` : ''}
            </List.Item>
          ))}
        </List>
      </Section>
    </Stack>
  );
}
