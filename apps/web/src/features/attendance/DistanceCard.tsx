import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { DISTANCE_NS } from './distance-i18n';
import type { DistanceItemView } from './distance-api';

/** One distance lesson's material as a student or guardian sees it, with its "ok" while open. */
export function DistanceCard({
  item,
  onOk,
  pending,
  error,
  headingOrder = 2,
}: {
  item: DistanceItemView;
  onOk: () => void;
  pending: boolean;
  error: unknown;
  headingOrder?: 2 | 3;
}) {
  const { t } = useTranslation(DISTANCE_NS);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={item.studentName}>
      <Stack gap="xs">
        <Title order={headingOrder} size="h4">
          {t('lesson', { course: item.course, date: formatDate(item.date), teacher: item.teacherName })}
        </Title>
        <Text size="sm">{t('student', { name: item.studentName })}</Text>
        {item.text ? <Text style={{ whiteSpace: 'pre-wrap' }}>{item.text}</Text> : null}
        {item.link ? (
          <Anchor href={item.link} target="_blank" rel="noreferrer">
            {t('lessonLink')}
          </Anchor>
        ) : null}
        {item.state === 'open' ? (
          <>
            <Text size="sm">{t('until', { date: formatDate(item.ackUntil) })}</Text>
            <Button onClick={onOk} loading={pending} size="md" w="fit-content">
              {t('ok')}
            </Button>
          </>
        ) : (
          <Alert role="status" color={item.state === 'acknowledged' ? 'green' : 'yellow'}>
            {item.state === 'acknowledged' ? t('done') : t('late')}
          </Alert>
        )}
        {error ? <ProblemAlert error={error} /> : null}
      </Stack>
    </Paper>
  );
}
