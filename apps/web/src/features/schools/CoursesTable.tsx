import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CourseView } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { endOf } from './timetable-grid';
import { ScrollTable } from '../../ui/ScrollTable';

/** A season's courses as a list: discipline, level and ages, kind, teacher, room or distance, slot, places. */
export function CoursesTable({ courses }: { courses: CourseView[] }) {
  const { t } = useTranslation(SCHOOLS_NS);
  if (courses.length === 0) return <Text c="dimmed">{t('courses.empty')}</Text>;
  return (
    <ScrollTable label={t('courses.title')} minWidth={720}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('courses.discipline')}</Table.Th>
            <Table.Th>{t('courses.level')}</Table.Th>
            <Table.Th>{t('courses.kind')}</Table.Th>
            <Table.Th>{t('courses.teacher')}</Table.Th>
            <Table.Th>{t('courses.room')}</Table.Th>
            <Table.Th>{t('courses.slot')}</Table.Th>
            <Table.Th>{t('courses.capacity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {courses.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                {t(`discipline.${c.discipline}`)}
                {c.status === 'suspended' ? (
                  <Badge ml="xs" color="gray">
                    {t('courses.suspended')}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/office/courses/${c.id}`}
                  aria-label={t('course.open', { level: c.level })}
                >
                  {c.level}
                </Anchor>
                {c.ageMin != null || c.ageMax != null
                  ? ` · ${t('courses.agesRange', { min: c.ageMin ?? '…', max: c.ageMax ?? '…' })}`
                  : ''}
              </Table.Td>
              <Table.Td>{t(`kind.${c.kind}`)}</Table.Td>
              <Table.Td>{c.teacherName}</Table.Td>
              <Table.Td>{c.roomName ?? t('courses.distance')}</Table.Td>
              <Table.Td>
                {t('courses.slotText', {
                  day: t(`weekday.${c.weekday}`),
                  start: c.start,
                  end: endOf(c.start, c.durationMinutes),
                })}
              </Table.Td>
              <Table.Td>{c.capacity}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
