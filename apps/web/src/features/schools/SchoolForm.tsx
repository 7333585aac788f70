import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { HOLIDAY_ZONES, ROOM_EQUIPMENT, SchoolInput } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { useSubmit } from '../../ui/use-submit';
import { blankToNull, zodErrors } from '../../ui/zod-form';
import type { SchoolBody, SchoolView } from './api';
import { SCHOOLS_NS } from './schools-i18n';
import { WEEKDAYS } from './timetable-grid';

type Equipment = (typeof ROOM_EQUIPMENT)[number];
interface SchoolValues {
  name: string;
  address: { line1: string; postalCode: string; city: string };
  phone: string;
  email: string;
  holidayZone: (typeof HOLIDAY_ZONES)[number];
  openingHours: { weekday: string; opens: string; closes: string }[];
  rooms: { id?: string; name: string; capacity: number | string; equipment: Equipment[] }[];
}

function toValues(school?: SchoolView): SchoolValues {
  if (!school) {
    return {
      name: '',
      address: { line1: '', postalCode: '', city: '' },
      phone: '',
      email: '',
      holidayZone: 'C',
      openingHours: [],
      rooms: [],
    };
  }
  return {
    name: school.name,
    address: { line1: school.address.line1, postalCode: school.address.postalCode, city: school.address.city },
    phone: school.phone ?? '',
    email: school.email ?? '',
    holidayZone: school.holidayZone,
    openingHours: school.openingHours.map((h) => ({ ...h, weekday: String(h.weekday) })),
    rooms: school.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, equipment: [...r.equipment] })),
  };
}

export function toSchoolBody(v: SchoolValues): SchoolBody {
  return {
    name: v.name,
    address: v.address,
    phone: blankToNull(v.phone),
    email: blankToNull(v.email),
    holidayZone: v.holidayZone,
    openingHours: v.openingHours.map((h) => ({ weekday: Number(h.weekday), opens: h.opens, closes: h.closes })),
    rooms: v.rooms.map((r) => ({ ...r, capacity: Number(r.capacity) })),
  };
}

interface SchoolFormProps {
  school?: SchoolView;
  readOnly?: boolean;
  onSave: (body: SchoolBody) => Promise<unknown>;
  success: string;
}

/** A school's address, contact, holiday zone, opening hours and rooms (capacity, equipment). */
export function SchoolForm({ school, readOnly = false, onSave, success }: SchoolFormProps) {
  const { t } = useTranslation(SCHOOLS_NS);
  const form = useForm<SchoolValues>({
    initialValues: toValues(school),
    validate: (values) => zodErrors(SchoolInput, toSchoolBody(values)),
  });
  const { submit, pending, error } = useSubmit(form, (v) => onSave(toSchoolBody(v)), { success });
  const weekdayOptions = WEEKDAYS.map((d) => ({ value: String(d), label: t(`weekday.${d}`) }));
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Fieldset disabled={readOnly} variant="unstyled">
        <Stack>
          <Fieldset legend={t('schools.identity')}>
            <Stack>
              <TextInput label={t('schools.name')} required {...form.getInputProps('name')} />
              <TextInput label={t('schools.address')} required {...form.getInputProps('address.line1')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('schools.postalCode')}
                  required
                  inputMode="numeric"
                  {...form.getInputProps('address.postalCode')}
                />
                <TextInput label={t('schools.city')} required {...form.getInputProps('address.city')} />
                <TextInput label={t('schools.phone')} type="tel" {...form.getInputProps('phone')} />
                <TextInput label={t('schools.email')} type="email" {...form.getInputProps('email')} />
              </SimpleGrid>
              <NativeSelect
                label={t('schools.zone')}
                data={HOLIDAY_ZONES.map((z) => ({ value: z, label: t(`zone.${z}`) }))}
                {...form.getInputProps('holidayZone')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('schools.openingHours')}>
            <Stack>
              {form.values.openingHours.length === 0 ? <Text c="dimmed">{t('schools.noHours')}</Text> : null}
              {form.values.openingHours.map((h, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <NativeSelect
                    label={t('schools.day')}
                    data={weekdayOptions}
                    {...form.getInputProps(`openingHours.${i}.weekday`)}
                  />
                  <TextInput
                    type="time"
                    label={t('schools.opens')}
                    {...form.getInputProps(`openingHours.${i}.opens`)}
                  />
                  <TextInput
                    type="time"
                    label={t('schools.closes')}
                    {...form.getInputProps(`openingHours.${i}.closes`)}
                  />
                  <Button variant="subtle" color="red" onClick={() => form.removeListItem('openingHours', i)}>
                    {t('schools.removeHours', { day: t(`weekday.${h.weekday}`) })}
                  </Button>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => form.insertListItem('openingHours', { weekday: '3', opens: '09:00', closes: '19:00' })}
                >
                  {t('schools.addHours')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('schools.rooms')}>
            <Stack>
              {form.values.rooms.length === 0 ? <Text c="dimmed">{t('schools.noRooms')}</Text> : null}
              {form.values.rooms.map((room, i) => (
                <Fieldset key={room.id ?? i} legend={room.name || `${t('schools.roomName')} ${i + 1}`}>
                  <Stack>
                    <Group align="flex-end" wrap="wrap">
                      <TextInput label={t('schools.roomName')} required {...form.getInputProps(`rooms.${i}.name`)} />
                      <NumberInput
                        label={t('schools.capacity')}
                        min={1}
                        max={1000}
                        w={120}
                        {...form.getInputProps(`rooms.${i}.capacity`)}
                      />
                      <Button variant="subtle" color="red" onClick={() => form.removeListItem('rooms', i)}>
                        {t('schools.removeRoom', { name: room.name || i + 1 })}
                      </Button>
                    </Group>
                    <Checkbox.Group label={t('schools.equipmentLabel')} {...form.getInputProps(`rooms.${i}.equipment`)}>
                      <Group mt="xs" gap="md">
                        {ROOM_EQUIPMENT.map((e) => (
                          <Checkbox key={e} value={e} label={t(`equipment.${e}`)} />
                        ))}
                      </Group>
                    </Checkbox.Group>
                  </Stack>
                </Fieldset>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => form.insertListItem('rooms', { name: '', capacity: 1, equipment: [] })}
                >
                  {t('schools.addRoom')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          {error ? <ProblemAlert error={error} /> : null}
          {readOnly ? null : (
            <Group>
              <Button type="submit" loading={pending}>
                {t('schools.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </Fieldset>
    </form>
  );
}
