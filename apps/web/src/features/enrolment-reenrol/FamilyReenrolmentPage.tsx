import { Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { notify } from '../../ui/notify';
import { answerPack, myPacks, packPdfUrl, reenrolKeys, type PackAnswer } from './api';
import { PackCard } from './PackCard';
import { REENROL_NS } from './reenrol-i18n';

/** /family/reenrolment: the family's re-enrolment packs, each answered here (or by the e-mail's link). */
export function FamilyReenrolmentPage() {
  const { t } = useTranslation(REENROL_NS);
  const client = useQueryClient();
  const packs = useQuery({ queryKey: reenrolKeys.mine, queryFn: myPacks });
  const answer = useMutation({
    mutationFn: ({ id, body }: { id: string; body: PackAnswer }) => answerPack(id, body),
    onSuccess: async () => {
      notify(t('thanks'));
      await client.invalidateQueries({ queryKey: reenrolKeys.mine });
    },
  });
  if (!packs.data) return <QueryFallback error={packs.error} />;
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      {packs.data.length === 0 ? <Text>{t('none')}</Text> : null}
      {packs.data.map((pack) => (
        <PackCard
          key={pack.id}
          pack={pack}
          pdfUrl={packPdfUrl(pack.id)}
          pending={answer.isPending && answer.variables?.id === pack.id}
          error={answer.variables?.id === pack.id ? answer.error : null}
          onAnswer={(body) => answer.mutate({ id: pack.id, body })}
        />
      ))}
    </Stack>
  );
}
