import { Alert, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { DistanceCard } from './DistanceCard';
import { DISTANCE_NS } from './distance-i18n';
import { distanceKeys, familyAck, familyDistance } from './distance-api';

/** /family/distance: the children's distance lessons, latest first, each with its "ok" while open. */
export function FamilyDistancePage() {
  const { t } = useTranslation(DISTANCE_NS);
  const client = useQueryClient();
  const list = useQuery({ queryKey: distanceKeys.family(), queryFn: familyDistance });
  const ok = useMutation({
    mutationFn: familyAck,
    onSuccess: () => client.invalidateQueries({ queryKey: distanceKeys.family() }),
  });
  if (list.isPending || list.error) return <QueryFallback error={list.error} />;
  return (
    <Stack>
      <PageTitle>{t('familyTitle')}</PageTitle>
      {ok.isSuccess ? (
        <Alert color="green" role="status">
          {t('thanks')}
        </Alert>
      ) : null}
      {list.data.items.length === 0 ? <Text>{t('familyNone')}</Text> : null}
      {list.data.items.map((item) => (
        <DistanceCard
          key={item.id}
          item={item}
          onOk={() => ok.mutate(item.id)}
          pending={ok.isPending && ok.variables === item.id}
          error={ok.variables === item.id ? ok.error : null}
        />
      ))}
    </Stack>
  );
}
