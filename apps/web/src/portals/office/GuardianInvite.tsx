import { Button, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-pages-i18n';
import { inviteGuardian } from '../../features/agency/pages-api';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { notify } from '../../ui/notify';
import { personName } from '../../ui/format';

/** A guardian's access to the family portal: shown when they have one, or a button that e-mails an invitation. */
export function GuardianInvite({
  person,
  canInvite,
  onInvited,
}: {
  person: Person;
  canInvite: boolean;
  onInvited: () => unknown;
}) {
  const { t } = useTranslation(AGENCY_NS);
  const invite = useMutation({
    mutationFn: () => inviteGuardian(person.id),
    onSuccess: async () => {
      notify(t('pages.invite.sent', { email: person.email ?? '' }));
      await onInvited();
    },
  });
  if (person.userId) return <Text size="sm">{t('pages.invite.hasAccount')}</Text>;
  if (!person.email)
    return (
      <Text size="sm" c="dimmed">
        {t('pages.invite.noEmail')}
      </Text>
    );
  if (!canInvite) return null;
  return (
    <>
      <Button size="xs" variant="light" onClick={() => invite.mutate()} loading={invite.isPending}>
        {t('pages.invite.button', { name: personName(person) })}
      </Button>
      {invite.error ? <ProblemAlert error={invite.error} /> : null}
    </>
  );
}
