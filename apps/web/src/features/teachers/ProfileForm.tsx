import { useState } from 'react';
import { Button, Fieldset, Group, NumberInput, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TeacherProfile } from '@contracts';
import { splitProblem } from '../../api/form-errors';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { profileKey, saveProfile } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';
import { profileToTeaching, teachingToBody } from './teaching-values';
import { TeachingFields, type TeachingValues } from './TeachingFields';

/** The whole profile, as the teacher (portal) or recruitment/followup edit it. */
export function ProfileForm({ profile, onDone }: { profile: TeacherProfile; onDone?: () => void }) {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const [teaching, setTeaching] = useState<TeachingValues>(() => profileToTeaching(profile));
  const [bio, setBio] = useState(profile.bio ?? '');
  const [capacity, setCapacity] = useState<number | ''>(profile.capacityNewStudents ?? '');
  const [address, setAddress] = useState(profile.address ?? { line1: '', postalCode: '', city: '' });
  const save = useMutation({
    mutationFn: () =>
      saveProfile(profile.teacherId, {
        version: profile.version,
        bio: bio.trim() || null,
        ...teachingToBody(
          teaching,
          profile.zones.filter((z) => z.kind === 'commune') as { kind: 'commune'; code: string }[],
        ),
        capacityNewStudents: capacity === '' ? null : capacity,
        address: address.line1.trim() || address.postalCode.trim() || address.city.trim() ? address : null,
      }),
    onSuccess: async (saved) => {
      client.setQueryData(profileKey(profile.teacherId), saved);
      notify(t('profile.saved'));
      onDone?.();
    },
  });
  const set = <K extends keyof TeachingValues>(key: K, value: TeachingValues[K]) =>
    setTeaching((v) => ({ ...v, [key]: value }));

  // the fields this form shows an error on; an error on a field it lacks is said in its alert
  const fields = [
    'bio',
    'capacityNewStudents',
    'address.line1',
    'address.postalCode',
    'address.city',
    'styles',
    'zones',
    'maxTravelKm',
    ...teaching.instruments.flatMap((_, n) =>
      ['instrument', 'levelMin', 'levelMax', 'ageMin', 'ageMax'].map((key) => `instruments.${n}.${key}`),
    ),
    ...teaching.slots.flatMap((_, n) => [`availability.${n}.startMinute`, `availability.${n}.endMinute`]),
  ];
  const { errors, alert } = splitProblem(save.error, { fields });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack>
        <Textarea
          label={t('profile.bio')}
          autosize
          minRows={3}
          value={bio}
          onChange={(e) => setBio(e.currentTarget.value)}
          error={errors.bio}
        />
        <TeachingFields values={teaching} set={set} errors={errors} />
        <NumberInput
          label={t('profile.capacity')}
          min={0}
          max={100}
          w={260}
          value={capacity}
          onChange={(v) => setCapacity(v === '' ? '' : Number(v))}
          error={errors.capacityNewStudents}
        />
        <Fieldset legend={t('profile.address')}>
          <Group grow wrap="wrap" align="flex-start">
            <TextInput
              label={t('profile.line1')}
              value={address.line1}
              onChange={(e) => setAddress({ ...address, line1: e.currentTarget.value })}
              error={errors['address.line1']}
              miw={220}
            />
            <TextInput
              label={t('apply.postalCode')}
              value={address.postalCode}
              onChange={(e) => setAddress({ ...address, postalCode: e.currentTarget.value })}
              error={errors['address.postalCode']}
              miw={120}
            />
            <TextInput
              label={t('apply.city')}
              value={address.city}
              onChange={(e) => setAddress({ ...address, city: e.currentTarget.value })}
              error={errors['address.city']}
              miw={160}
            />
          </Group>
        </Fieldset>
        {alert ? (
          <ProblemAlert
            error={alert}
            onReload={() => void client.invalidateQueries({ queryKey: profileKey(profile.teacherId) })}
          />
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('actions.save', { ns: 'translation' })}
          </Button>
          {onDone ? (
            <Button variant="default" onClick={onDone}>
              {t('actions.cancel', { ns: 'translation' })}
            </Button>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
