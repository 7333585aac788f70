import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { answerLink, getLink } from '../../features/agency/api';
import { splitProblem } from '../../api/form-errors';

/** The signed link of the hand-over e-mail (/l/:token): the first-lesson answer, without logging in. */
export function LinkPage() {
  const { t } = useTranslation(AGENCY_NS);
  const { token = '' } = useParams();
  const [date, setDate] = useState('');
  const view = useQuery({ queryKey: ['agency-link', token], queryFn: () => getLink(token) });
  const answer = useMutation({
    mutationFn: (body: { date: string } | { couldNotReach: true }) => answerLink(token, body),
  });
  const problem = splitProblem(answer.error, { fields: ['date'] });
  if (!view.data) return <QueryFallback error={view.error} />;
  const v = view.data;
  return (
    <Stack>
      <PageTitle>{t('link.title', { name: v.studentFirstName })}</PageTitle>
      <Text>
        {t('link.intro', {
          instrument: t(`instrument.${v.instrument}`, { defaultValue: v.instrument }),
          other: v.otherName,
        })}
      </Text>
      {answer.isSuccess ? (
        <Alert color="green" role="status">
          {t('link.thanks')}
        </Alert>
      ) : v.used ? (
        <Alert role="status">{t('link.used')}</Alert>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            answer.mutate({ date });
          }}
        >
          <Stack>
            <TextInput
              label={t('link.date')}
              error={problem.errors.date}
              type="date"
              required
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
            />
            {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
            <Group>
              <Button type="submit" loading={answer.isPending}>
                {t('link.save')}
              </Button>
              <Button variant="default" onClick={() => answer.mutate({ couldNotReach: true })}>
                {t('link.couldNotReach')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
