import { useState } from 'react';
import { Button, Group, NativeSelect, Paper, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { MISSING_NS } from './missing-i18n';
import * as api from './api';

/** On a teacher's sheet: flag a student's family e-mail or phone as wrong, for the secretariat to correct. */
export function FlagContact({ students }: { students: { id: string; name: string }[] }) {
  const { t } = useTranslation(MISSING_NS);
  const [studentId, setStudentId] = useState(students[0]?.id ?? '');
  const [field, setField] = useState<'email' | 'phone'>('phone');
  const [note, setNote] = useState('');
  const flag = useMutation({
    mutationFn: () => api.flagContact(studentId, { field, note: note.trim() || null }),
    onSuccess: () => {
      notify(t('flag.sent'));
      setNote('');
    },
  });
  if (students.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="flag-contact" withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h5" id="flag-contact">
          {t('flag.title')}
        </Title>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('flag.student')}
            withAsterisk
            value={studentId}
            data={students.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(e) => setStudentId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('flag.field')}
            withAsterisk
            value={field}
            data={[
              { value: 'phone', label: t('flag.phone') },
              { value: 'email', label: t('flag.email') },
            ]}
            onChange={(e) => setField(e.currentTarget.value as 'email' | 'phone')}
          />
          <TextInput label={t('flag.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button variant="light" onClick={() => flag.mutate()} loading={flag.isPending}>
            {t('flag.send')}
          </Button>
        </Group>
        {flag.error ? <ProblemAlert error={flag.error} /> : null}
      </Stack>
    </Paper>
  );
}
