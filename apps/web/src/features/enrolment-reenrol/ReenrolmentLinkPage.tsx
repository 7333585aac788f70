import { Alert, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { answerByLink, linkPack, linkPdfUrl, reenrolKeys, type PackAnswer } from './api';
import { PackCard } from './PackCard';
import { REENROL_NS } from './reenrol-i18n';

/** /reenrolment/:token: the e-mail's personal link, to answer a pack without logging in. */
export function ReenrolmentLinkPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation(REENROL_NS);
  const view = useQuery({ queryKey: reenrolKeys.link(token), queryFn: () => linkPack(token) });
  const answer = useMutation({ mutationFn: (body: PackAnswer) => answerByLink(token, body) });
  if (!view.data) {
    if (!view.error) return <QueryFallback error={null} />;
    // A link expired, replaced or mistyped: the page says so under its title (the API's message, in the reader's language).
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
      {answer.isSuccess ? (
        <Alert color="green" role="status">
          {t('thanks')}
        </Alert>
      ) : null}
      <PackCard
        pack={answer.data ?? view.data}
        pdfUrl={linkPdfUrl(token)}
        pending={answer.isPending}
        error={answer.error}
        onAnswer={(body) => answer.mutate(body)}
      />
    </Stack>
  );
}
