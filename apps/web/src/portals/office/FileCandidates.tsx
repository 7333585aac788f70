import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, List, Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { frenchOf } from '../../api/contract-values';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import {
  addExternalCandidate,
  fileKey,
  getCandidates,
  getExclusions,
  handOver,
  type Candidate,
  type FileDetail,
  type SearchWidening,
} from '../../features/agency/api';
import { splitProblem } from '../../api/form-errors';

/** Numbers in the reader's language: "2,3" in French, "2.3" in English, never both on one page. */
export function useNumberFormat() {
  const { i18n } = useTranslation();
  const one = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (n: number) => one.format(n);
}

const NORMAL: SearchWidening = { widenKm: 0, asOnline: false };

/** The teacher's name after "contact": "d’Amélie Martin" or "de Paul Durand" in French. */
function useOfName() {
  const { i18n } = useTranslation();
  return (name: string) => (i18n.language.startsWith('fr') ? frenchOf(name) : name);
}

/**
 * The candidates of a file in matching: ranked with the reasons of each part, "why nobody (or not more)" with the
 * teachers each hard filter left out, widening (distance, online, a candidate from outside the base), and a
 * hand-over that asks for confirmation first (it e-mails both sides and starts billing).
 */
export function FileCandidates({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const format = useNumberFormat();
  const ofName = useOfName();
  const client = useQueryClient();
  const [search, setSearch] = useState<SearchWidening>(NORMAL);
  const [chosen, setChosen] = useState<Candidate | null>(null);
  const [showWhy, setShowWhy] = useState(false);
  const candidates = useQuery({
    queryKey: ['agency-candidates', file.id, search],
    queryFn: () => getCandidates(file.id, search),
  });
  const nobody = candidates.data?.length === 0;
  const why = useQuery({
    queryKey: ['agency-exclusions', file.id, search],
    queryFn: () => getExclusions(file.id, search),
    enabled: nobody || showWhy,
  });
  const action = useMutation({
    mutationFn: (teacherId: string) => handOver(file.id, teacherId, search),
    onSuccess: async () => {
      setChosen(null);
      notify(t('match.handedOver'));
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
      await client.invalidateQueries({ queryKey: ['agency-candidates', file.id] });
    },
  });
  const widened = search.asOnline
    ? t('match.widenedOnline')
    : search.widenKm
      ? t('match.widenedKm', { km: search.widenKm })
      : null;

  return (
    <Section title={t('match.title')}>
      <Stack>
        {widened ? (
          <Alert color="blue" role="status">
            <Group justify="space-between" wrap="wrap">
              <Text size="sm">{t('match.widened', { what: widened })}</Text>
              <Button size="xs" variant="default" onClick={() => setSearch(NORMAL)}>
                {t('match.reset')}
              </Button>
            </Group>
          </Alert>
        ) : null}
        <Text size="sm">{t('match.slotRule')}</Text>
        {!candidates.data ? (
          <QueryFallback error={candidates.error} asPage={false} />
        ) : nobody ? (
          <Text fw={700}>{t('match.none')}</Text>
        ) : (
          <Stack>
            {candidates.data.map((c) => (
              <Card key={c.teacherId} withBorder component="article" aria-label={c.name}>
                <Group justify="space-between" wrap="wrap">
                  <Text fw={700}>{c.name}</Text>
                  <Badge color="blue.9">{t('match.score', { score: format(c.score) })}</Badge>
                </Group>
                <Text size="sm">{c.fit}</Text>
                <List size="sm" mt="xs">
                  {c.parts.map((p) => (
                    <List.Item key={p.key}>
                      {p.reason} ({t('match.points', { points: format(p.points), weight: format(p.weight) })})
                    </List.Item>
                  ))}
                </List>
                <Group mt="sm">
                  <Button size="xs" onClick={() => setChosen(c)}>
                    {t('match.handOver', { name: c.name, ofName: ofName(c.name) })}
                  </Button>
                </Group>
              </Card>
            ))}
            {!showWhy ? (
              <Group>
                <Button size="xs" variant="default" onClick={() => setShowWhy(true)}>
                  {t('match.whyNotMore')}
                </Button>
              </Group>
            ) : null}
          </Stack>
        )}
        {nobody || showWhy ? (
          <section aria-labelledby={`why-${file.id}`}>
            <Text fw={700} id={`why-${file.id}`}>
              {nobody ? t('match.whyNobody') : t('match.whyNotMore')}
            </Text>
            {!why.data ? (
              <QueryFallback error={why.error} asPage={false} />
            ) : (
              <Stack gap="xs">
                <Text size="sm">
                  {t('match.whyIntro', { teachers: format(why.data.teachers), proposed: format(why.data.proposed) })}
                </Text>
                <List size="sm">
                  {why.data.removed
                    .filter((r) => r.count > 0)
                    .map((r) => (
                      <List.Item key={r.filter}>
                        {t('match.filterCount', { count: r.count, label: t(`match.filters.${r.filter}`) })}
                      </List.Item>
                    ))}
                </List>
                <Text size="sm" fw={700}>
                  {t('match.widen')}
                </Text>
                <Group wrap="wrap" gap="xs">
                  {why.data.widen.distance.map((d) => (
                    <Button
                      key={d.km}
                      size="xs"
                      variant="default"
                      disabled={d.teachers === 0}
                      onClick={() => setSearch({ widenKm: search.widenKm + d.km, asOnline: false })}
                    >
                      {t('match.widenKm', { km: format(d.km), count: d.teachers })}
                    </Button>
                  ))}
                  {why.data.widen.online !== null ? (
                    <Button
                      size="xs"
                      variant="default"
                      disabled={why.data.widen.online === 0}
                      onClick={() => setSearch({ widenKm: 0, asOnline: true })}
                    >
                      {t('match.widenOnline', { count: why.data.widen.online })}
                    </Button>
                  ) : null}
                </Group>
                <ExternalCandidate fileId={file.id} />
              </Stack>
            )}
          </section>
        ) : null}
      </Stack>
      <Modal
        opened={chosen !== null}
        onClose={() => setChosen(null)}
        title={chosen ? t('match.confirmTitle', { name: chosen.name, ofName: ofName(chosen.name) }) : ''}
        closeButtonProps={{ 'aria-label': t('match.close') }}
      >
        <Stack>
          <Text size="sm">{t('match.confirmBody')}</Text>
          {action.error ? <ProblemAlert error={action.error} /> : null}
          <Group justify="flex-end" wrap="wrap">
            <Button variant="default" onClick={() => setChosen(null)}>
              {t('match.cancel')}
            </Button>
            <Button onClick={() => chosen && action.mutate(chosen.teacherId)} loading={action.isPending}>
              {t('match.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}

/** A teacher found outside the base, recorded on the file (recruitment's notes). */
function ExternalCandidate({ fileId }: { fileId: string }) {
  const { t } = useTranslation(AGENCY_NS);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [notes, setNotes] = useState('');
  const save = useMutation({
    mutationFn: () => addExternalCandidate(fileId, { name, contact, notes: notes || null }),
    onSuccess: () => {
      notify(t('match.externalSaved'));
      setOpen(false);
      setName('');
      setContact('');
      setNotes('');
    },
  });
  const external = splitProblem(save.error, { fields: ['name', 'contact', 'notes'] });
  if (!open)
    return (
      <Group>
        <Button size="xs" variant="default" onClick={() => setOpen(true)}>
          {t('match.external')}
        </Button>
      </Group>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Stack gap="xs">
        <Group grow wrap="wrap">
          <TextInput
            label={t('match.externalName')}
            error={external.errors.name}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('match.externalContact')}
            error={external.errors.contact}
            required
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
          />
        </Group>
        <Textarea
          label={t('match.externalNotes')}
          error={external.errors.notes}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        {external.alert ? <ProblemAlert error={external.alert} /> : null}
        <Group>
          <Button type="submit" size="xs" loading={save.isPending}>
            {t('match.externalSave')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Why the teacher of an assignment was chosen, as ranked at the hand-over (staff only). */
export function ChoiceReasons({
  reasons,
}: {
  reasons: NonNullable<FileDetail['assignments'][number]['choiceReasons']>;
}) {
  const { t } = useTranslation(AGENCY_NS);
  const format = useNumberFormat();
  return (
    <Stack gap={2} mt={4}>
      <Text size="sm">
        {t('match.chosenFor', { score: format(reasons.score) })}
        {reasons.widenKm || reasons.asOnline ? ` (${t('match.chosenWidened')})` : ''}
      </Text>
      <List size="sm">
        {reasons.parts.map((p) => (
          <List.Item key={p.key}>
            {p.reason} ({t('match.points', { points: format(p.points), weight: format(p.weight) })})
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
