import { useState } from 'react';
import { Badge, Button, Card, Group, List, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ABSENCE_REASONS, RecordAbsenceBody, type AbsenceReason } from '@contracts';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { zodErrors } from '../../ui/zod-form';
import { REPLACEMENTS_NS } from './replacements-i18n';
import * as api from './api';

type Values = {
  schoolId: string;
  teacherId: string;
  reason: AbsenceReason;
  startsOn: string;
  endsOn: string;
  note: string;
};

/** The form recording a teacher's absence from one of the schools one follows. */
function AbsenceForm({ data }: { data: api.Overview }) {
  const { t } = useTranslation(REPLACEMENTS_NS);
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      schoolId: data.schools[0]?.id ?? '',
      teacherId: '',
      reason: 'sick',
      startsOn: '',
      endsOn: '',
      note: '',
    },
    validate: (values) => zodErrors(RecordAbsenceBody, { ...values, note: values.note || null }),
  });
  const { submit, pending, error } = useSubmit(
    form,
    (values: Values) => api.recordAbsence({ ...values, note: values.note || null }),
    {
      success: t('saved'),
      onSuccess: async () => {
        form.reset();
        await client.invalidateQueries({ queryKey: api.replacementsKeys.overview });
      },
    },
  );
  const schoolId = form.getValues().schoolId;
  const teachers = data.teachers.filter((teacher) => teacher.schoolId === schoolId);
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} />
        <Group grow align="flex-start" wrap="wrap">
          <NativeSelect
            label={t('school')}
            withAsterisk
            data={data.schools.map((s) => ({ value: s.id, label: s.name }))}
            {...form.getInputProps('schoolId')}
          />
          <NativeSelect
            label={t('teacher')}
            withAsterisk
            data={[{ value: '', label: t('chooseTeacher') }, ...teachers.map((x) => ({ value: x.id, label: x.name }))]}
            {...form.getInputProps('teacherId')}
          />
          <NativeSelect
            label={t('reason')}
            withAsterisk
            data={ABSENCE_REASONS.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
            {...form.getInputProps('reason')}
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput label={t('startsOn')} type="date" required {...form.getInputProps('startsOn')} />
          <TextInput label={t('endsOn')} type="date" required {...form.getInputProps('endsOn')} />
        </Group>
        <Textarea label={t('note')} autosize minRows={2} {...form.getInputProps('note')} />
        <Group>
          <Button type="submit" loading={pending}>
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The colleagues proposed for one course, with the reasons of their rank, and the button that assigns one. */
function CourseProposals({ absenceId, courseId }: { absenceId: string; courseId: string }) {
  const { t } = useTranslation(REPLACEMENTS_NS);
  const client = useQueryClient();
  const query = useQuery({
    queryKey: api.replacementsKeys.proposals(absenceId),
    queryFn: () => api.proposals(absenceId),
  });
  const assign = useMutation({
    mutationFn: (substituteId: string) => api.assignSubstitute(absenceId, { courseId, substituteId }),
    onSuccess: async () => {
      notify(t('assigned'));
      await client.invalidateQueries({ queryKey: ['replacements'] });
    },
  });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  const course = query.data.courses.find((c) => c.courseId === courseId);
  if (!course) return null;
  return (
    <section aria-label={t('proposed', { course: course.course })}>
      <Stack gap="xs">
        <Text size="sm">{t('rule')}</Text>
        <ProblemAlert error={assign.error} />
        {course.candidates.length === 0 ? <Text fw={700}>{t('nobody')}</Text> : null}
        {course.candidates.map((c) => (
          <Card key={c.teacherId} withBorder component="article" aria-label={c.name}>
            <Group justify="space-between" wrap="wrap">
              <Text fw={700}>{c.name}</Text>
              <Badge color="blue.9">{t('score', { score: c.score })}</Badge>
            </Group>
            <Text size="sm">{c.fit}</Text>
            <List size="sm" mt="xs">
              {c.parts.map((p) => (
                <List.Item key={p.key}>
                  {p.reason} ({t('points', { points: p.points, weight: p.weight })})
                </List.Item>
              ))}
            </List>
            <Group mt="sm">
              <Button size="xs" loading={assign.isPending} onClick={() => assign.mutate(c.teacherId)}>
                {t('assign', { name: c.name })}
              </Button>
            </Group>
          </Card>
        ))}
      </Stack>
    </section>
  );
}

/** One absence: its courses, their lessons during it, who replaces the teacher, and the proposals. */
function AbsenceSection({ absence }: { absence: api.AbsenceView }) {
  const { t } = useTranslation(REPLACEMENTS_NS);
  const [open, setOpen] = useState<string | null>(null);
  const title = t('absence', {
    teacher: absence.teacherName,
    reason: t(`reasons.${absence.reason}`),
    from: formatDate(absence.startsOn),
    to: formatDate(absence.endsOn),
  });
  return (
    <Section title={`${title} (${absence.schoolName})`}>
      <Stack gap="md">
        {absence.note ? <Text size="sm">{absence.note}</Text> : null}
        {absence.courses.length === 0 ? <Text>{t('noCourse')}</Text> : null}
        {absence.courses.map((c) => (
          <Stack key={c.courseId} gap={4}>
            <Text fw={600}>
              {c.course}, {t('slot', { weekday: t(`weekdays.${c.weekday}`), time: c.start })}
            </Text>
            <Text size="sm">
              {c.lessons.length
                ? t('lessons', { count: c.lessons.length, dates: c.lessons.map((d) => formatDate(d)).join(', ') })
                : t('noLesson')}
            </Text>
            {c.replacements.map((r) => (
              <Text key={r.id} size="sm" fw={600}>
                {t('replacedBy', { name: r.substituteName, from: formatDate(r.startsOn), to: formatDate(r.endsOn) })}
              </Text>
            ))}
            {c.replacements.length === 0 ? (
              open === c.courseId ? (
                <CourseProposals absenceId={absence.id} courseId={c.courseId} />
              ) : (
                <Group>
                  <Button size="xs" variant="light" onClick={() => setOpen(c.courseId)}>
                    {t('propose')}
                  </Button>
                </Group>
              )
            ) : null}
          </Stack>
        ))}
      </Stack>
    </Section>
  );
}

/** /office/replacements: record a teacher's absence, see the colleagues proposed per course, assign a substitute. */
export function ReplacementsPage() {
  const { t } = useTranslation(REPLACEMENTS_NS);
  const query = useQuery({ queryKey: api.replacementsKeys.overview, queryFn: api.overview });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  return (
    <Stack gap="md">
      <PageTitle>{t('title')}</PageTitle>
      <Section title={t('record')}>
        <AbsenceForm data={query.data} />
      </Section>
      <Text fw={700} component="h2">
        {t('absences')}
      </Text>
      {query.data.absences.length === 0 ? <Text>{t('none')}</Text> : null}
      {query.data.absences.map((a) => (
        <AbsenceSection key={a.id} absence={a} />
      ))}
    </Stack>
  );
}
