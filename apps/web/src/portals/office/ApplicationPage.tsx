import { useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TeacherApplication } from '@contracts';
import { formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { HistorySection } from '../../features/history/HistorySection';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import {
  acceptApplication,
  documentUrl,
  getApplication,
  saveInterview,
  transitionApplication,
} from '../../features/teachers/lifecycle-api';
import { minutesToTime, TL_NS } from '../../features/teachers/lifecycle-i18n';
import { splitProblem } from '../../api/form-errors';

function Interview({ app, onSaved }: { app: TeacherApplication; onSaved: (a: TeacherApplication) => void }) {
  const { t } = useTranslation(TL_NS);
  const [v, setV] = useState({
    background: app.interview.background ?? '',
    approach: app.interview.approach ?? '',
    conditionsExplained: app.interview.conditionsExplained,
    notes: app.interview.notes ?? '',
  });
  const save = useMutation({
    mutationFn: () =>
      saveInterview(app.id, {
        version: app.version,
        background: v.background || null,
        approach: v.approach || null,
        conditionsExplained: v.conditionsExplained,
        notes: v.notes || null,
      }),
    onSuccess: (a) => {
      notify(t('suspensions.done'));
      onSaved(a);
    },
  });
  const problem = splitProblem(save.error, { fields: ['background', 'approach', 'conditionsExplained', 'notes'] });
  const editable = ['new', 'called', 'interview_done'].includes(app.status);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Textarea
          label={t('applications.interviewBackground')}
          error={problem.errors.background}
          autosize
          minRows={2}
          value={v.background}
          onChange={(e) => setV({ ...v, background: e.currentTarget.value })}
          disabled={!editable}
        />
        <Textarea
          label={t('applications.interviewApproach')}
          error={problem.errors.approach}
          autosize
          minRows={2}
          value={v.approach}
          onChange={(e) => setV({ ...v, approach: e.currentTarget.value })}
          disabled={!editable}
        />
        <Checkbox
          label={t('applications.conditions')}
          error={problem.errors.conditionsExplained}
          checked={v.conditionsExplained}
          onChange={(e) => setV({ ...v, conditionsExplained: e.currentTarget.checked })}
          disabled={!editable}
        />
        <Textarea
          label={t('applications.notes')}
          error={problem.errors.notes}
          autosize
          minRows={2}
          value={v.notes}
          onChange={(e) => setV({ ...v, notes: e.currentTarget.value })}
          disabled={!editable}
        />
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        {editable ? (
          <Group>
            <Button type="submit" loading={save.isPending}>
              {t('applications.saveInterview')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}

/** One application: what the applicant wrote, the interview notes, and the decision. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const [reason, setReason] = useState('');
  const query = useQuery({ queryKey: ['teacher-application', id], queryFn: () => getApplication(id) });
  const put = (a: TeacherApplication) => {
    client.setQueryData(['teacher-application', id], a);
    void client.invalidateQueries({ queryKey: ['teacher-applications'] });
  };
  const move = useMutation({
    mutationFn: (to: string) =>
      transitionApplication(id, { version: query.data?.version ?? 0, to, reason: reason.trim() || null }),
    onSuccess: put,
  });
  const moveProblem = splitProblem(move.error, { fields: ['reason'] });
  const accept = useMutation({ mutationFn: () => acceptApplication(id, query.data?.version ?? 0), onSuccess: put });
  if (!query.data) return <QueryFallback error={query.error} />;
  const a = query.data;
  const none = t('profile.none');

  return (
    <Stack>
      <PageTitle>{t('applications.detail', { name: `${a.firstName} ${a.lastName}` })}</PageTitle>
      <Group>
        <Text fw={600}>{t('applications.stage')}</Text>
        <Badge>{t(`appStatus.${a.status}`)}</Badge>
        {a.teacherId ? (
          <Anchor component={Link} to={`/office/teachers/${a.teacherId}`}>
            {t('applications.teacherCreated')}
          </Anchor>
        ) : null}
      </Group>
      <Section title={t('applications.fromForm')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Text>
            {a.email}
            <br />
            {a.phone ?? none}
            <br />
            {[a.postalCode, a.city].filter(Boolean).join(' ') || none}
          </Text>
          <div>
            <ul>
              {a.instrumentsTaught.map((i) => (
                <li key={i.instrument}>
                  {t(`instrument.${i.instrument}`, { ns: AGENCY_NS, defaultValue: i.instrument })} —{' '}
                  {t(`level.${i.levelMin}`)} → {t(`level.${i.levelMax}`)}, {i.ageMin}–{i.ageMax}
                </li>
              ))}
            </ul>
            <Text size="sm">{a.styles.join(', ')}</Text>
            <Text size="sm">{a.zones.map((z) => z.code).join(', ')}</Text>
            <Text size="sm">
              {a.availability
                .map(
                  (s) => `${t(`weekday.${s.weekday}`)} ${minutesToTime(s.startMinute)}–${minutesToTime(s.endMinute)}`,
                )
                .join(' · ')}
            </Text>
          </div>
        </SimpleGrid>
        <Text fw={600} mt="sm">
          {t('apply.background')}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{a.background}</Text>
        <Text fw={600} mt="sm">
          {t('apply.approach')}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{a.approach}</Text>
        {a.message ? (
          <Text mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {a.message}
          </Text>
        ) : null}
        <Text fw={600} mt="sm">
          {t('applications.documents')}
        </Text>
        <ul>
          {a.documents.map((d) => (
            <li key={d.id}>
              <Anchor href={documentUrl(d.id)}>{d.originalName}</Anchor> ({t(`docCategory.${d.category}`)},{' '}
              {formatDateTime(d.createdAt)})
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t('applications.interview')}>
        <Interview key={a.version} app={a} onSaved={put} />
      </Section>
      {['new', 'called', 'interview_done'].includes(a.status) ? (
        <Section title={t('applications.decision')}>
          <Stack>
            <Group wrap="wrap">
              {a.status === 'new' ? (
                <Button onClick={() => move.mutate('called')}>{t('applications.markCalled')}</Button>
              ) : null}
              {a.status === 'called' ? (
                <Button onClick={() => move.mutate('interview_done')}>{t('applications.markInterviewDone')}</Button>
              ) : null}
              {a.status === 'interview_done' ? (
                <Button color="green" loading={accept.isPending} onClick={() => accept.mutate()}>
                  {t('applications.accept')}
                </Button>
              ) : null}
            </Group>
            <TextInput
              label={t('applications.reason')}
              error={moveProblem.errors.reason}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
            />
            <Group wrap="wrap">
              <Button variant="default" color="red" onClick={() => move.mutate('declined')}>
                {t('applications.decline')}
              </Button>
              <Button variant="default" onClick={() => move.mutate('withdrawn')}>
                {t('applications.withdraw')}
              </Button>
            </Group>
            {moveProblem.alert ? <ProblemAlert error={moveProblem.alert} /> : null}
            {accept.error ? <ProblemAlert error={accept.error} /> : null}
          </Stack>
        </Section>
      ) : a.decisionReason ? (
        <Alert>
          {t('applications.reason')} : {a.decisionReason}
        </Alert>
      ) : null}
      <HistorySection sources={[{ entityType: 'teacher-application', entityId: a.id }]} />
    </Stack>
  );
}
