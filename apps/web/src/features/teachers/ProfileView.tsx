import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TeacherProfile } from '@contracts';
import { AGENCY_NS } from '../agency/agency-i18n';
import { minutesToTime, TL_NS } from './lifecycle-i18n';

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </div>
  );
}

/** The profile as staff see it; the teacher sees the same in their portal. */
export function ProfileView({ profile }: { profile: TeacherProfile }) {
  const { t } = useTranslation(TL_NS);
  const yesNo = (b: boolean) => (b ? t('profile.yes') : t('profile.no'));
  const none = t('profile.none');
  return (
    <Stack gap="sm">
      <Text>{profile.bio || none}</Text>
      <Item label={t('profile.instruments')}>
        {profile.instruments.length ? (
          <ul>
            {profile.instruments.map((i) => (
              <li key={i.instrument}>
                {t(`instrument.${i.instrument}`, { ns: AGENCY_NS, defaultValue: i.instrument })} —{' '}
                {t(`level.${i.levelMin}`)} → {t(`level.${i.levelMax}`)}, {i.ageMin}–{i.ageMax}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Item>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Item label={t('apply.styles')}>
          <Group gap={4}>
            {profile.styles.length
              ? profile.styles.map((s) => (
                  <Badge key={s} variant="light">
                    {s}
                  </Badge>
                ))
              : none}
          </Group>
        </Item>
        <Item label={t('lowActivity.zones')}>{profile.zones.map((z) => z.code).join(', ') || none}</Item>
        <Item label={t('apply.maxTravelKm')}>{profile.maxTravelKm ?? none}</Item>
        <Item label={t('profile.capacity')}>{profile.capacityNewStudents ?? none}</Item>
        <Item label={t('apply.atHome')}>{yesNo(profile.teachesAtHome)}</Item>
        <Item label={t('apply.atSchool')}>{yesNo(profile.teachesAtSchool)}</Item>
        <Item label={t('apply.online')}>{yesNo(profile.teachesOnline)}</Item>
        <Item label={t('profile.address')}>
          {profile.address
            ? [profile.address.line1, `${profile.address.postalCode} ${profile.address.city}`]
                .filter(Boolean)
                .join(', ')
            : none}
          <Text size="xs" c="dimmed">
            {profile.place.inseeCode ? t('profile.place', { code: profile.place.inseeCode }) : t('profile.notPlaced')}
          </Text>
        </Item>
      </SimpleGrid>
      <Item label={t('apply.availability')}>
        {profile.availability.length ? (
          <ul>
            {profile.availability.map((s, n) => (
              <li key={n}>
                {t(`weekday.${s.weekday}`)} {minutesToTime(s.startMinute)}–{minutesToTime(s.endMinute)}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Item>
    </Stack>
  );
}
