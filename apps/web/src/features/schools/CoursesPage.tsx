import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { listCourses, schoolsKeys } from './api';
import { CoursesTable } from './CoursesTable';
import { CourseForm } from './CourseForm';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';
import { SchoolSelect, SeasonSelect, useSeasonPick } from './use-season-pick';

/** /office/courses: a school's courses for a season; the secretariat creates group classes and individual lessons. */
export function CoursesPage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const pick = useSeasonPick();
  const seasonId = pick.season?.id ?? '';
  const schoolId = pick.school?.id ?? '';
  const courses = useQuery({
    queryKey: schoolsKeys.courses({ seasonId, schoolId }),
    queryFn: () => listCourses({ seasonId, schoolId }),
    enabled: !!seasonId && !!schoolId,
  });
  if (!pick.ready) return <QueryFallback error={pick.error} />;
  return (
    <Stack>
      <PageTitle>{t('courses.title')}</PageTitle>
      {!pick.season ? (
        <Text>{t('courses.noSeason')}</Text>
      ) : !pick.school ? (
        <Text>{t('courses.noSchool')}</Text>
      ) : (
        <>
          <Group align="flex-end" wrap="wrap">
            <SeasonSelect pick={pick} />
            <SchoolSelect pick={pick} />
          </Group>
          {!courses.data ? (
            <QueryFallback error={courses.error} asPage={false} />
          ) : (
            <CoursesTable courses={courses.data} />
          )}
          {hasAnyRole(me.roles, SCHOOLS_ACCESS.courses) ? (
            <Section title={t('courses.new')}>
              <CourseForm
                key={`${schoolId}-${seasonId}`}
                school={pick.school}
                seasonId={seasonId}
                onCreated={() => undefined}
              />
            </Section>
          ) : null}
        </>
      )}
    </Stack>
  );
}
