import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { isApiError } from '../../api/client';
import { SeasonSelect, useSeasonPick } from '../schools/use-season-pick';
import { seasonTariffs } from '../board/api';
import { FEES_NS } from './fees-i18n';
import { FeesSummary } from './FeesSummary';
import * as api from './api';

/** A family's fees for the season (the secretariat): issue them, set the solidarity rate. */
export function OfficeFamilyFeesPage() {
  const { t } = useTranslation(FEES_NS);
  const { familyId = '' } = useParams();
  const pick = useSeasonPick();
  const client = useQueryClient();
  const seasonId = pick.season?.id ?? '';
  const key = api.feesKeys.family(familyId, seasonId);
  const fees = useQuery({ queryKey: key, queryFn: () => api.familyFees(familyId, seasonId), enabled: !!seasonId });
  const tariffs = useQuery({
    queryKey: ['board', 'tariffs', seasonId],
    queryFn: () => seasonTariffs(seasonId),
    enabled: !!seasonId,
  });
  const [criterion, setCriterion] = useState('');
  const issue = useMutation({
    mutationFn: () => api.issueFees(familyId, seasonId),
    onSuccess: (data) => {
      notify(t('office.issued'));
      client.setQueryData(key, data);
    },
  });
  const solidarity = useMutation({
    mutationFn: () => api.setSolidarity(familyId, seasonId, criterion || null),
    onSuccess: (data) => {
      notify(t('office.saved'));
      client.setQueryData(key, data);
    },
  });
  // A family with no place in the season picked (the latest, by default): say so, and let staff pick another season.
  if (pick.ready && isApiError(fees.error) && fees.error.status === 404)
    return (
      <Stack>
        <PageTitle>{t('office.familyFees')}</PageTitle>
        <SeasonSelect pick={pick} />
        <Text>{t('noPlaces')}</Text>
      </Stack>
    );
  if (!pick.ready || !fees.data) return <QueryFallback error={pick.error ?? fees.error} />;
  return (
    <Stack>
      <PageTitle>{t('office.family', { name: fees.data.familyName })}</PageTitle>
      <SeasonSelect pick={pick} />
      <Group align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('office.solidarity')}
          value={criterion || fees.data.solidarityCriterion || ''}
          onChange={(e) => setCriterion(e.currentTarget.value)}
          data={[
            { value: '', label: t('office.noSolidarity') },
            ...(tariffs.data?.tariffs?.solidarityRates ?? []).map((r) => ({
              value: r.criterion,
              label: `${r.criterion} (${r.percent} %)`,
            })),
          ]}
        />
        <Button variant="default" onClick={() => solidarity.mutate()} loading={solidarity.isPending}>
          {t('office.setSolidarity')}
        </Button>
        <Button onClick={() => issue.mutate()} loading={issue.isPending}>
          {t('office.issue')}
        </Button>
      </Group>
      <ProblemAlert error={issue.error ?? solidarity.error} />
      <FeesSummary fees={fees.data} />
    </Stack>
  );
}
