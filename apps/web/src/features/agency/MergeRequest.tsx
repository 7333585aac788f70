import { useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
// A value, not only types: loading the agency contracts also registers their error messages (the conflicts').
import { MERGE_RECORD_KINDS } from '@contracts';
import { errorMessage } from '../../i18n/error-message';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { useCurrentUser } from '../auth/use-me';
import { listFamilies } from '../families/api';
import { AGENCY_NS } from './agency-i18n';
import { fileKey, getMergePreview, keepSeparate, mergePreviewKey, mergeRequest } from './api';
import type { FileDetail, MergePreview } from './api';

type Member = MergePreview['family']['members'][number];
const nameOf = (m: Pick<Member, 'firstName' | 'lastName'>) => `${m.firstName} ${m.lastName}`;
const contactOf = (m: Member) => [m.email, m.phone].filter(Boolean).join(' · ');
/** What becomes of each member of the request's family. */
const fateOf = (m: MergePreview['newcomers'][number]) =>
  m.sameAsId ? 'merge.sameAs' : m.kind === 'guardian' ? 'merge.joinsGuardian' : 'merge.joins';

/** What the merge would do, then the confirmation: staff see the family by name before anything moves. */
type PanelProps = { file: FileDetail; familyId: string; onDone: () => void; onCancel: () => void };
function MergePreviewPanel({ file, familyId, onDone, onCancel }: PanelProps) {
  const { t } = useTranslation(AGENCY_NS);
  const client = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const preview = useQuery({
    queryKey: mergePreviewKey(file.id, familyId),
    queryFn: () => getMergePreview(file.id, familyId),
  });
  const merge = useMutation({
    mutationFn: (p: MergePreview) => {
      return mergeRequest(file.id, { familyId, version: file.version, confirmUnflagged: !p.flagged });
    },
    onSuccess: async (_result, p) => {
      notify(t('merge.done', { name: p.family.name }));
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
      onDone();
    },
  });
  if (!preview.data) return <QueryFallback error={preview.error} asPage={false} />;
  const p = preview.data;
  const moves = MERGE_RECORD_KINDS.map((kind) => [kind, p.moves[kind] ?? 0] as const).filter(([, n]) => n > 0);
  const ready = p.conflicts.length === 0 && (p.flagged || confirmed);
  const moved = moves.map(([kind, n]) => `${t(`merge.table.${kind}`)} : ${n}`).join(' · ');
  return (
    <Stack>
      <Text fw={700}>
        {t('merge.target', { name: p.family.name })}
        {p.family.city ? ` — ${p.family.city}` : ''}
      </Text>
      <Alert color={p.flagged ? 'grape' : 'orange'}>{p.flagged ? t('merge.flagged') : t('merge.unflagged')}</Alert>
      <div>
        <Text fw={600} size="sm">
          {t('merge.members')}
        </Text>
        <List size="sm">
          {p.family.members.map((m) => (
            <List.Item key={m.id}>
              {nameOf(m)} {contactOf(m) ? `· ${contactOf(m)}` : ''}
            </List.Item>
          ))}
        </List>
      </div>
      <div>
        <Text fw={600} size="sm">
          {t('merge.newcomers')}
        </Text>
        <List size="sm">
          {p.newcomers.map((m) => (
            <List.Item key={m.id}>
              {t(fateOf(m), { name: nameOf(m) })}
              {contactOf(m) ? ` (${contactOf(m)})` : ''}
            </List.Item>
          ))}
        </List>
      </div>
      <div>
        <Text fw={600} size="sm">
          {t('merge.moves')}
        </Text>
        <Text size="sm">{moved || t('merge.nothingElse')}</Text>
      </div>
      {p.conflicts.map((code) => (
        <Alert key={code} color="red" role="alert">
          {errorMessage(code)}
        </Alert>
      ))}
      {!p.flagged && !p.conflicts.length ? (
        <Checkbox
          label={t('merge.confirmUnflagged', { name: p.family.name })}
          checked={confirmed}
          onChange={(e) => setConfirmed(e.currentTarget.checked)}
        />
      ) : null}
      {merge.error ? <ProblemAlert error={merge.error} /> : null}
      <Group justify="flex-end" wrap="wrap">
        <Button variant="default" onClick={onCancel}>
          {t('merge.cancel')}
        </Button>
        <Button color="grape.9" disabled={!ready} loading={merge.isPending} onClick={() => merge.mutate(p)}>
          {t('merge.confirm', { name: p.family.name })}
        </Button>
      </Group>
    </Stack>
  );
}

/** Staff pick another family by name when the request was not flagged with the right one. */
function FamilyPicker({ onPick }: { onPick: (id: string) => void }) {
  const { t } = useTranslation(AGENCY_NS);
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const families = useQuery({
    queryKey: ['agency-merge-families', debounced],
    queryFn: () => listFamilies(null, debounced),
    enabled: debounced.length >= 2,
  });
  return (
    <Stack gap="xs">
      <TextInput label={t('merge.search')} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
      {families.data?.items.map((f) => (
        <Group key={f.id} justify="space-between" wrap="wrap">
          <Text size="sm">
            {f.name} {f.city ? `— ${f.city}` : ''} · {f.guardianNames}
          </Text>
          <Button size="xs" variant="default" onClick={() => onPick(f.id)}>
            {t('merge.choose', { name: f.name })}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}

/** On a request's page: merge it into the family it was flagged with (or one staff choose), or keep it apart. */
export function MergeRequest({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const me = useCurrentUser();
  const client = useQueryClient();
  const [opened, dialog] = useDisclosure(false);
  const [familyId, setFamilyId] = useState<string | null>(null);
  const separate = useMutation({
    mutationFn: () => keepSeparate(file.id),
    onSuccess: async () => {
      notify(t('merge.keptSeparate'));
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
    },
  });
  if (!me.roles.some((r) => r === 'sales' || r === 'admin') || file.access !== 'staff') return null;
  const open = (id: string | null) => {
    setFamilyId(id);
    dialog.open();
  };
  const close = () => {
    dialog.close();
    setFamilyId(null);
  };
  return (
    <>
      <Group wrap="wrap">
        {file.duplicateOf ? (
          <>
            <Button color="grape.9" onClick={() => open(file.duplicateOf?.id ?? null)}>
              {t('merge.open', { name: file.duplicateOf.name })}
            </Button>
            <Button variant="default" loading={separate.isPending} onClick={() => separate.mutate()}>
              {t('merge.keepSeparate')}
            </Button>
          </>
        ) : null}
        {file.stage === 'new_request' ? (
          <Button variant="subtle" onClick={() => open(null)}>
            {t('merge.other')}
          </Button>
        ) : null}
      </Group>
      {separate.error ? <ProblemAlert error={separate.error} /> : null}
      <Modal
        opened={opened}
        onClose={close}
        title={t('merge.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('merge.close') }}
      >
        {familyId ? (
          <MergePreviewPanel file={file} familyId={familyId} onDone={close} onCancel={close} />
        ) : (
          <FamilyPicker onPick={setFamilyId} />
        )}
      </Modal>
    </>
  );
}
