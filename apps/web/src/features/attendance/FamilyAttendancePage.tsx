import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { ATTENDANCE_NS } from './attendance-i18n';
import { PeriodPicker } from './PeriodPicker';
import * as api from './api';

type FamilyMark = api.FamilyMarks['marks'][number];

/** The marks of a period grouped by child, each child's lessons in date order (the API sorts them). */
function byChild(marks: readonly FamilyMark[]): { studentId: string; studentName: string; marks: FamilyMark[] }[] {
  const children = new Map<string, { studentId: string; studentName: string; marks: FamilyMark[] }>();
  for (const mark of marks) {
    const child = children.get(mark.studentId) ?? {
      studentId: mark.studentId,
      studentName: mark.studentName,
      marks: [],
    };
    child.marks.push(mark);
    children.set(mark.studentId, child);
  }
  return [...children.values()];
}

/** /family/attendance: the family's children's attendance marks of a period, read-only. */
export function FamilyAttendancePage() {
  const { t } = useTranslation(ATTENDANCE_NS);
  const [params, setParams] = useSearchParams();
  const periodParam = params.get('period');
  const query = useQuery({
    queryKey: api.attendanceKeys.family(periodParam),
    queryFn: () => api.familyAttendance(periodParam),
  });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const { period, periods, marks } = query.data;
  return (
    <Stack gap="md">
      <PageTitle>{t('familyTitle')}</PageTitle>
      <PeriodPicker period={period} periods={periods} onChange={(key) => setParams({ period: key })} />
      {marks.length === 0 ? <Text>{t('familyNone')}</Text> : null}
      {byChild(marks).map((child) => (
        <Paper
          key={child.studentId}
          component="section"
          aria-labelledby={`child-${child.studentId}`}
          withBorder
          p="sm"
          radius="md"
        >
          <Title order={2} size="h4" id={`child-${child.studentId}`} mb="xs">
            {child.studentName}
          </Title>
          <Table.ScrollContainer minWidth={320}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('date')}</Table.Th>
                  <Table.Th scope="col">{t('course')}</Table.Th>
                  <Table.Th scope="col">{t('mark')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {child.marks.map((m) => (
                  <Table.Tr key={`${m.date}-${m.course}`}>
                    <Table.Td>{formatDate(m.date)}</Table.Td>
                    <Table.Td>{m.course}</Table.Td>
                    <Table.Td>{t(`marks.${m.mark}`)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      ))}
    </Stack>
  );
}
