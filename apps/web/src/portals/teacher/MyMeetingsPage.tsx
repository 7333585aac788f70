import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/use-me';
import { PageTitle } from '../../ui/PageTitle';
import { InvitationsList } from '../../features/teachers/InvitationsSection';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';

/** The teacher's meeting invitations, answered from the portal. */
export function MyMeetingsPage() {
  const { t } = useTranslation(TL_NS);
  const me = useCurrentUser();
  return (
    <Stack>
      <PageTitle>{t('meetings.myTitle')}</PageTitle>
      <InvitationsList teacherId={me.personId ?? ''} canAnswer />
    </Stack>
  );
}
