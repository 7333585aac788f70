import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { ATTENDANCE_NS } from './attendance-i18n';
import { PeriodPicker } from './PeriodPicker';
import * as api from './api';

type Summary = api.SchoolSheets['sheets'][number];

/** One sheet's line: its course, how far it is filled, and the reminder to its teacher. */
function SheetLine({ sheet }: { sheet: Summary }) {
  const { t } = useTranslation(ATTENDANCE_NS);
  const client = useQueryClient();
  const remind = useMutation({
    mutationFn: () => api.remind(sheet.courseId, sheet.period),
    onSuccess: async () => {
      notify(t('reminded'));
      await client.invalidateQueries({ queryKey: ['attendance', 'school'] });
    },
  });
  return (
    <li>
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{sheet.course}</Text>
          <Badge variant="light" color={sheet.filled ? 'green' : 'yellow'} c="dark.9">
            {sheet.filled ? t('filled') : t('unfilled')}
          </Badge>
          <Text size="sm">{t('progress', { marked: sheet.lessonsMarked, due: sheet.lessonsDue })}</Text>
          {sheet.remindedOn ? <Text size="sm">{t('remindedOn', { date: formatDate(sheet.remindedOn) })}</Text> : null}
          {!sheet.filled ? (
            <Button
              size="compact-sm"
              variant="light"
              onClick={() => remind.mutate()}
              loading={remind.isPending}
              aria-label={`${t('remind')} — ${sheet.teacherName}, ${sheet.course}`}
            >
              {t('remind')}
            </Button>
          ) : null}
        </Group>
        {remind.error ? <ProblemAlert error={remind.error} /> : null}
      </Stack>
    </li>
  );
}

/** /office/attendance: the period's sheets of the schools one follows, per school and teacher, with reminders. */
export function AttendanceSheetsPage() {
  const { t } = useTranslation(ATTENDANCE_NS);
  const [params, setParams] = useSearchParams();
  const [showFilled, setShowFilled] = useState(false);
  const periodParam = params.get('period');
  const schoolParam = params.get('school');
  const query = useQuery({
    queryKey: api.attendanceKeys.school(periodParam, null),
    queryFn: () => api.schoolSheets(periodParam, null),
  });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const { sheets, period, periods } = query.data;
  const schools = [...new Map(sheets.map((s) => [s.schoolId, s.schoolName]))];
  const inSchool = sheets.filter((s) => !schoolParam || s.schoolId === schoolParam);
  const shown = inSchool.filter((s) => showFilled || !s.filled);
  const bySchool = [...new Set(shown.map((s) => s.schoolId))];
  return (
    <Stack gap="md">
      <PageTitle>{t('officeTitle')}</PageTitle>
      <PeriodPicker
        period={period}
        periods={periods}
        onChange={(key) => setParams({ period: key, ...(schoolParam ? { school: schoolParam } : {}) })}
      />
      <Group gap="md" wrap="wrap" align="flex-end">
        <NativeSelect
          label={t('school')}
          value={schoolParam ?? ''}
          data={[{ value: '', label: t('allSchools') }, ...schools.map(([value, label]) => ({ value, label }))]}
          onChange={(e) => setParams({ period, ...(e.currentTarget.value ? { school: e.currentTarget.value } : {}) })}
        />
        <Checkbox
          label={t('showFilled')}
          checked={showFilled}
          onChange={(e) => setShowFilled(e.currentTarget.checked)}
        />
      </Group>
      <Text>{t('summary', { unfilled: inSchool.filter((s) => !s.filled).length, total: inSchool.length })}</Text>
      {bySchool.map((schoolId) => {
        const ofSchool = shown.filter((s) => s.schoolId === schoolId);
        const teachers = [...new Map(ofSchool.map((s) => [s.teacherId, s.teacherName]))];
        return (
          <Section key={schoolId} title={ofSchool[0]!.schoolName}>
            <Stack gap="sm">
              {teachers.map(([teacherId, name]) => (
                <Stack key={teacherId} gap={4}>
                  <Text fw={700}>{t('teacher', { name })}</Text>
                  <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {ofSchool
                      .filter((s) => s.teacherId === teacherId)
                      .map((s) => (
                        <SheetLine key={s.courseId} sheet={s} />
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
