import { useState } from 'react';
import { Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MeetingDetail } from '@contracts';
import { formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { HistorySection } from '../../features/history/HistorySection';
import { getMeeting, inviteTeachers, recordAttendance } from '../../features/teachers/lifecycle-api';
import { TL_NS } from '../../features/teachers/lifecycle-i18n';

function Attendance({ meeting, onSaved }: { meeting: MeetingDetail; onSaved: (m: MeetingDetail) => void }) {
  const { t } = useTranslation(TL_NS);
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(meeting.invitations.map((i) => [i.teacherId, i.attended ?? false])),
  );
  const save = useMutation({
    mutationFn: () =>
      recordAttendance(
        meeting.id,
        Object.entries(present).map(([teacherId, attended]) => ({ teacherId, attended })),
      ),
    onSuccess: (m) => {
      notify(t('meetings.attendanceSaved'));
      onSaved(m);
    },
  });
  return (
    <Stack>
      <Table.ScrollContainer minWidth={420}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('meetings.teacher')}</Table.Th>
              <Table.Th>{t('meetings.response')}</Table.Th>
              <Table.Th>{t('meetings.attended')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {meeting.invitations.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td>{i.teacherName}</Table.Td>
                <Table.Td>{i.response ? t(`meetings.${i.response}`) : t('meetings.noAnswer')}</Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('meetings.attendedOf', { name: i.teacherName })}
                    checked={present[i.teacherId] ?? false}
                    onChange={(e) => setPresent({ ...present, [i.teacherId]: e.currentTarget.checked })}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {save.error ? <ProblemAlert error={save.error} /> : null}
      {/* The server refuses attendance before the meeting starts (MEETING_NOT_STARTED): its clock decides. */}
      {meeting.invitations.length ? (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('meetings.saveAttendance')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

/** One meeting: invitations, answers and (after it started) attendance. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['meeting', id], queryFn: () => getMeeting(id) });
  const put = (m: MeetingDetail) => {
    client.setQueryData(['meeting', id], m);
    void client.invalidateQueries({ queryKey: ['meetings'] });
  };
  const invite = useMutation({
    mutationFn: () => inviteTeachers(id, { mode: 'never-attended' }),
    onSuccess: (m) => {
      notify(t('meetings.invited'));
      put(m);
    },
  });
  if (!query.data) return <QueryFallback error={query.error} />;
  const m = query.data;
  const upcoming = m.startsAt > new Date().toISOString();
  return (
    <Stack>
      <PageTitle>{m.subject}</PageTitle>
      <Text>
        {formatDateTime(m.startsAt)} · {m.facilitator} · {[m.place, m.videoUrl].filter(Boolean).join(' · ')}
      </Text>
      <Text>{t('meetings.counts', { invited: m.invited, yes: m.yes, no: m.no, attended: m.attended })}</Text>
      <Section
        title={t('meetings.invitations')}
        actions={
          upcoming ? (
            <Button size="xs" onClick={() => invite.mutate()} loading={invite.isPending}>
              {t('meetings.inviteNeverAttended')}
            </Button>
          ) : null
        }
      >
        {invite.error ? <ProblemAlert error={invite.error} /> : null}
        <Attendance key={`${m.version}-${m.invitations.length}`} meeting={m} onSaved={put} />
      </Section>
      <HistorySection sources={[{ entityType: 'meeting', entityId: m.id }]} />
    </Stack>
  );
}
