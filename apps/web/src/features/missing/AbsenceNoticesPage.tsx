import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { MISSING_NS } from './missing-i18n';
import { AbsenceNoticesForm } from './AbsenceNoticesForm';

/** /family/absence-notices: how the family is told of its children's absences. */
export function AbsenceNoticesPage() {
  const { t } = useTranslation(MISSING_NS);
  return (
    <Stack gap="md">
      <PageTitle>{t('notices.title')}</PageTitle>
      <AbsenceNoticesForm familyId={null} />
    </Stack>
  );
}
