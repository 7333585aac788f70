import { useTranslation } from 'react-i18next';
import { Section } from '../../ui/Section';
import { MISSING_NS } from './missing-i18n';
import { AbsenceNoticesForm } from './AbsenceNoticesForm';

/** The family page's section: the family's choice of absence notices, as the secretariat sets it. */
export function AbsenceNoticesSection({ familyId }: { familyId: string }) {
  const { t } = useTranslation(MISSING_NS);
  return (
    <Section title={t('notices.title')}>
      <AbsenceNoticesForm familyId={familyId} />
    </Section>
  );
}
