import { useState } from 'react';
import {
  Anchor,
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useSearchParams } from 'react-router';
import { TeacherContractInput } from '@contracts';
import { rolesGrant } from '../../api/contract-values';
import { useCurrentUser } from '../auth/use-me';
import { formatDate } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { zodErrors } from '../../ui/zod-form';
import { PeriodPicker } from '../attendance/PeriodPicker';
import { HOURS_NS } from './teacher-hours-i18n';
import * as api from './api';

type Figure = Exclude<keyof api.HoursRow, 'teacherId' | 'teacherName' | 'schoolId' | 'schoolName' | 'lastCallOn'>;
/** The figure columns, in order (the unworked total last but one: the figure declared for partial activity). */
const FIGURES: { key: Figure; label: string }[] = [
  { key: 'weeklyMinutes', label: 'weekly' },
  { key: 'contractMinutes', label: 'contract' },
  { key: 'taughtMinutes', label: 'taught' },
  { key: 'replacedGivenMinutes', label: 'given' },
  { key: 'replacedReceivedMinutes', label: 'received' },
  { key: 'cancelledBySchoolMinutes', label: 'bySchool' },
  { key: 'closureMinutes', label: 'closures' },
  { key: 'suspendedMinutes', label: 'suspended' },
  { key: 'unworkedMinutes', label: 'unworked' },
  { key: 'cancelledByTeacherMinutes', label: 'byTeacher' },
];

/** Minutes as hours and minutes ("4 h 15"); none: a dash. */
function hoursText(t: TFunction, minutes: number | null): string {
  return minutes === null ? '—' : t('hours', { h: Math.floor(minutes / 60), m: String(minutes % 60).padStart(2, '0') });
}

/** A check-in call with a teacher about the month's hours, logged in the contact log. */
function LogCall({ row, month }: { row: api.HoursRow; month: string }) {
  const { t } = useTranslation(HOURS_NS);
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm({ initialValues: { summary: '' } });
  const { submit, pending, error } = useSubmit(form, (v) => api.logCall(row.teacherId, month, v.summary), {
    success: t('callSaved'),
    onSuccess: async () => {
      setOpen(false);
      form.reset();
      await client.invalidateQueries({ queryKey: ['teacher-hours'] });
    },
  });
  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => setOpen(true)}
        aria-label={`${t('logCall')} — ${row.teacherName}`}
      >
        {t('logCall')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('logCallTitle', { name: row.teacherName })}>
        <form onSubmit={form.onSubmit(submit)} noValidate>
          <Stack gap="sm">
            <ProblemAlert error={error} />
            <Textarea
              label={t('callSummary')}
              required
              withAsterisk
              autosize
              minRows={3}
              {...form.getInputProps('summary')}
            />
            <Group>
              <Button type="submit" loading={pending}>
                {t('saveCall')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

/** The month's rows, a line per teacher and school. */
function HoursTable({ report, withCalls }: { report: api.Report; withCalls: boolean }) {
  const { t } = useTranslation(HOURS_NS);
  const hours = (minutes: number | null) => hoursText(t, minutes);
  const headings = [
    t('columns.teacher'),
    t('columns.school'),
    ...FIGURES.map((f) => t(`columns.${f.label}`)),
    t('columns.lastCall'),
    ...(withCalls ? [t('columns.actions')] : []),
  ];
  return (
    <ScrollTable label={t('caption', { month: report.month })} minWidth={headings.length * 100}>
      <Table striped>
        <Table.Caption>{t('caption', { month: report.month })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {headings.map((h) => (
              <Table.Th key={h} scope="col">
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row) => (
            <Table.Tr key={`${row.teacherId}|${row.schoolId}`}>
              <Table.Th scope="row">{row.teacherName}</Table.Th>
              <Table.Td>{row.schoolName}</Table.Td>
              {FIGURES.map((f) => (
                <Table.Td key={f.key} fw={f.key === 'unworkedMinutes' ? 700 : undefined}>
                  {hours(row[f.key])}
                </Table.Td>
              ))}
              <Table.Td>{row.lastCallOn ? formatDate(row.lastCallOn) : '—'}</Table.Td>
              {withCalls ? (
                <Table.Td>
                  <LogCall row={row} month={report.month} />
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

type ContractValues = {
  teacherId: string;
  schoolId: string;
  hours: number | string;
  validFrom: string;
  validTo: string;
};
const contractBody = (v: ContractValues) => ({
  teacherId: v.teacherId,
  schoolId: v.schoolId,
  weeklyMinutes: Math.round(Number(v.hours) * 60),
  validFrom: v.validFrom,
  validTo: v.validTo || null,
});

/** The contracts of the schools one follows, and a form to enter one (the secretariat and the director). */
function Contracts({
  teachers,
  canWrite,
}: {
  teachers: { id: string; name: string; schools: [string, string][] }[];
  canWrite: boolean;
}) {
  const { t } = useTranslation(HOURS_NS);
  const hours = (minutes: number | null) => hoursText(t, minutes);
  const client = useQueryClient();
  const query = useQuery({ queryKey: api.hoursKeys.contracts, queryFn: api.contracts });
  const schools = [...new Map(teachers.flatMap((x) => x.schools))];
  const form = useForm<ContractValues>({
    initialValues: {
      teacherId: teachers[0]?.id ?? '',
      schoolId: schools[0]?.[0] ?? '',
      hours: 2,
      validFrom: '',
      validTo: '',
    },
    validate: (v) => zodErrors(TeacherContractInput, contractBody(v)),
  });
  const { submit, pending, error } = useSubmit(form, (v) => api.createContract(contractBody(v)), {
    success: t('contractSaved'),
    rename: { weeklyMinutes: 'hours' },
    onSuccess: async () => {
      form.reset();
      await client.invalidateQueries({ queryKey: ['teacher-hours'] });
    },
  });
  const list = query.data?.contracts ?? [];
  return (
    <Section title={t('contracts')}>
      <Stack gap="sm">
        {query.error ? <ProblemAlert error={query.error} /> : null}
        {list.length === 0 ? (
          <Text>{t('noContract')}</Text>
        ) : (
          <ScrollTable label={t('contractsCaption')} minWidth={560}>
            <Table>
              <Table.Caption>{t('contractsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {[t('teacher'), t('school'), t('weeklyHours'), t('validFrom'), t('validTo')].map((h) => (
                    <Table.Th key={h} scope="col">
                      {h}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row">{c.teacherName}</Table.Th>
                    <Table.Td>{c.schoolName}</Table.Td>
                    <Table.Td>{hours(c.weeklyMinutes)}</Table.Td>
                    <Table.Td>{formatDate(c.validFrom)}</Table.Td>
                    <Table.Td>{c.validTo ? formatDate(c.validTo) : t('openEnded')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollTable>
        )}
        {canWrite && teachers.length > 0 ? (
          <form onSubmit={form.onSubmit(submit)} noValidate aria-label={t('newContract')}>
            <Stack gap="sm">
              <Text fw={600}>{t('newContract')}</Text>
              <ProblemAlert error={error} />
              <Group grow align="flex-start" wrap="wrap">
                <NativeSelect
                  label={t('teacher')}
                  required
                  withAsterisk
                  data={teachers.map((x) => ({ value: x.id, label: x.name }))}
                  {...form.getInputProps('teacherId')}
                />
                <NativeSelect
                  label={t('school')}
                  required
                  withAsterisk
                  data={schools.map(([value, label]) => ({ value, label }))}
                  {...form.getInputProps('schoolId')}
                />
                <NumberInput
                  label={t('weeklyHours')}
                  required
                  withAsterisk
                  min={0.25}
                  max={48}
                  step={0.25}
                  decimalScale={2}
                  {...form.getInputProps('hours')}
                />
              </Group>
              <Group grow align="flex-start" wrap="wrap">
                <TextInput
                  label={t('validFrom')}
                  type="date"
                  required
                  withAsterisk
                  {...form.getInputProps('validFrom')}
                />
                <TextInput label={t('validTo')} type="date" {...form.getInputProps('validTo')} />
              </Group>
              <Group>
                <Button type="submit" loading={pending}>
                  {t('saveContract')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Stack>
    </Section>
  );
}

/**
 * /office/teacher-hours: the month's hours of the teachers of the schools one follows, per teacher and school, with
 * the CSV for payroll, a check-in call per teacher and the contracts; /teacher/hours: a teacher's own rows.
 */
export function TeacherHoursPage({ audience }: { audience: 'office' | 'teacher' }) {
  const { t } = useTranslation(HOURS_NS);
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const monthParam = params.get('month');
  const schoolParam = audience === 'office' ? params.get('school') : null;
  const query = useQuery({
    queryKey: audience === 'office' ? api.hoursKeys.report(monthParam, null) : api.hoursKeys.mine(monthParam),
    queryFn: () => (audience === 'office' ? api.report(monthParam, null) : api.myHours(monthParam)),
  });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const data = query.data;
  const schools = [...new Map(data.rows.map((r) => [r.schoolId, r.schoolName]))];
  const rows = data.rows.filter((r) => !schoolParam || r.schoolId === schoolParam);
  const shown = { ...data, rows };
  const teachers = [...new Map(data.rows.map((r) => [r.teacherId, r.teacherName]))].map(([id, name]) => ({
    id,
    name,
    schools: data.rows.filter((r) => r.teacherId === id).map((r): [string, string] => [r.schoolId, r.schoolName]),
  }));
  const hours = (minutes: number | null) => hoursText(t, minutes);
  return (
    <Stack gap="md">
      <PageTitle>{audience === 'office' ? t('title') : t('myTitle')}</PageTitle>
      <PeriodPicker
        ns={HOURS_NS}
        period={data.month}
        periods={data.months}
        onChange={(key) => setParams({ month: key, ...(schoolParam ? { school: schoolParam } : {}) })}
      />
      {audience === 'office' ? (
        <Group gap="md" wrap="wrap" align="flex-end">
          <NativeSelect
            label={t('school')}
            value={schoolParam ?? ''}
            data={[{ value: '', label: t('allSchools') }, ...schools.map(([value, label]) => ({ value, label }))]}
            onChange={(e) =>
              setParams({ month: data.month, ...(e.currentTarget.value ? { school: e.currentTarget.value } : {}) })
            }
          />
          <Anchor href={api.csvUrl(data.month, schoolParam)} download>
            {t('csv')}
          </Anchor>
        </Group>
      ) : null}
      <Text size="sm">{t('help')}</Text>
      {rows.length === 0 ? (
        <Text>{t('none')}</Text>
      ) : (
        <HoursTable report={shown} withCalls={audience === 'office' && rolesGrant(me.roles, 'contacts.log')} />
      )}
      {audience === 'office' && data.schools.length > 1 ? (
        <Section title={t('totals')}>
          <Stack gap={4} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {data.schools.map((s) => (
              <li key={s.schoolId}>
                <Text>
                  {s.schoolName} — {t('columns.taught')} {hours(s.taughtMinutes)} · {t('columns.unworked')}{' '}
                  {hours(s.unworkedMinutes)}
                </Text>
              </li>
            ))}
          </Stack>
        </Section>
      ) : null}
      {audience === 'office' ? (
        <Contracts teachers={teachers} canWrite={rolesGrant(me.roles, 'courses.manage')} />
      ) : null}
    </Stack>
  );
}
