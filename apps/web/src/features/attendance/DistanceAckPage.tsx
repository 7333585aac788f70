import { Alert, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { DistanceCard } from './DistanceCard';
import { DISTANCE_NS } from './distance-i18n';
import { distanceKeys, linkAck, linkView } from './distance-api';

/** /ack/:token: the e-mail's single-use link; reading it says nothing, the button says "ok" (without logging in). */
export function DistanceAckPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation(DISTANCE_NS);
  const view = useQuery({ queryKey: distanceKeys.link(token), queryFn: () => linkView(token), retry: false });
  const ok = useMutation({ mutationFn: () => linkAck(token) });
  if (!view.data) {
    if (!view.error) return <QueryFallback error={null} />;
    // A link mistyped or unknown: the page says so under its title (the API's message, in the reader's language).
    return (
      <Stack>
        <PageTitle>{t('linkTitle')}</PageTitle>
        <QueryFallback error={view.error} asPage={false} />
      </Stack>
    );
  }
  return (
    <Stack>
      <PageTitle>{t('linkTitle')}</PageTitle>
      {ok.isSuccess ? (
        <Alert color="green" role="status">
          {t('thanks')}
        </Alert>
      ) : null}
      <DistanceCard item={ok.data ?? view.data} onOk={() => ok.mutate()} pending={ok.isPending} error={ok.error} />
    </Stack>
  );
}
