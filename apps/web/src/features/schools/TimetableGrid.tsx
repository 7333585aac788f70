import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CourseView } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { endOf, weekGrid } from './timetable-grid';
import { ScrollTable } from '../../ui/ScrollTable';

interface TimetableGridProps {
  courses: readonly CourseView[];
  caption: string;
  /** What each course shows besides its slot and discipline (the teacher on a room's grid, the room on a teacher's…). */
  show: { teacher?: boolean; room?: boolean; school?: boolean };
}

/** A week of a timetable: one column per weekday, one row per hour, each course in the hour it starts. */
export function TimetableGrid({ courses, caption, show }: TimetableGridProps) {
  const { t } = useTranslation(SCHOOLS_NS);
  if (courses.length === 0) return <Text c="dimmed">{t('timetable.empty')}</Text>;
  const grid = weekGrid(courses);
  return (
    <ScrollTable label={caption} minWidth={760}>
      <Table withTableBorder withColumnBorders className="harmonie-timetable" captionSide="top">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('timetable.hour')}</Table.Th>
            {grid.days.map((d) => (
              <Table.Th key={d} scope="col">
                {t(`weekday.${d}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grid.hours.map((hour) => (
            <Table.Tr key={hour}>
              <Table.Th scope="row">{grid.hourLabel(hour)}</Table.Th>
              {grid.days.map((d) => (
                <Table.Td key={d} valign="top">
                  <Stack gap={6}>
                    {grid.cell(d, hour).map((c) => (
                      <div key={c.id}>
                        <Text size="sm" fw={600}>
                          {c.start}–{endOf(c.start, c.durationMinutes)} {t(`discipline.${c.discipline}`)}
                        </Text>
                        <Text size="xs">
                          {[
                            c.level,
                            show.teacher ? c.teacherName : null,
                            show.school ? c.schoolName : null,
                            show.room ? (c.roomName ?? t('courses.distance')) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                        </Text>
                      </div>
                    ))}
                  </Stack>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}
