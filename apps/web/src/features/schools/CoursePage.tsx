import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/use-me';
import { formatDate, organisationToday } from '../../ui/format';
import { notify } from '../../ui/notify';
import { hasAnyRole } from '../../ui/nav';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { blankToNull } from '../../ui/zod-form';
import { useSubmit } from '../../ui/use-submit';
import {
  cancelDistancePeriod,
  getCourse,
  getCourseLessons,
  getSchool,
  resumeCourse,
  schoolsKeys,
  suspendCourse,
  switchToDistance,
  type CourseView,
} from './api';
import { WaitingListSection } from '../enrolment-choice/WaitingListSection';
import { CourseForm } from './CourseForm';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';
import { endOf } from './timetable-grid';

/** After a change: the course, its lessons and the lists and timetables that show it. */
const refreshCourses = (client: ReturnType<typeof useQueryClient>) =>
  client.invalidateQueries({ queryKey: ['courses'] });

/** A date range at distance (its room closed): each lesson in it gets the link; the teacher is told. */
function DistanceForm({ course }: { course: CourseView }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const form = useForm({ initialValues: { start: '', end: '', reason: '', videoLink: course.videoLink ?? '' } });
  const { submit, pending, error } = useSubmit(
    form,
    (v) => switchToDistance(course.id, { ...v, videoLink: blankToNull(v.videoLink) }),
    {
      success: t('course.switched'),
      onSuccess: async () => {
        form.reset();
        await refreshCourses(client);
      },
    },
  );
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack>
        <Text size="sm">{t('course.distanceHelp')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput type="date" label={t('course.from')} required {...form.getInputProps('start')} />
          <TextInput type="date" label={t('course.to')} required {...form.getInputProps('end')} />
          <TextInput label={t('course.reason')} required {...form.getInputProps('reason')} />
          <TextInput type="url" label={t('course.videoLinkOptional')} {...form.getInputProps('videoLink')} />
        </SimpleGrid>
        {error ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={pending}>
            {t('course.switch')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Suspends the whole course with a reason, or resumes it (its slot must still be free). */
function SuspendForm({ course }: { course: CourseView }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const form = useForm({ initialValues: { reason: '' } });
  const suspended = course.status === 'suspended';
  const { submit, pending, error } = useSubmit(
    form,
    (v) =>
      suspended ? resumeCourse(course.id, course.version) : suspendCourse(course.id, { ...v, version: course.version }),
    {
      success: suspended ? t('course.resumed') : t('course.suspendedDone'),
      onSuccess: async () => {
        form.reset();
        await refreshCourses(client);
      },
    },
  );
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack>
        <Text size="sm">{t('course.suspendHelp')}</Text>
        {suspended ? null : <TextInput label={t('course.reason')} required {...form.getInputProps('reason')} />}
        {error ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={pending} color={suspended ? undefined : 'red'}>
            {suspended ? t('course.resume') : t('course.suspend')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The season's lessons of the course, each in its room or at distance with the link; a period not ended is cancelled. */
function LessonsSection({ courseId, mayManage }: { courseId: string; mayManage: boolean }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const cancel = async (periodId: string) => {
    setError(null);
    try {
      await cancelDistancePeriod(courseId, periodId);
      notify(t('course.periodCancelled'));
      await refreshCourses(client);
    } catch (err) {
      setError(err);
    }
  };
  const lessons = useQuery({
    queryKey: [...schoolsKeys.course(courseId), 'lessons'],
    queryFn: () => getCourseLessons(courseId),
  });
  if (!lessons.data) return <QueryFallback error={lessons.error} asPage={false} />;
  const { lessons: list, distancePeriods } = lessons.data;
  return (
    <Stack>
      {distancePeriods.length ? (
        <div>
          <Text fw={500}>{t('course.periods')}</Text>
          <List>
            {distancePeriods.map((p) => (
              <List.Item key={p.id}>
                {t('course.periodText', { start: formatDate(p.start), end: formatDate(p.end), reason: p.reason })}
                {mayManage && p.end >= organisationToday() ? (
                  <Button ml="xs" size="xs" variant="subtle" color="red" onClick={() => void cancel(p.id)}>
                    {t('course.cancelPeriod', { start: formatDate(p.start), end: formatDate(p.end) })}
                  </Button>
                ) : null}
              </List.Item>
            ))}
          </List>
          <ProblemAlert error={error} />
        </div>
      ) : null}
      {list.length === 0 ? (
        <Text c="dimmed">{t('course.noLessons')}</Text>
      ) : (
        <ScrollTable label={t('course.lessons')} minWidth={420}>
          <Table striped>
            <Table.Caption>{t('course.lessonsCount', { count: list.length })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('course.date')}</Table.Th>
                <Table.Th>{t('course.where')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((lesson) => (
                <Table.Tr key={lesson.date}>
                  <Table.Td>{formatDate(lesson.date)}</Table.Td>
                  <Table.Td>
                    {lesson.distance ? (
                      <>
                        {t('course.atDistance')}
                        {lesson.videoLink ? ` · ${lesson.videoLink}` : ''}
                      </>
                    ) : (
                      t('course.inRoom')
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}

/** /office/courses/:id: a course, its lessons; the secretariat edits it, switches a period to distance, suspends it. */
export function CoursePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const client = useQueryClient();
  const course = useQuery({ queryKey: schoolsKeys.course(id), queryFn: () => getCourse(id) });
  const schoolId = course.data?.schoolId ?? '';
  const school = useQuery({
    queryKey: schoolsKeys.school(schoolId),
    queryFn: () => getSchool(schoolId),
    enabled: !!schoolId,
  });
  if (!course.data) return <QueryFallback error={course.error} />;
  const c = course.data;
  const mayManage = hasAnyRole(me.roles, SCHOOLS_ACCESS.courses);
  return (
    <Stack>
      <PageTitle
        actions={
          <Anchor component={Link} to="/office/courses">
            {t('course.back')}
          </Anchor>
        }
      >
        {t('course.title', { discipline: t(`discipline.${c.discipline}`), level: c.level })}
      </PageTitle>
      <Section title={t('course.summary')}>
        <Stack gap="xs">
          {c.status === 'suspended' ? (
            <Group>
              <Badge color="gray">{t('courses.suspended')}</Badge>
              <Text>{t('course.suspendedBecause', { reason: c.suspensionReason ?? '' })}</Text>
            </Group>
          ) : null}
          <Text>
            {t(`kind.${c.kind}`)} · {c.teacherName} · {c.schoolName} · {c.roomName ?? t('courses.distance')}
          </Text>
          <Text>
            {t('courses.slotText', {
              day: t(`weekday.${c.weekday}`),
              start: c.start,
              end: endOf(c.start, c.durationMinutes),
            })}{' '}
            · {t('courses.capacity')} : {c.capacity}
          </Text>
        </Stack>
      </Section>
      <Section title={t('course.lessons')}>
        <LessonsSection courseId={c.id} mayManage={mayManage} />
      </Section>
      {mayManage ? (
        <>
          <WaitingListSection courseId={c.id} />
          <Section title={t('course.distanceTitle')}>
            <DistanceForm course={c} />
          </Section>
          <Section title={t('course.suspendTitle')}>
            <SuspendForm key={`${c.status}-${c.version}`} course={c} />
          </Section>
          <Section title={t('course.edit')}>
            {!school.data ? (
              <QueryFallback error={school.error} asPage={false} />
            ) : (
              <CourseForm
                key={c.version}
                school={school.data}
                seasonId={c.seasonId}
                course={c}
                onCreated={() => refreshCourses(client)}
              />
            )}
          </Section>
        </>
      ) : null}
    </Stack>
  );
}
