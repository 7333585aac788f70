import { useState } from 'react';
import {
  Button,
  Fieldset,
  Group,
  List,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DISCIPLINES, type DecisionKind } from '@contracts';
import { formatDate, organisationToday } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { useSubmit } from '../../ui/use-submit';
import { useCurrentUser } from '../auth/use-me';
import { BOARD_NS } from './board-i18n';
import * as api from './api';

/** Amounts in the form are typed in euros; the API takes cents. */
type FeeLine = { discipline: string; durationMinutes: number; feeCents: number };
type Values = {
  decidedOn: string;
  subject: string;
  text: string;
  kind: DecisionKind;
  seasonId: string;
  vote: {
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
    membersPresent: number;
    membersRepresented: number;
  };
  tariffs: {
    membership: { basis: 'family' | 'member'; feeCents: number };
    courseFees: FeeLine[];
    familyDiscounts: [number, number];
    solidarityRates: { criterion: string; percent: number }[];
  };
};

const toCents = (euros: number) => Math.round(Number(euros) * 100);

function useEuros() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
    style: 'currency',
    currency: 'EUR',
  });
  return (cents: number) => format.format(cents / 100);
}

/** The board (and the director) records a decision with its vote and, for a tariffs decision, the tariffs. */
function RecordDecisionForm({
  seasons,
  onRecorded,
}: {
  seasons: api.SeasonView[];
  onRecorded: (seasonId: string | null) => void;
}) {
  const { t } = useTranslation(BOARD_NS);
  const client = useQueryClient();
  const form = useForm<Values>({
    initialValues: {
      decidedOn: organisationToday(),
      subject: '',
      text: '',
      kind: 'tariffs',
      seasonId: seasons[0]?.id ?? '',
      vote: { votesFor: 0, votesAgainst: 0, abstentions: 0, membersPresent: 0, membersRepresented: 0 },
      tariffs: {
        membership: { basis: 'family', feeCents: 0 },
        courseFees: [{ discipline: 'piano', durationMinutes: 30, feeCents: 0 }],
        familyDiscounts: [0, 0],
        solidarityRates: [{ criterion: '', percent: 0 }],
      },
    },
  });
  const { submit, pending, error } = useSubmit(
    form,
    (values: Values) => {
      const [second, third] = values.tariffs.familyDiscounts;
      const discounts = third ? [second, third] : second ? [second] : [];
      return api.recordDecision({
        decidedOn: values.decidedOn,
        subject: values.subject,
        text: values.text,
        kind: values.kind,
        vote: values.vote,
        seasonId: values.seasonId || null,
        tariffs:
          values.kind === 'tariffs'
            ? {
                membership: { ...values.tariffs.membership, feeCents: toCents(values.tariffs.membership.feeCents) },
                courseFees: values.tariffs.courseFees.map((f) => ({
                  discipline: f.discipline as api.TariffsView['courseFees'][number]['discipline'],
                  durationMinutes: Number(f.durationMinutes),
                  feeCents: toCents(f.feeCents),
                })),
                familyDiscounts: discounts,
                solidarityRates: values.tariffs.solidarityRates.filter((r) => r.criterion.trim()),
              }
            : null,
      });
    },
    {
      success: t('saved'),
      onSuccess: async (decision) => {
        await client.invalidateQueries({ queryKey: api.boardKeys.all });
        onRecorded(decision.seasonId);
        form.reset();
      },
    },
  );
  const kind = form.getValues().kind;
  const fees = form.getValues().tariffs.courseFees;
  const number = (path: string, label: string, extra: Record<string, unknown> = {}) => (
    <NumberInput label={label} min={0} allowDecimal={false} {...extra} {...form.getInputProps(path)} />
  );
  return (
    <form aria-label={t('record')} onSubmit={form.onSubmit(submit)} noValidate>
      <Stack>
        <ProblemAlert error={error} />
        <Group align="flex-start" wrap="wrap">
          <TextInput label={t('decidedOn')} type="date" required {...form.getInputProps('decidedOn')} />
          <NativeSelect
            label={t('kind')}
            data={(['tariffs', 'tariffs_unchanged', 'general'] as const).map((k) => ({
              value: k,
              label: t(`kinds.${k}`),
            }))}
            {...form.getInputProps('kind')}
          />
          <NativeSelect
            label={t('season')}
            data={[{ value: '', label: t('noSeason') }, ...seasons.map((s) => ({ value: s.id, label: s.name }))]}
            {...form.getInputProps('seasonId')}
          />
        </Group>
        <TextInput label={t('subject')} required {...form.getInputProps('subject')} />
        <Textarea label={t('text')} required autosize minRows={3} {...form.getInputProps('text')} />
        <Fieldset legend={t('vote')}>
          <Group align="flex-start" wrap="wrap">
            {number('vote.membersPresent', t('membersPresent'))}
            {number('vote.membersRepresented', t('membersRepresented'))}
            {number('vote.votesFor', t('votesFor'))}
            {number('vote.votesAgainst', t('votesAgainst'))}
            {number('vote.abstentions', t('abstentions'))}
          </Group>
        </Fieldset>
        {kind === 'tariffs' ? (
          <Fieldset legend={t('tariffs')}>
            <Stack>
              <Group align="flex-start" wrap="wrap">
                <NativeSelect
                  label={t('membershipBasis')}
                  data={(['family', 'member'] as const).map((b) => ({ value: b, label: t(`bases.${b}`) }))}
                  {...form.getInputProps('tariffs.membership.basis')}
                />
                {number('tariffs.membership.feeCents', t('membershipFee'), { allowDecimal: true, decimalScale: 2 })}
              </Group>
              <Text fw={600} size="sm">
                {t('courseFees')}
              </Text>
              {fees.map((_, index) => (
                <Group key={index} align="flex-end" wrap="wrap">
                  <NativeSelect
                    label={t('discipline')}
                    data={DISCIPLINES.map((d) => ({ value: d, label: t(`disciplines.${d}`) }))}
                    {...form.getInputProps(`tariffs.courseFees.${index}.discipline`)}
                  />
                  {number(`tariffs.courseFees.${index}.durationMinutes`, t('duration'), { min: 15, step: 15 })}
                  {number(`tariffs.courseFees.${index}.feeCents`, t('fee'), { allowDecimal: true, decimalScale: 2 })}
                  {fees.length > 1 ? (
                    <Button
                      variant="subtle"
                      color="red"
                      onClick={() => form.removeListItem('tariffs.courseFees', index)}
                    >
                      {t('removeFee', { n: index + 1 })}
                    </Button>
                  ) : null}
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() =>
                    form.insertListItem('tariffs.courseFees', { discipline: 'piano', durationMinutes: 30, feeCents: 0 })
                  }
                >
                  {t('addFee')}
                </Button>
              </Group>
              <Group align="flex-start" wrap="wrap">
                {number('tariffs.familyDiscounts.0', t('secondChild'), { max: 100 })}
                {number('tariffs.familyDiscounts.1', t('thirdChild'), { max: 100 })}
              </Group>
              <Group align="flex-start" wrap="wrap">
                <TextInput label={t('criterion')} {...form.getInputProps('tariffs.solidarityRates.0.criterion')} />
                {number('tariffs.solidarityRates.0.percent', t('solidarityPercent'), { max: 100 })}
              </Group>
            </Stack>
          </Fieldset>
        ) : null}
        <Group>
          <Button type="submit" loading={pending}>
            {t('submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The fees a season applies: those of its latest tariffs decision. */
function SeasonFees({ seasonId }: { seasonId: string }) {
  const { t } = useTranslation(BOARD_NS);
  const euros = useEuros();
  const query = useQuery({ queryKey: api.boardKeys.tariffs(seasonId), queryFn: () => api.seasonTariffs(seasonId) });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  const tariffs = query.data.tariffs;
  if (!tariffs) return <Text>{t('noTariffs')}</Text>;
  const discounts = tariffs.familyDiscounts;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t('adoptedBy', { subject: tariffs.decisionSubject, date: formatDate(tariffs.decidedOn) })}{' '}
        {tariffs.copiedFromSeasonId ? t('copiedFrom') : null}
      </Text>
      <Text fw={600} size="sm">
        {t('membership')}
      </Text>
      <Text size="sm">
        {t('membershipLine', {
          amount: euros(tariffs.membership.feeCents),
          basis: t(`bases.${tariffs.membership.basis}`),
        })}
      </Text>
      <ScrollTable label={t('courseFees')} minWidth={320}>
        <Table aria-label={t('courseFees')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('discipline')}</Table.Th>
              <Table.Th>{t('fee')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tariffs.courseFees.map((fee) => (
              <Table.Tr key={`${fee.discipline}-${fee.durationMinutes}`}>
                <Table.Td>
                  {t('feeLine', { discipline: t(`disciplines.${fee.discipline}`), minutes: fee.durationMinutes })}
                </Table.Td>
                <Table.Td>{euros(fee.feeCents)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Text fw={600} size="sm">
        {t('familyDiscounts')}
      </Text>
      {discounts.length ? (
        <List size="sm">
          {discounts.map((percent, index) => (
            <List.Item key={index}>
              {t(index === discounts.length - 1 ? 'discountLast' : 'discountLine', { rank: index + 2, percent })}
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('noDiscount')}</Text>
      )}
      <Text fw={600} size="sm">
        {t('solidarity')}
      </Text>
      {tariffs.solidarityRates.length ? (
        <List size="sm">
          {tariffs.solidarityRates.map((rate) => (
            <List.Item key={rate.criterion}>{t('solidarityLine', rate)}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t('noSolidarity')}</Text>
      )}
    </Stack>
  );
}

/** The register of the board's decisions, newest first, with their votes and what they set. */
function DecisionsRegister({ decisions }: { decisions: api.DecisionView[] }) {
  const { t } = useTranslation(BOARD_NS);
  if (!decisions.length) return <Text>{t('none')}</Text>;
  return (
    <ScrollTable label={t('register')} minWidth={720}>
      <Table aria-label={t('register')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('decidedOn')}</Table.Th>
            <Table.Th>{t('subject')}</Table.Th>
            <Table.Th>{t('vote')}</Table.Th>
            <Table.Th>{t('outcome')}</Table.Th>
            <Table.Th>{t('links')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {decisions.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{formatDate(d.decidedOn)}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {d.subject}
                </Text>
                <Text size="sm">{t(`kinds.${d.kind}`)}</Text>
                <Text size="sm" c="dimmed">
                  {t('recordedBy')} {d.recordedBy}
                </Text>
              </Table.Td>
              <Table.Td>
                {t('voteSummary', {
                  for: d.vote.votesFor,
                  against: d.vote.votesAgainst,
                  abstentions: d.vote.abstentions,
                  present: d.vote.membersPresent,
                  represented: d.vote.membersRepresented,
                })}
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {d.adopted ? t('adopted') : t('rejected')}
                </Text>
              </Table.Td>
              <Table.Td>
                {d.links.map((link) => (
                  <Text size="sm" key={`${link.type}-${link.targetId}`}>
                    {t(`linkTypes.${link.type}`, { label: link.label })}
                  </Text>
                ))}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** The board's page: the season's fees, the form to record a decision (board and director), the register. */
export function BoardPage() {
  const { t } = useTranslation(BOARD_NS);
  const me = useCurrentUser();
  const seasons = useQuery({ queryKey: api.boardKeys.seasons, queryFn: api.listSeasons });
  const decisions = useQuery({ queryKey: api.boardKeys.decisions, queryFn: api.listDecisions });
  const [chosen, setChosen] = useState('');
  if (!seasons.data || !decisions.data) return <QueryFallback error={seasons.error ?? decisions.error} />;
  const list = [...seasons.data].sort((a, b) => b.start.localeCompare(a.start));
  const seasonId = chosen || list[0]?.id || '';
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Section title={t('seasonFees')}>
        <Stack>
          <NativeSelect
            label={t('season')}
            maw={240}
            value={seasonId}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={list.map((s) => ({ value: s.id, label: s.name }))}
          />
          {seasonId ? <SeasonFees seasonId={seasonId} /> : <Text>{t('noTariffs')}</Text>}
        </Stack>
      </Section>
      {hasAnyRole(me.roles, ['admin', 'board']) ? (
        <Section title={t('record')}>
          <RecordDecisionForm seasons={list} onRecorded={(id) => id && setChosen(id)} />
        </Section>
      ) : null}
      <Section title={t('register')}>
        <DecisionsRegister decisions={decisions.data} />
      </Section>
    </Stack>
  );
}
