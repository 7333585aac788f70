import { useState } from 'react';
import { Alert, Badge, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { isApiError } from '../../api/client';
import { splitProblem } from '../../api/form-errors';
import { CHOICE_NS } from './choice-i18n';
import * as api from './api';

type School = api.ChoiceView['schools'][number];

/** One school season's choice: its wave, and a form picking a course for one of the family's students. */
function SchoolChoice({ school, students }: { school: School; students: api.ChoiceView['students'] }) {
  const { t } = useTranslation(CHOICE_NS);
  const client = useQueryClient();
  const [studentId, setStudentId] = useState<string | null>(students.length === 1 ? students[0]!.id : null);
  const [courseId, setCourseId] = useState<string | null>(null);
  const pick = useMutation({
    mutationFn: (joinWaitingList: boolean) =>
      api.choose({ courseId: courseId ?? '', studentId: studentId ?? '', joinWaitingList }),
    onSuccess: async (result) => {
      notify(t(result.status === 'waiting' ? 'joined' : 'chosen'));
      setCourseId(null);
      pick.reset();
      await client.invalidateQueries({ queryKey: api.choiceKeys.view });
    },
  });
  const problem = splitProblem(pick.error, { fields: ['courseId', 'studentId'] });
  // Before the wave, the API's own sentence carries the opening date.
  const waveError =
    isApiError(pick.error) && pick.error.code === 'CHOICE_WAVE_NOT_OPEN'
      ? (pick.error.problem.errors?.[0]?.message ?? null)
      : null;
  const full = isApiError(pick.error) && pick.error.code === 'COURSE_FULL';
  const weekday = (n: number) => t(`weekday.${n}`);
  return (
    <Section title={t('school', { school: school.schoolName, season: school.seasonName })}>
      <Stack gap="sm">
        <Text>{t('wave', { rank: school.rank, wave: school.wave })}</Text>
        {school.open ? (
          <Text>{t('waveOpen')}</Text>
        ) : (
          <Alert color="yellow" title={school.opensAt ? t('waveOpens', { date: formatDateTime(school.opensAt) }) : ''}>
            {school.opensAt ? null : t('waveUnknown')}
          </Alert>
        )}
        <form
          aria-label={t('choose')}
          onSubmit={(e) => {
            e.preventDefault();
            pick.mutate(false);
          }}
        >
          <Stack gap="xs">
            <NativeSelect
              label={t('student')}
              data={[{ value: '', label: '' }, ...students.map((s) => ({ value: s.id, label: s.name }))]}
              value={studentId ?? ''}
              onChange={(e) => setStudentId(e.currentTarget.value || null)}
              error={problem.errors.studentId}
              required
              withAsterisk
            />
            <NativeSelect
              label={t('course')}
              data={[
                { value: '', label: '' },
                ...school.courses.map((c) => ({
                  value: c.id,
                  label: `${c.discipline} — ${c.level}, ${weekday(c.weekday)} ${c.start} (${
                    c.open ? t('seats', { count: c.seatsLeft }) : t('full')
                  })`,
                })),
              ]}
              value={courseId ?? ''}
              onChange={(e) => {
                setCourseId(e.currentTarget.value || null);
                pick.reset();
              }}
              error={waveError ?? problem.errors.courseId}
              required
              withAsterisk
            />
            <Group gap="sm" wrap="wrap">
              <Button type="submit" loading={pick.isPending && !full} disabled={!courseId || !studentId}>
                {t('choose')}
              </Button>
              {full ? (
                <Button variant="light" onClick={() => pick.mutate(true)} loading={pick.isPending}>
                  {t('join')}
                </Button>
              ) : null}
            </Group>
            {problem.alert && !waveError ? <ProblemAlert error={problem.alert} /> : null}
          </Stack>
        </form>
      </Stack>
    </Section>
  );
}

/** The family's places: confirmed, waiting with their position, offers to accept or decline. */
function Places({ places }: { places: api.ChoiceView['places'] }) {
  const { t } = useTranslation(CHOICE_NS);
  const client = useQueryClient();
  const answer = useMutation({
    mutationFn: (input: { id: string; answer: 'accept' | 'decline' }) => api.answerOffer(input.id, input.answer),
    onSuccess: async (_, input) => {
      notify(t(input.answer === 'accept' ? 'accepted' : 'declined'));
      await client.invalidateQueries({ queryKey: api.choiceKeys.view });
    },
  });
  return (
    <Section title={t('places')}>
      {places.length === 0 ? (
        <Text>{t('noPlaces')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {places.map((p) => (
            <li key={p.id}>
              <Stack gap={4}>
                <Text fw={600}>
                  {p.studentName} — {p.course}
                </Text>
                <Group gap="xs" wrap="wrap">
                  <Badge variant="light" color={p.status === 'offered' ? 'green' : 'gray'} c="dark.9">
                    {t(`status.${p.status}`)}
                  </Badge>
                  {p.position !== null ? <Text size="sm">{t('position', { position: p.position })}</Text> : null}
                  {p.offerExpiresAt ? (
                    <Text size="sm">{t('offerUntil', { date: formatDateTime(p.offerExpiresAt) })}</Text>
                  ) : null}
                </Group>
                {p.status === 'offered' ? (
                  <Group gap="sm" wrap="wrap">
                    <Button onClick={() => answer.mutate({ id: p.id, answer: 'accept' })} loading={answer.isPending}>
                      {t('accept')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => answer.mutate({ id: p.id, answer: 'decline' })}
                      loading={answer.isPending}
                    >
                      {t('decline')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </li>
          ))}
        </Stack>
      )}
      {answer.error ? <ProblemAlert error={answer.error} /> : null}
    </Section>
  );
}

/** /family/choice: the timetable choice of the family's students. */
export function ChoicePage() {
  const { t } = useTranslation(CHOICE_NS);
  const view = useQuery({ queryKey: api.choiceKeys.view, queryFn: api.choiceView });
  if (view.isPending || view.error) return <QueryFallback error={view.error} />;
  return (
    <Stack gap="md">
      <PageTitle>{t('title')}</PageTitle>
      <Text>{t('intro')}</Text>
      {view.data.schools.length === 0 ? <Text>{t('none')}</Text> : null}
      {view.data.schools.map((school) => (
        <SchoolChoice key={`${school.schoolId}:${school.seasonId}`} school={school} students={view.data.students} />
      ))}
      <Places places={view.data.places} />
    </Stack>
  );
}
