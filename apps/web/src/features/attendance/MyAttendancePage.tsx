import { Anchor, Badge, Button, Group, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ATTENDANCE_MARKS } from '@contracts';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ATTENDANCE_NS } from './attendance-i18n';
import { PeriodPicker } from './PeriodPicker';
import { DistanceLessonPanel } from './DistanceLessonPanel';
import * as api from './api';
import { FlagContact } from '../missing/FlagContact';

type Lesson = api.Sheet['sheetLessons'][number];

/** One lesson of the sheet: "all present" in one tap, then each student's mark. */
function LessonCard({ sheet, lesson }: { sheet: api.Sheet; lesson: Lesson }) {
  const { t } = useTranslation(ATTENDANCE_NS);
  const client = useQueryClient();
  const mark = useMutation({
    mutationFn: (body: { mark: api.AttendanceMark; studentIds?: string[] }) =>
      api.markLesson(sheet.courseId, lesson.date, body),
    onSuccess: async (updated) => {
      client.setQueryData(api.attendanceKeys.sheet(sheet.courseId, sheet.period), updated);
      notify(t('saved'));
      await client.invalidateQueries({ queryKey: ['attendance', 'mine'] });
    },
  });
  const names = new Map(sheet.students.map((s) => [s.id, s.name]));
  const headingId = `lesson-${lesson.date}`;
  return (
    <Paper component="section" aria-labelledby={headingId} withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id={headingId}>
            {formatDate(lesson.date)}
            {lesson.distance ? ` (${t('distance')})` : ''}
          </Title>
          {lesson.due && lesson.expected.length > 0 ? (
            <Button size="md" onClick={() => mark.mutate({ mark: 'present' })} loading={mark.isPending}>
              {t('allPresent')}
            </Button>
          ) : null}
        </Group>
        {!lesson.due ? <Text size="sm">{t('notYet')}</Text> : null}
        {lesson.due && lesson.expected.length === 0 ? <Text size="sm">{t('nobody')}</Text> : null}
        {lesson.due
          ? lesson.expected.map((studentId) => (
              <NativeSelect
                key={studentId}
                label={names.get(studentId) ?? studentId}
                size="md"
                value={lesson.marks[studentId] ?? ''}
                data={[
                  ...(lesson.marks[studentId] ? [] : [{ value: '', label: t('unmarked') }]),
                  ...ATTENDANCE_MARKS.map((m) => ({ value: m, label: t(`marks.${m}`) })),
                ]}
                onChange={(e) => {
                  const value = e.currentTarget.value as api.AttendanceMark | '';
                  if (value) mark.mutate({ mark: value, studentIds: [studentId] });
                }}
              />
            ))
          : null}
        {lesson.distance && lesson.due ? (
          <DistanceLessonPanel courseId={sheet.courseId} date={lesson.date} expected={lesson.expected} names={names} />
        ) : null}
        {mark.error ? <ProblemAlert error={mark.error} /> : null}
      </Stack>
    </Paper>
  );
}

function SheetView({ courseId, period }: { courseId: string; period: string }) {
  const { t } = useTranslation(ATTENDANCE_NS);
  const query = useQuery({
    queryKey: api.attendanceKeys.sheet(courseId, period),
    queryFn: () => api.sheet(courseId, period),
  });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const sheet = query.data;
  return (
    <Stack gap="sm">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={sheet.filled ? 'green' : 'yellow'} c="dark.9">
          {sheet.filled ? t('filled') : t('unfilled')}
        </Badge>
        <Text size="sm">{t('progress', { marked: sheet.lessonsMarked, due: sheet.lessonsDue })}</Text>
        <Anchor href={api.sheetPdfUrl(courseId, period)} size="sm">
          {t('pdf')}
        </Anchor>
      </Group>
      {sheet.replacements.map((r) => (
        <Text key={`${r.substituteId}-${r.startsOn}`} size="sm" fw={600}>
          {t('replacement', {
            teacher: sheet.teacherName,
            substitute: r.substituteName,
            from: formatDate(r.startsOn),
            to: formatDate(r.endsOn),
          })}
        </Text>
      ))}
      {sheet.sheetLessons.length === 0 ? <Text>{t('noLesson')}</Text> : null}
      {sheet.sheetLessons.map((lesson) => (
        <LessonCard key={lesson.date} sheet={sheet} lesson={lesson} />
      ))}
      <FlagContact students={sheet.students} />
    </Stack>
  );
}

/** /teacher/attendance: the teacher's sheets of a period, phone-first: pick a sheet, mark each lesson. */
export function MyAttendancePage() {
  const { t } = useTranslation(ATTENDANCE_NS);
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period');
  const list = useQuery({
    queryKey: api.attendanceKeys.mine(periodParam),
    queryFn: () => api.mySheets(periodParam),
  });
  if (list.isPending || list.error) return <QueryFallback error={list.error} />;
  const { sheets, period, periods } = list.data;
  const courseParam = params.get('course');
  const courseId = sheets.some((s) => s.courseId === courseParam) ? courseParam : (sheets[0]?.courseId ?? null);
  const set = (changes: Record<string, string>) =>
    setParams({ period, ...(courseId ? { course: courseId } : {}), ...changes });
  return (
    <Stack gap="md">
      <PageTitle>{t('title')}</PageTitle>
      <PeriodPicker period={period} periods={periods} onChange={(key) => setParams({ period: key })} />
      {sheets.length === 0 ? (
        <Text>{t('none')}</Text>
      ) : (
        <NativeSelect
          label={t('sheet')}
          size="md"
          value={courseId ?? ''}
          data={sheets.map((s) => ({
            value: s.courseId,
            label: `${s.course} — ${s.schoolName} (${s.filled ? t('filled') : t('unfilled')})`,
          }))}
          onChange={(e) => set({ course: e.currentTarget.value })}
        />
      )}
      {courseId ? <SheetView courseId={courseId} period={period} /> : null}
    </Stack>
  );
}
