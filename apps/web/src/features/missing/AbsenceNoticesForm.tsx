import { useState } from 'react';
import { Alert, Button, Radio, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ABSENCE_NOTICE_PREFERENCES } from '@contracts';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { MISSING_NS } from './missing-i18n';
import * as api from './api';

/** A family's choice of absence notices: its own (familyId null, the portal) or a family's (the office). */
export function AbsenceNoticesForm({ familyId }: { familyId: string | null }) {
  const { t } = useTranslation(MISSING_NS);
  const client = useQueryClient();
  const query = useQuery({ queryKey: api.missingKeys.notices(familyId), queryFn: () => api.notices(familyId) });
  const [choice, setChoice] = useState<api.AbsenceNoticePreference | null>(null);
  const save = useMutation({
    mutationFn: (body: { preference: api.AbsenceNoticePreference; version: number }) => api.saveNotices(familyId, body),
    onSuccess: async (saved) => {
      client.setQueryData(api.missingKeys.notices(familyId), saved);
      setChoice(null);
      notify(t('notices.saved'));
      await client.invalidateQueries({ queryKey: ['history'] });
    },
  });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const data = query.data;
  const value = choice ?? data.preference;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('notices.intro')}</Text>
      <Radio.Group
        label={t('notices.preference')}
        withAsterisk
        value={value}
        onChange={(v) => setChoice(v as api.AbsenceNoticePreference)}
      >
        <Stack gap="xs" mt="xs">
          {ABSENCE_NOTICE_PREFERENCES.map((p) => (
            <Radio key={p} value={p} label={t(`notices.${p}`)} />
          ))}
        </Stack>
      </Radio.Group>
      {data.requiredForMinors && data.minors.length > 0 ? (
        <Alert color="blue" variant="light">
          {t('notices.required', { names: data.minors.join(', ') })}
        </Alert>
      ) : null}
      <div>
        <Button
          onClick={() => save.mutate({ preference: value, version: data.version })}
          loading={save.isPending}
          disabled={value === data.preference}
        >
          {t('notices.save')}
        </Button>
      </div>
      {save.error ? <ProblemAlert error={save.error} /> : null}
    </Stack>
  );
}
