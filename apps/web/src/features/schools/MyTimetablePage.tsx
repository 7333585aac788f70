import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { listCourses, schoolsKeys } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { TimetableGrid } from './TimetableGrid';
import { PrintButton } from './TimetablePage';
import { SeasonSelect, useSeasonPick } from './use-season-pick';
import { MyReplacements } from '../replacements/MyReplacements';

/**
 * /teacher/timetable: the teacher's own week, in every school they teach in (the API lists only their courses), and
 * the colleagues' courses they hold as a substitute.
 */
export function MyTimetablePage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const pick = useSeasonPick();
  const seasonId = pick.season?.id ?? '';
  const courses = useQuery({
    queryKey: schoolsKeys.courses({ seasonId, mine: '1' }),
    queryFn: () => listCourses({ seasonId }),
    enabled: !!seasonId,
  });
  if (!pick.ready) return <QueryFallback error={pick.error} />;
  return (
    <Stack className="harmonie-printable">
      <PageTitle actions={<PrintButton />}>{t('timetable.myTitle')}</PageTitle>
      <MyReplacements />
      {!pick.season ? (
        <Text>{t('timetable.noSeason')}</Text>
      ) : (
        <>
          <Group className="harmonie-no-print">
            <SeasonSelect pick={pick} />
          </Group>
          {!courses.data ? (
            <QueryFallback error={courses.error} asPage={false} />
          ) : (
            <TimetableGrid
              courses={courses.data}
              caption={t('timetable.caption', { what: t('timetable.myTitle'), season: pick.season.name })}
              show={{ school: true, room: true }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
