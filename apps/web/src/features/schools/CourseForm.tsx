import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COURSE_KINDS, CourseInput, DISCIPLINES } from '@contracts';
import { applyProblemToForm } from '../../api/form-errors';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../i18n/error-message';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { blankToNull, zodErrors } from '../../ui/zod-form';
import {
  createCourse,
  listActiveTeachers,
  updateCourse,
  type CourseBody,
  type CourseView,
  type SchoolView,
} from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { WEEKDAYS } from './timetable-grid';

interface CourseValues {
  kind: (typeof COURSE_KINDS)[number];
  discipline: (typeof DISCIPLINES)[number];
  level: string;
  ageMin: number | string;
  ageMax: number | string;
  teacherId: string;
  /** '' = at distance. */
  roomId: string;
  videoLink: string;
  weekday: string;
  start: string;
  durationMinutes: number | string;
  capacity: number | string;
}

const optionalNumber = (value: number | string) => (value === '' ? null : Number(value));

function toBody(v: CourseValues, school: SchoolView, seasonId: string): CourseBody {
  return {
    seasonId,
    schoolId: school.id,
    kind: v.kind,
    discipline: v.discipline,
    level: v.level,
    ageMin: optionalNumber(v.ageMin),
    ageMax: optionalNumber(v.ageMax),
    teacherId: v.teacherId,
    roomId: v.roomId || null,
    videoLink: v.roomId ? blankToNull(v.videoLink) : v.videoLink.trim(),
    weekday: Number(v.weekday),
    start: v.start,
    durationMinutes: Number(v.durationMinutes),
    capacity: Number(v.capacity),
  };
}

/** The codes of a refused slot: they get a message of their own above the form, besides the field's. */
const TIMETABLE_CONFLICTS = new Set([
  'TEACHER_DOUBLE_BOOKED',
  'ROOM_DOUBLE_BOOKED',
  'ROOM_TOO_SMALL',
  'OUTSIDE_OPENING_HOURS',
  'TEACHER_TRAVEL_TOO_SHORT',
]);

/**
 * A group class or an individual lesson of a school for a season: discipline, level and ages, teacher, room or
 * distance (with its video link), weekly slot, duration and places. A timetable conflict is refused by the API;
 * the form says why, on the field and above the button.
 */
export function CourseForm({
  school,
  seasonId,
  course,
  onCreated,
}: {
  school: SchoolView;
  seasonId: string;
  /** The course to edit (its slot, room, teacher…); none: a new course. */
  course?: CourseView;
  onCreated: () => unknown;
}) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const teachers = useQuery({ queryKey: ['schools', 'teachers'], queryFn: listActiveTeachers });
  const [failure, setFailure] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const form = useForm<CourseValues>({
    initialValues: course
      ? {
          kind: course.kind,
          discipline: course.discipline,
          level: course.level,
          ageMin: course.ageMin ?? '',
          ageMax: course.ageMax ?? '',
          teacherId: course.teacherId,
          roomId: course.roomId ?? '',
          videoLink: course.videoLink ?? '',
          weekday: String(course.weekday),
          start: course.start,
          durationMinutes: course.durationMinutes,
          capacity: course.capacity,
        }
      : {
          kind: 'group',
          discipline: 'music_theory',
          level: '',
          ageMin: '',
          ageMax: '',
          teacherId: '',
          roomId: school.rooms[0]?.id ?? '',
          videoLink: '',
          weekday: '3',
          start: '14:00',
          durationMinutes: 60,
          capacity: 10,
        },
    validate: (values) => zodErrors(CourseInput, toBody(values, school, seasonId)),
  });
  const submit = async (values: CourseValues) => {
    setFailure(null);
    setPending(true);
    try {
      if (course) {
        await updateCourse(course.id, { ...toBody(values, school, seasonId), version: course.version });
        notify(t('course.saved'));
      } else {
        await createCourse(toBody(values, school, seasonId));
        notify(t('courses.created'));
        form.reset();
      }
      await client.invalidateQueries({ queryKey: ['courses'] });
      await onCreated();
    } catch (err) {
      const placed = applyProblemToForm(form, err);
      if (!placed || (isApiError(err) && TIMETABLE_CONFLICTS.has(err.code))) setFailure(err);
    } finally {
      setPending(false);
    }
  };
  const conflict = isApiError(failure) && TIMETABLE_CONFLICTS.has(failure.code) ? failure : null;
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <NativeSelect
            label={t('courses.kind')}
            data={COURSE_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
            {...form.getInputProps('kind')}
            onChange={(e) => {
              const kind = e.currentTarget.value as CourseValues['kind'];
              form.setFieldValue('kind', kind);
              if (kind === 'individual') {
                form.setFieldValue('capacity', 1);
                form.setFieldValue('durationMinutes', 30);
              }
            }}
          />
          <NativeSelect
            label={t('courses.discipline')}
            data={DISCIPLINES.map((d) => ({ value: d, label: t(`discipline.${d}`) }))}
            {...form.getInputProps('discipline')}
          />
          <TextInput label={t('courses.level')} required {...form.getInputProps('level')} />
          <NumberInput label={t('courses.ageMin')} min={0} max={120} {...form.getInputProps('ageMin')} />
          <NumberInput label={t('courses.ageMax')} min={0} max={120} {...form.getInputProps('ageMax')} />
          <NativeSelect
            label={t('courses.teacher')}
            required
            data={[
              { value: '', label: t('courses.chooseTeacher') },
              ...(teachers.data ?? []).map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName}` })),
            ]}
            {...form.getInputProps('teacherId')}
          />
          <NativeSelect
            label={t('courses.room')}
            data={[
              ...school.rooms.map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` })),
              { value: '', label: t('courses.distance') },
            ]}
            {...form.getInputProps('roomId')}
          />
          {form.values.roomId === '' ? (
            <TextInput label={t('courses.videoLink')} type="url" required {...form.getInputProps('videoLink')} />
          ) : null}
          <NativeSelect
            label={t('courses.weekday')}
            data={WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekday.${d}`) }))}
            {...form.getInputProps('weekday')}
          />
          <TextInput type="time" label={t('courses.start')} required {...form.getInputProps('start')} />
          <NumberInput
            label={t('courses.duration')}
            min={15}
            max={240}
            step={15}
            {...form.getInputProps('durationMinutes')}
          />
          <NumberInput label={t('courses.capacity')} min={1} max={200} {...form.getInputProps('capacity')} />
        </SimpleGrid>
        {conflict ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {t(course ? 'course.refused' : 'courses.refused', { reason: errorMessage(conflict.code) })}
          </Alert>
        ) : failure ? (
          <ProblemAlert error={failure} />
        ) : teachers.error ? (
          <ProblemAlert error={teachers.error} />
        ) : null}
        <Group>
          <Button type="submit" loading={pending}>
            {t(course ? 'course.save' : 'courses.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
