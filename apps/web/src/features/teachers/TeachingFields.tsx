import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  TagsInput,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import '../agency/agency-i18n';
import { AGENCY_NS } from '../agency/agency-i18n';
import { INSTRUMENTS, TL_NS } from './lifecycle-i18n';

export type InstrumentRow = { instrument: string; levelMin: number; levelMax: number; ageMin: number; ageMax: number };
export type SlotRow = { weekday: number; start: string; end: string };
export type TeachingValues = {
  instruments: InstrumentRow[];
  styles: string[];
  postalCodes: string[];
  departments: string[];
  maxTravelKm: number | '';
  teachesAtHome: boolean;
  teachesAtSchool: boolean;
  teachesOnline: boolean;
  slots: SlotRow[];
};

type Props = {
  values: TeachingValues;
  set: <K extends keyof TeachingValues>(key: K, value: TeachingValues[K]) => void;
  errors: Record<string, ReactNode>;
};

const LEVELS = ['1', '2', '3'];

/** Instruments with levels and ages, styles, zones, travel, places and weekly slots: shared by the public form and the profile. */
export function TeachingFields({ values, set, errors }: Props) {
  const { t } = useTranslation(TL_NS);
  const instrumentOptions = INSTRUMENTS.map((i) => ({
    value: i,
    label: t(`instrument.${i}`, { ns: AGENCY_NS, defaultValue: i }),
  }));
  const known: ReadonlySet<string> = new Set(INSTRUMENTS);
  const levels = LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }));
  const weekdays = ['1', '2', '3', '4', '5', '6', '7'].map((d) => ({ value: d, label: t(`weekday.${d}`) }));
  const updateInstrument = (n: number, patch: Partial<InstrumentRow>) =>
    set(
      'instruments',
      values.instruments.map((row, i) => (i === n ? { ...row, ...patch } : row)),
    );
  const updateSlot = (n: number, patch: Partial<SlotRow>) =>
    set(
      'slots',
      values.slots.map((row, i) => (i === n ? { ...row, ...patch } : row)),
    );

  return (
    <Stack>
      <Fieldset legend={t('apply.teaching')}>
        <Stack>
          {values.instruments.map((row, n) => (
            <Fieldset key={n} legend={t('profile.instrumentLabel', { n: n + 1 })} variant="filled">
              <Group align="flex-end" wrap="wrap">
                <NativeSelect
                  label={t('apply.instrument')}
                  data={
                    known.has(row.instrument)
                      ? instrumentOptions
                      : [...instrumentOptions, { value: row.instrument, label: row.instrument }]
                  }
                  value={row.instrument}
                  onChange={(e) => updateInstrument(n, { instrument: e.currentTarget.value })}
                  error={errors[`instruments.${n}.instrument`]}
                />
                <NativeSelect
                  label={t('apply.levelMin')}
                  data={levels}
                  value={String(row.levelMin)}
                  onChange={(e) => updateInstrument(n, { levelMin: Number(e.currentTarget.value) })}
                  error={errors[`instruments.${n}.levelMin`]}
                />
                <NativeSelect
                  label={t('apply.levelMax')}
                  data={levels}
                  value={String(row.levelMax)}
                  onChange={(e) => updateInstrument(n, { levelMax: Number(e.currentTarget.value) })}
                  error={errors[`instruments.${n}.levelMax`]}
                />
                <NumberInput
                  label={t('apply.ageMin')}
                  min={0}
                  max={120}
                  w={130}
                  value={row.ageMin}
                  onChange={(v) => updateInstrument(n, { ageMin: Number(v) || 0 })}
                  error={errors[`instruments.${n}.ageMin`]}
                />
                <NumberInput
                  label={t('apply.ageMax')}
                  min={0}
                  max={120}
                  w={130}
                  value={row.ageMax}
                  onChange={(v) => updateInstrument(n, { ageMax: Number(v) || 0 })}
                  error={errors[`instruments.${n}.ageMax`]}
                />
                {values.instruments.length > 1 ? (
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={t('profile.removeInstrument')}
                    onClick={() =>
                      set(
                        'instruments',
                        values.instruments.filter((_, i) => i !== n),
                      )
                    }
                  >
                    <IconTrash size={18} aria-hidden />
                  </ActionIcon>
                ) : null}
              </Group>
            </Fieldset>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() =>
                set('instruments', [
                  ...values.instruments,
                  { instrument: 'piano', levelMin: 1, levelMax: 3, ageMin: 6, ageMax: 99 },
                ])
              }
            >
              {t('profile.addInstrument')}
            </Button>
          </Group>
          <TagsInput
            label={t('apply.styles')}
            value={values.styles}
            onChange={(v) => set('styles', v)}
            error={errors.styles}
          />
        </Stack>
      </Fieldset>

      <Fieldset legend={t('apply.where')}>
        <Stack>
          <TagsInput
            label={t('apply.postalCodes')}
            value={values.postalCodes}
            onChange={(v) => set('postalCodes', v)}
            error={errors.zones}
          />
          <TagsInput
            label={t('apply.departments')}
            value={values.departments}
            onChange={(v) => set('departments', v)}
          />
          <NumberInput
            label={t('apply.maxTravelKm')}
            min={0}
            max={500}
            w={260}
            value={values.maxTravelKm}
            onChange={(v) => set('maxTravelKm', v === '' ? '' : Number(v))}
            error={errors.maxTravelKm}
          />
          <Group>
            <Checkbox
              label={t('apply.atHome')}
              checked={values.teachesAtHome}
              onChange={(e) => set('teachesAtHome', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('apply.atSchool')}
              checked={values.teachesAtSchool}
              onChange={(e) => set('teachesAtSchool', e.currentTarget.checked)}
            />
            <Checkbox
              label={t('apply.online')}
              checked={values.teachesOnline}
              onChange={(e) => set('teachesOnline', e.currentTarget.checked)}
            />
          </Group>
        </Stack>
      </Fieldset>

      <Fieldset legend={t('apply.availability')}>
        <Stack>
          {values.slots.map((slot, n) => (
            <Group key={n} align="flex-end" wrap="wrap" role="group" aria-label={t('apply.slotLabel', { n: n + 1 })}>
              <NativeSelect
                label={t('apply.weekday')}
                data={weekdays}
                value={String(slot.weekday)}
                onChange={(e) => updateSlot(n, { weekday: Number(e.currentTarget.value) })}
              />
              <TextInput
                type="time"
                label={t('apply.start')}
                value={slot.start}
                onChange={(e) => updateSlot(n, { start: e.currentTarget.value })}
                error={errors[`availability.${n}.startMinute`]}
              />
              <TextInput
                type="time"
                label={t('apply.end')}
                value={slot.end}
                onChange={(e) => updateSlot(n, { end: e.currentTarget.value })}
                error={errors[`availability.${n}.endMinute`]}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={t('apply.removeSlot')}
                onClick={() =>
                  set(
                    'slots',
                    values.slots.filter((_, i) => i !== n),
                  )
                }
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => set('slots', [...values.slots, { weekday: 3, start: '14:00', end: '18:00' }])}
            >
              {t('apply.addSlot')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </Stack>
  );
}
