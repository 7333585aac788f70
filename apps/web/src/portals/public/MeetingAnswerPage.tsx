import { Alert, Stack } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { InvitationCard } from '../../features/teachers/InvitationsSection';
import { answerByLink, linkInvitation } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';

/** The e-mail's single-use link (/meeting-answer/:token): yes or no, without logging in. */
export function MeetingAnswerPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation(TL_NS);
  const view = useQuery({ queryKey: ['meeting-link', token], queryFn: () => linkInvitation(token) });
  const answer = useMutation({ mutationFn: (a: 'yes' | 'no') => answerByLink(token, a) });
  if (!view.data) return <QueryFallback error={view.error} />;
  const inv = answer.data ?? view.data;
  return (
    <Stack>
      <PageTitle>{t('meetings.linkTitle')}</PageTitle>
      {answer.isSuccess ? (
        <Alert color="green" role="status">
          {t('meetings.thanks')}
        </Alert>
      ) : !inv.canAnswer ? (
        <Alert role="status">{t('meetings.linkUsed')}</Alert>
      ) : null}
      <InvitationCard
        inv={inv}
        pending={answer.isPending}
        onAnswer={answer.isSuccess ? undefined : (a) => answer.mutate(a)}
      />
      {answer.error ? <ProblemAlert error={answer.error} /> : null}
    </Stack>
  );
}
