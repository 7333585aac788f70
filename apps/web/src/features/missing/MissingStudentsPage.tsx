import { useState } from 'react';
import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { MISSING_NS } from './missing-i18n';
import * as api from './api';

type Row = api.Missing['students'][number];

/** One missing student: the course, the contacts, the last call, and a call to log. */
function StudentRow({ row }: { row: Row }) {
  const { t } = useTranslation(MISSING_NS);
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState('');
  const call = useMutation({
    mutationFn: () => api.logCall(row.studentId, summary),
    onSuccess: async () => {
      notify(t('missing.called'));
      setOpen(false);
      setSummary('');
      await client.invalidateQueries({ queryKey: ['missing-students'] });
    },
  });
  const headingId = `missing-${row.studentId}-${row.course}`;
  return (
    <Paper component="li" withBorder p="sm" radius="md" aria-labelledby={headingId}>
      <Stack gap={4}>
        <Title order={4} size="h5" id={headingId}>
          <Anchor component={Link} to={`/office/families/${row.familyId}`}>
            {row.studentName}
          </Anchor>{' '}
          — {row.course}
        </Title>
        <Text size="sm">
          {row.reason === 'absent' ? t('missing.absent', { count: row.absences }) : t('missing.silent')} ·{' '}
          {row.lastPresent
            ? t('missing.lastPresent', { date: formatDate(row.lastPresent) })
            : t('missing.neverPresent')}
        </Text>
        {row.contacts.length === 0 ? <Text size="sm">{t('missing.noContact')}</Text> : null}
        {row.contacts.map((c) => (
          <Text size="sm" key={`${c.name}${c.email}${c.phone}`}>
            {c.name}
            {c.phone ? ` · ${c.phone}` : ''}
            {c.email ? ` · ${c.email}` : ''}
          </Text>
        ))}
        {row.lastCall ? (
          <Text size="sm">
            {t('missing.lastCall', {
              date: formatDateTime(row.lastCall.at),
              who: row.lastCall.actorName ?? '—',
              summary: row.lastCall.summary,
            })}
          </Text>
        ) : null}
        {open ? (
          <Stack gap="xs">
            <Textarea
              label={t('missing.summary')}
              withAsterisk
              required
              value={summary}
              onChange={(e) => setSummary(e.currentTarget.value)}
            />
            <Group>
              <Button onClick={() => call.mutate()} loading={call.isPending} disabled={!summary.trim()}>
                {t('missing.saveCall')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Group>
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => setOpen(true)}
              aria-label={`${t('missing.call')} — ${row.studentName}`}
            >
              {t('missing.call')}
            </Button>
          </Group>
        )}
        {call.error ? <ProblemAlert error={call.error} /> : null}
      </Stack>
    </Paper>
  );
}

/** /office/missing-students: students absent or silent since a date, per school and teacher, with a call to log. */
export function MissingStudentsPage() {
  const { t } = useTranslation(MISSING_NS);
  const [params, setParams] = useSearchParams();
  const sinceParam = params.get('since');
  const [since, setSince] = useState(sinceParam ?? '');
  const query = useQuery({
    queryKey: api.missingKeys.missing(sinceParam),
    queryFn: () => api.missingStudents(sinceParam),
  });
  const form = (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        type="date"
        label={t('missing.since')}
        value={since}
        onChange={(e) => setSince(e.currentTarget.value)}
      />
      <Button variant="default" onClick={() => setParams(since ? { since } : {})}>
        {t('missing.show')}
      </Button>
    </Group>
  );
  if (query.isPending || query.error)
    return (
      <Stack gap="md">
        <PageTitle>{t('missing.title')}</PageTitle>
        <QueryFallback error={query.error} />
      </Stack>
    );
  const { students } = query.data;
  const schools = [...new Map(students.map((s) => [s.schoolId, s.schoolName]))];
  return (
    <Stack gap="md">
      <PageTitle>{t('missing.title')}</PageTitle>
      {form}
      <Text>{t('missing.intro', { date: formatDate(query.data.since) })}</Text>
      {students.length === 0 ? <Text>{t('missing.none')}</Text> : null}
      {schools.map(([schoolId, schoolName]) => {
        const ofSchool = students.filter((s) => s.schoolId === schoolId);
        const teachers = [...new Map(ofSchool.map((s) => [s.teacherId, s.teacherName]))];
        return (
          <Section key={schoolId} title={schoolName}>
            <Stack gap="sm">
              {teachers.map(([teacherId, name]) => (
                <Stack key={teacherId} gap={4}>
                  <Text fw={700}>{t('missing.teacher', { name })}</Text>
                  <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {ofSchool
                      .filter((s) => s.teacherId === teacherId)
                      .map((s) => (
                        <StudentRow key={`${s.studentId}-${s.course}`} row={s} />
                      ))}
                  </Stack>
                </Stack>
              ))}
            </Stack>
          </Section>
        );
      })}
    </Stack>
  );
}
