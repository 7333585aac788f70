import { NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/use-me';
import { organisationToday } from '../../ui/format';
import { currentSeason, listSchools, listSeasons, schoolsKeys } from './api';
import { SCHOOLS_NS } from './schools-i18n';

/**
 * The season and school a page shows, kept in the address (?season=…&school=…) so that it can be bookmarked and
 * printed again: by default the season running today, and the first school the user works for (else the first).
 */
export function useSeasonPick() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const seasons = useQuery({ queryKey: schoolsKeys.seasons, queryFn: listSeasons });
  const schools = useQuery({ queryKey: schoolsKeys.schools, queryFn: listSchools });
  const season =
    seasons.data?.find((s) => s.id === params.get('season')) ?? currentSeason(seasons.data ?? [], organisationToday());
  const school =
    schools.data?.find((s) => s.id === params.get('school')) ??
    schools.data?.find((s) => s.staffUserIds.includes(me.id)) ??
    schools.data?.[0];
  const set = (key: string, value: string) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return {
    seasons,
    schools,
    season,
    school,
    params,
    set,
    error: seasons.error ?? schools.error,
    ready: !!seasons.data && !!schools.data,
  };
}

export function SeasonSelect({ pick }: { pick: ReturnType<typeof useSeasonPick> }) {
  const { t } = useTranslation(SCHOOLS_NS);
  return (
    <NativeSelect
      label={t('courses.season')}
      value={pick.season?.id ?? ''}
      onChange={(e) => pick.set('season', e.currentTarget.value)}
      data={(pick.seasons.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}

export function SchoolSelect({ pick }: { pick: ReturnType<typeof useSeasonPick> }) {
  const { t } = useTranslation(SCHOOLS_NS);
  return (
    <NativeSelect
      label={t('courses.school')}
      value={pick.school?.id ?? ''}
      onChange={(e) => pick.set('school', e.currentTarget.value)}
      data={(pick.schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
    />
  );
}
