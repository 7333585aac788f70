import { useState } from 'react';
import { Alert, Anchor, Button, List, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PackCourse, ReenrolmentPack } from '@contracts';
import { formatDate } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { splitProblem } from '../../api/form-errors';
import { euros } from '../billing/billing-i18n';
import '../schools/schools-i18n';
import type { PackAnswer } from './api';
import { REENROL_NS } from './reenrol-i18n';

/** One student's pack: last season, next season's proposal and fees, the deadline, and the answer form. */
export function PackCard(props: {
  pack: ReenrolmentPack;
  pdfUrl: string;
  pending: boolean;
  error: unknown;
  onAnswer: (answer: PackAnswer) => void;
}) {
  const { pack } = props;
  const { t, i18n } = useTranslation(REENROL_NS);
  const [answer, setAnswer] = useState<PackAnswer['answer']>('confirmed');
  const [note, setNote] = useState('');
  const problem = splitProblem(props.error, { fields: ['note'] });
  const course = (c: PackCourse) =>
    t('course', {
      discipline: t(`schools:discipline.${c.discipline}`, { defaultValue: c.discipline }),
      level: c.level,
      minutes: c.durationMinutes,
      weekday: t(`schools:weekday.${c.weekday}`),
      start: c.start,
      teacher: c.teacherName,
    });
  const amount = (cents: number | null) => (cents === null ? t('feeUnknown') : euros(cents, i18n.language));
  return (
    <Section
      title={t('packTitle', { student: pack.studentName, season: pack.toSeasonName })}
      actions={
        <Anchor href={props.pdfUrl} download>
          {t('pdf')}
        </Anchor>
      }
    >
      <Stack gap="xs">
        <Text>{t('school', { school: pack.schoolName })}</Text>
        <Text fw={600}>{t('deadline', { date: formatDate(pack.priorityDeadline) })}</Text>
        <Text fw={600}>{t('lastSeason', { season: pack.fromSeasonName })}</Text>
        <List>
          {pack.proposal.lines.map((line) => (
            <List.Item key={`last-${line.last.courseId}`}>{course(line.last)}</List.Item>
          ))}
        </List>
        <Text fw={600}>{t('proposal', { season: pack.toSeasonName })}</Text>
        <List>
          {pack.proposal.lines.map((line) => (
            <List.Item key={`next-${line.last.courseId}`}>
              {line.next
                ? `${course(line.next)} — ${line.seatHeld ? t('seatHeld') : t('seatNotHeld')}`
                : `${course(line.last)} : ${t('noContinuing')}`}
            </List.Item>
          ))}
        </List>
        <Text fw={600}>{t('fees')}</Text>
        {pack.proposal.feesVoted ? (
          <List>
            <List.Item>{t('membership', { amount: amount(pack.proposal.membershipFeeCents) })}</List.Item>
            {pack.proposal.lines
              .filter((line) => line.next)
              .map((line) => (
                <List.Item key={`fee-${line.last.courseId}`}>
                  {t('courseFee', { course: course(line.next!), amount: amount(line.feeCents) })}
                </List.Item>
              ))}
          </List>
        ) : (
          <Text>{t('feesToBeVoted')}</Text>
        )}
        {pack.answer ? (
          <Alert color="green" role="status">
            {t(`answered.${pack.answer}`)}
          </Alert>
        ) : !pack.open ? (
          <Alert role="status">{t('closed')}</Alert>
        ) : (
          <form
            aria-label={t('answer')}
            onSubmit={(e) => {
              e.preventDefault();
              props.onAnswer({ answer, note: note.trim() ? note : null });
            }}
          >
            <Stack gap="xs">
              <Radio.Group
                label={t('answer')}
                value={answer}
                onChange={(v) => setAnswer(v as PackAnswer['answer'])}
                withAsterisk
              >
                <Stack gap={4} mt={4}>
                  <Radio value="confirmed" label={t('confirmed')} />
                  <Radio value="changed" label={t('changed')} />
                  <Radio value="declined" label={t('declined')} />
                </Stack>
              </Radio.Group>
              {answer === 'changed' ? (
                <Textarea
                  label={t('note')}
                  value={note}
                  onChange={(e) => setNote(e.currentTarget.value)}
                  error={problem.errors.note}
                  required
                />
              ) : null}
              {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
              <Button type="submit" loading={props.pending}>
                {t('send')}
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Section>
  );
}
