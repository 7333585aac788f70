import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { listActiveTeachers, listCourses, schoolsKeys } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { TimetableGrid } from './TimetableGrid';
import { SchoolSelect, SeasonSelect, useSeasonPick } from './use-season-pick';

type By = 'school' | 'room' | 'teacher';

export function PrintButton() {
  const { t } = useTranslation(SCHOOLS_NS);
  return (
    <Button
      className="harmonie-no-print"
      variant="default"
      leftSection={<IconPrinter size={16} aria-hidden />}
      onClick={() => window.print()}
    >
      {t('timetable.print')}
    </Button>
  );
}

/** /office/timetables: a week of the season's timetable, per school, per room or per teacher; printable. */
export function TimetablePage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const pick = useSeasonPick();
  const by = (pick.params.get('by') as By | null) ?? 'school';
  const teachers = useQuery({
    queryKey: ['schools', 'teachers'],
    queryFn: listActiveTeachers,
    enabled: by === 'teacher',
  });
  const room = pick.school?.rooms.find((r) => r.id === pick.params.get('room')) ?? pick.school?.rooms[0];
  const teacher = teachers.data?.find((p) => p.id === pick.params.get('teacher')) ?? teachers.data?.[0];
  const seasonId = pick.season?.id ?? '';
  const query =
    by === 'teacher'
      ? { seasonId, teacherId: teacher?.id }
      : by === 'room'
        ? { seasonId, roomId: room?.id }
        : { seasonId, schoolId: pick.school?.id };
  const ready = !!seasonId && !!(query.teacherId ?? query.roomId ?? query.schoolId);
  const courses = useQuery({
    queryKey: schoolsKeys.courses(query),
    queryFn: () => listCourses(query),
    enabled: ready,
  });
  if (!pick.ready) return <QueryFallback error={pick.error} />;
  const what =
    by === 'teacher'
      ? teacher
        ? `${teacher.firstName} ${teacher.lastName}`
        : ''
      : by === 'room'
        ? `${pick.school?.name ?? ''}, ${room?.name ?? ''}`
        : (pick.school?.name ?? '');
  return (
    <Stack className="harmonie-printable">
      <PageTitle actions={<PrintButton />}>{t('timetable.title')}</PageTitle>
      {!pick.season ? (
        <Text>{t('timetable.noSeason')}</Text>
      ) : (
        <>
          <Group align="flex-end" wrap="wrap" className="harmonie-no-print">
            <SeasonSelect pick={pick} />
            <NativeSelect
              label={t('timetable.by')}
              value={by}
              onChange={(e) => pick.set('by', e.currentTarget.value)}
              data={[
                { value: 'school', label: t('timetable.bySchool') },
                { value: 'room', label: t('timetable.byRoom') },
                { value: 'teacher', label: t('timetable.byTeacher') },
              ]}
            />
            {by !== 'teacher' ? <SchoolSelect pick={pick} /> : null}
            {by === 'room' ? (
              <NativeSelect
                label={t('timetable.room')}
                value={room?.id ?? ''}
                onChange={(e) => pick.set('room', e.currentTarget.value)}
                data={(pick.school?.rooms ?? []).map((r) => ({ value: r.id, label: r.name }))}
              />
            ) : null}
            {by === 'teacher' ? (
              <NativeSelect
                label={t('timetable.teacher')}
                value={teacher?.id ?? ''}
                onChange={(e) => pick.set('teacher', e.currentTarget.value)}
                data={(teachers.data ?? []).map((p) => ({ value: p.id, label: `${p.firstName} ${p.lastName}` }))}
              />
            ) : null}
          </Group>
          {!ready ? (
            <Text c="dimmed">{t('timetable.empty')}</Text>
          ) : !courses.data ? (
            <QueryFallback error={courses.error} asPage={false} />
          ) : (
            <TimetableGrid
              courses={courses.data}
              caption={t('timetable.caption', { what, season: pick.season.name })}
              show={{ teacher: by !== 'teacher', room: by !== 'room', school: by === 'teacher' }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
