import { Anchor, Button, Fieldset, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { SeasonInput } from '@contracts';
import { useCurrentUser } from '../auth/use-me';
import { formatDate } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { zodErrors } from '../../ui/zod-form';
import { createSeason, listSeasons, schoolsKeys, type SeasonBody } from './api';
import { SCHOOLS_ACCESS } from './schools-access';
import { SCHOOLS_NS } from './schools-i18n';
import { ScrollTable } from '../../ui/ScrollTable';

const blankTerm = { name: '', start: '', end: '' };

/** A season and its terms; the API refuses, per field, a term ending before it starts and overlapping terms. */
function CreateSeasonForm() {
  const { t } = useTranslation(SCHOOLS_NS);
  const client = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<SeasonBody>({
    initialValues: { name: '', start: '', end: '', terms: [{ ...blankTerm }] },
    validate: (values) => zodErrors(SeasonInput, values),
  });
  const { submit, pending, error } = useSubmit(form, createSeason, {
    success: t('seasons.created'),
    onSuccess: async (season) => {
      await client.invalidateQueries({ queryKey: schoolsKeys.seasons });
      await navigate(`/office/seasons/${season.id}`);
    },
  });
  return (
    <form onSubmit={form.onSubmit(submit)}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('seasons.name')} required {...form.getInputProps('name')} />
          <TextInput type="date" label={t('seasons.start')} required {...form.getInputProps('start')} />
          <TextInput type="date" label={t('seasons.end')} required {...form.getInputProps('end')} />
        </SimpleGrid>
        {form.values.terms.map((_, i) => (
          <Fieldset key={i} legend={`${t('seasons.terms')} ${i + 1}`}>
            <Group align="flex-end" wrap="wrap">
              <TextInput label={t('seasons.termName')} required {...form.getInputProps(`terms.${i}.name`)} />
              <TextInput
                type="date"
                label={t('seasons.termStart')}
                required
                {...form.getInputProps(`terms.${i}.start`)}
              />
              <TextInput type="date" label={t('seasons.termEnd')} required {...form.getInputProps(`terms.${i}.end`)} />
              {form.values.terms.length > 1 ? (
                <Button variant="subtle" color="red" onClick={() => form.removeListItem('terms', i)}>
                  {t('seasons.removeTerm', { n: i + 1 })}
                </Button>
              ) : null}
            </Group>
          </Fieldset>
        ))}
        <Group>
          {form.values.terms.length < 6 ? (
            <Button variant="default" onClick={() => form.insertListItem('terms', { ...blankTerm })}>
              {t('seasons.addTerm')}
            </Button>
          ) : null}
        </Group>
        {error ? <ProblemAlert error={error} /> : null}
        <Group>
          <Button type="submit" loading={pending}>
            {t('seasons.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** /office/seasons: the seasons of the network; the director creates one with its terms. */
export function SeasonsPage() {
  const { t } = useTranslation(SCHOOLS_NS);
  const me = useCurrentUser();
  const query = useQuery({ queryKey: schoolsKeys.seasons, queryFn: listSeasons });
  return (
    <Stack>
      <PageTitle>{t('seasons.title')}</PageTitle>
      {!query.data ? (
        <QueryFallback error={query.error} />
      ) : query.data.length === 0 ? (
        <Text c="dimmed">{t('seasons.empty')}</Text>
      ) : (
        <ScrollTable label={t('seasons.title')} minWidth={420}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.season')}</Table.Th>
                <Table.Th>{t('seasons.dates')}</Table.Th>
                <Table.Th>{t('seasons.terms')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/seasons/${s.id}`}>
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{t('seasons.period', { start: formatDate(s.start), end: formatDate(s.end) })}</Table.Td>
                  <Table.Td>{s.terms.map((term) => term.name).join(', ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {hasAnyRole(me.roles, SCHOOLS_ACCESS.configure) ? (
        <Section title={t('seasons.new')}>
          <CreateSeasonForm />
        </Section>
      ) : null}
    </Stack>
  );
}
