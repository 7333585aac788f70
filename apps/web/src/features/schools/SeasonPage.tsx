import { Anchor, Button, Group, List, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { HOLIDAY_ZONES } from '@contracts';
import { useCurrentUser } from '../auth/use-me';
import { formatDate } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import {
  addEntry,
  getSeason,
  importHolidays,
  listEntries,
  listSchools,
  removeEntry,
  schoolsKeys,
  type EntryView,
  type SchoolView,
  type SeasonView,
} from './api';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';
import { ScrollTable } from '../../ui/ScrollTable';
import { ChoiceOpeningSection } from '../enrolment-choice/ChoiceOpeningSection';

type Zone = (typeof HOLIDAY_ZONES)[number];

/** The admin uploads the official calendar file; the zone's holidays of the season replace those imported before. */
function ImportHolidaysForm({ seasonId, zone }: { seasonId: string; zone: Zone }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const fileId = useId();
  const form = useForm({ initialValues: { zone, file: null as File | null } });
  const { submit, pending, error } = useSubmit(
    form,
    async (v) => {
      if (!v.file) {
        form.setFieldError('file', t('seasons.fileNeeded'));
        return null;
      }
      const content = await v.file.text();
      const format = /^\s*BEGIN:VCALENDAR/i.test(content) || /\.ics$/i.test(v.file.name) ? 'ics' : 'csv';
      return importHolidays(seasonId, { zone: v.zone, format, content });
    },
    {
      rename: { content: 'file' },
      onSuccess: async (result) => {
        if (!result) return;
        notify(t('seasons.imported', { count: result.imported.length }));
        await client.invalidateQueries({ queryKey: schoolsKeys.entries(seasonId) });
      },
    },
  );
  const fileError = form.errors.file;
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack>
        <Text size="sm">{t('seasons.holidaysHint')}</Text>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('seasons.zone')}
            data={HOLIDAY_ZONES.map((z) => ({ value: z, label: t(`zone.${z}`) }))}
            {...form.getInputProps('zone')}
          />
          <Stack gap={4}>
            <label htmlFor={fileId} className="harmonie-file-label">
              {t('seasons.file')}
            </label>
            <input
              id={fileId}
              type="file"
              accept=".csv,.ics,text/csv,text/calendar"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? `${fileId}-error` : undefined}
              onChange={(e) => form.setFieldValue('file', e.currentTarget.files?.[0] ?? null)}
            />
            {fileError ? (
              <Text id={`${fileId}-error`} c="red.8" size="sm">
                {fileError}
              </Text>
            ) : null}
          </Stack>
          <Button type="submit" loading={pending}>
            {t('seasons.import')}
          </Button>
        </Group>
        {error ? <ProblemAlert error={error} /> : null}
      </Stack>
    </form>
  );
}

/** A closure (bridge) or an exceptional open day, for one school or the whole network. */
function AddEntryForm({ season, schools }: { season: SeasonView; schools: SchoolView[] }) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const form = useForm({
    initialValues: { kind: 'closure' as 'closure' | 'open_day', start: '', end: '', label: '', schoolId: '' },
  });
  const { submit, pending, error } = useSubmit(
    form,
    (v) =>
      addEntry(season.id, {
        kind: v.kind,
        start: v.start,
        end: v.kind === 'open_day' || !v.end ? v.start : v.end,
        label: v.label,
        schoolId: v.schoolId || null,
      }),
    {
      success: t('seasons.added'),
      onSuccess: async () => {
        form.reset();
        await client.invalidateQueries({ queryKey: schoolsKeys.entries(season.id) });
      },
    },
  );
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('seasons.kindCol')}
            data={(['closure', 'open_day'] as const).map((k) => ({ value: k, label: t(`seasons.entryKind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput type="date" label={t('seasons.start')} required {...form.getInputProps('start')} />
          {form.values.kind === 'closure' ? (
            <TextInput type="date" label={t('seasons.end')} {...form.getInputProps('end')} />
          ) : null}
          <TextInput label={t('seasons.label')} required {...form.getInputProps('label')} />
          <NativeSelect
            label={t('seasons.school')}
            data={[
              { value: '', label: t('seasons.wholeNetwork') },
              ...schools.map((s) => ({ value: s.id, label: s.name })),
            ]}
            {...form.getInputProps('schoolId')}
          />
          <Button type="submit" loading={pending}>
            {t('seasons.addEntryButton')}
          </Button>
        </Group>
        {error ? <ProblemAlert error={error} /> : null}
      </Stack>
    </form>
  );
}

function EntriesTable({
  season,
  entries,
  schools,
  mayEdit,
}: {
  season: SeasonView;
  entries: EntryView[];
  schools: SchoolView[];
  mayEdit: boolean;
}) {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const schoolName = (id: string | null) =>
    id ? (schools.find((s) => s.id === id)?.name ?? '') : t('seasons.wholeNetwork');
  const remove = async (entry: EntryView) => {
    setError(null);
    try {
      await removeEntry(season.id, entry.id);
      notify(t('seasons.removed'));
      await client.invalidateQueries({ queryKey: schoolsKeys.entries(season.id) });
    } catch (err) {
      setError(err);
    }
  };
  if (entries.length === 0) return <Text c="dimmed">{t('seasons.noEntries')}</Text>;
  return (
    <Stack>
      <ProblemAlert error={error} />
      <ScrollTable label={t('seasons.entriesTable')} minWidth={560}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('seasons.kindCol')}</Table.Th>
              <Table.Th>{t('seasons.dates')}</Table.Th>
              <Table.Th>{t('seasons.label')}</Table.Th>
              <Table.Th>{t('seasons.school')}</Table.Th>
              {mayEdit ? <Table.Td /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  {t(`seasons.entryKind.${e.kind}`)}
                  {e.zone ? ` (${t(`zone.${e.zone}`)})` : ''}
                </Table.Td>
                <Table.Td>
                  {e.start === e.end
                    ? formatDate(e.start)
                    : t('seasons.period', { start: formatDate(e.start), end: formatDate(e.end) })}
                </Table.Td>
                <Table.Td>{e.label}</Table.Td>
                <Table.Td>{e.zone ? '' : schoolName(e.schoolId)}</Table.Td>
                {mayEdit ? (
                  <Table.Td>
                    {e.kind === 'school_holiday' ? null : (
                      <Button size="xs" variant="subtle" color="red" onClick={() => void remove(e)}>
                        {t('seasons.remove', { label: e.label })}
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}

/** /office/seasons/:id: the season's terms, its holidays (imported), closures and open days, and each school's calendar. */
export function SeasonPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const season = useQuery({ queryKey: schoolsKeys.season(id), queryFn: () => getSeason(id) });
  const entries = useQuery({ queryKey: schoolsKeys.entries(id), queryFn: () => listEntries(id) });
  const schools = useQuery({ queryKey: schoolsKeys.schools, queryFn: listSchools });
  if (!season.data) return <QueryFallback error={season.error} />;
  const s = season.data;
  const mayImport = hasAnyRole(me.roles, SCHOOLS_ACCESS.configure);
  const mayEdit = hasAnyRole(me.roles, SCHOOLS_ACCESS.calendar);
  const mayOpen = hasAnyRole(me.roles, SCHOOLS_ACCESS.courses);
  const schoolList = schools.data ?? [];
  const zones = [...new Set(schoolList.map((x) => x.holidayZone))];
  return (
    <Stack>
      <PageTitle>{t('seasons.seasonTitle', { name: s.name })}</PageTitle>
      <Text>{t('seasons.period', { start: formatDate(s.start), end: formatDate(s.end) })}</Text>
      <Section title={t('seasons.terms')}>
        <List>
          {s.terms.map((term) => (
            <List.Item key={term.name}>
              {term.name} : {t('seasons.period', { start: formatDate(term.start), end: formatDate(term.end) })}
            </List.Item>
          ))}
        </List>
      </Section>
      {mayImport ? (
        <Section title={t('seasons.holidays')}>
          <ImportHolidaysForm seasonId={id} zone={zones[0] ?? 'C'} />
        </Section>
      ) : null}
      <Section title={t('seasons.entries')}>
        {!entries.data ? (
          <QueryFallback error={entries.error} asPage={false} />
        ) : (
          <EntriesTable season={s} entries={entries.data} schools={schoolList} mayEdit={mayEdit} />
        )}
      </Section>
      {mayEdit ? (
        <Section title={t('seasons.addEntry')}>
          <AddEntryForm season={s} schools={schoolList} />
        </Section>
      ) : null}
      {mayOpen ? <ChoiceOpeningSection seasonId={id} /> : null}
      <Section title={t('seasons.calendars')}>
        {!schools.data ? (
          <QueryFallback error={schools.error} asPage={false} />
        ) : schoolList.length === 0 ? (
          <Text c="dimmed">{t('schools.empty')}</Text>
        ) : (
          <List>
            {schoolList.map((school) => (
              <List.Item key={school.id}>
                <Anchor component={Link} to={`/office/schools/${school.id}/calendar/${id}`}>
                  {t('calendar.title', { season: s.name, school: school.name })}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
    </Stack>
  );
}
