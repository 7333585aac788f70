import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/use-me';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { DocumentsSection } from '../../features/teachers/DocumentsSection';
import { getProfile, profileKey } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';
import { ProfileForm } from '../../features/teachers/ProfileForm';
import { ProfileView } from '../../features/teachers/ProfileView';

/** The teacher portal: complete the profile, upload documents, and see the profile as staff see it. */
export function MyProfilePage() {
  const { t } = useTranslation(TL_NS);
  const me = useCurrentUser();
  const teacherId = me.personId ?? '';
  const query = useQuery({
    queryKey: profileKey(teacherId),
    queryFn: () => getProfile(teacherId),
    enabled: Boolean(teacherId),
  });
  if (!query.data) return <QueryFallback error={query.error} />;
  return (
    <Stack>
      <PageTitle>{t('profile.myTitle')}</PageTitle>
      <Section title={t('profile.title')}>
        <ProfileForm key={query.data.version} profile={query.data} />
      </Section>
      <DocumentsSection teacherId={teacherId} />
      <Section title={t('profile.asStaffSee')}>
        <ProfileView profile={query.data} />
      </Section>
    </Stack>
  );
}
