import { Button } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '@contracts';
import { useCurrentUser } from '../auth/use-me';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { EditableSection } from '../../ui/EditableSection';
import { Section } from '../../ui/Section';
import { DocumentsSection } from './DocumentsSection';
import { IncidentsSection } from './IncidentsSection';
import { InvitationsList } from './InvitationsSection';
import { getProfile, profileKey, sendLoginLink } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';
import { ProfileForm } from './ProfileForm';
import { ProfileView } from './ProfileView';
import { SuspensionsSection } from './SuspensionsSection';

const has = (roles: readonly Role[], ...wanted: Role[]) =>
  roles.includes('admin') || wanted.some((r) => roles.includes(r));

/** What the teachers' lifecycle adds to a teacher's page in the office. */
export function TeacherLifecycleSections({
  teacherId,
  onStatusChange,
}: {
  teacherId: string;
  onStatusChange: () => Promise<unknown>;
}) {
  const { t } = useTranslation(TL_NS);
  const me = useCurrentUser();
  const client = useQueryClient();
  const profile = useQuery({ queryKey: profileKey(teacherId), queryFn: () => getProfile(teacherId) });
  const link = useMutation({
    mutationFn: (userId: string) => sendLoginLink(userId),
    onSuccess: () => notify(t('profile.loginLinkSent')),
  });
  const keeper = has(me.roles, 'recruitment', 'followup');
  return (
    <>
      <EditableSection
        title={t('profile.title')}
        canEdit={keeper && Boolean(profile.data)}
        actions={
          keeper && profile.data?.userId ? (
            <Button
              size="xs"
              variant="default"
              loading={link.isPending}
              onClick={() => link.mutate(profile.data.userId as string)}
            >
              {t('profile.loginLink')}
            </Button>
          ) : null
        }
        above={link.error ? <ProblemAlert error={link.error} /> : null}
        view={
          profile.data ? <ProfileView profile={profile.data} /> : <QueryFallback error={profile.error} asPage={false} />
        }
      >
        {(close) =>
          profile.data ? (
            <ProfileForm
              profile={profile.data}
              onDone={() => {
                close();
                void client.invalidateQueries({ queryKey: profileKey(teacherId) });
              }}
            />
          ) : null
        }
      </EditableSection>
      {keeper ? <DocumentsSection teacherId={teacherId} /> : null}
      <Section title={t('meetings.title')}>
        <InvitationsList teacherId={teacherId} canAnswer={false} />
      </Section>
      {me.roles.some((r) => r !== 'board') ? <IncidentsSection teacherId={teacherId} /> : null}
      <SuspensionsSection
        teacherId={teacherId}
        onStatusChange={() =>
          Promise.all([onStatusChange(), client.invalidateQueries({ queryKey: profileKey(teacherId) })])
        }
      />
    </>
  );
}
