import { useId, useState } from 'react';
import {
  Anchor,
  Badge,
  Box,
  Card,
  Checkbox,
  Flex,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { useKeysetList } from '../../ui/use-keyset-list';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-office-i18n';
import { listFiles, type FileListFilter, type FileSummary } from '../../features/agency/api';

const STAGES = [
  'new_request',
  'subscribed',
  'matching',
  'contact_handed_over',
  'first_lesson_scheduled',
  'ongoing',
  'closed',
] as const;
const OWNERS = ['sales', 'recruitment', 'followup', 'accounts'] as const;

/** One file on the board: who, what, where, how long in the stage, and what needs attention. */
function FileCard({ file }: { file: FileSummary }) {
  const { t } = useTranslation(AGENCY_NS);
  return (
    <Card withBorder padding="sm" component="li">
      <Anchor component={Link} to={`/office/files/${file.id}`} fw={600}>
        {file.studentName}
      </Anchor>
      <Text size="sm">
        {t(`instrument.${file.instrument}`, { defaultValue: file.instrument })}
        {file.city ? ` · ${file.city}` : ''}
      </Text>
      <Text size="xs">
        {file.reference ? `${file.reference} · ` : ''}
        {t('pipeline.days', { count: file.daysInStage })}
      </Text>
      {file.overdue || file.noLessonWhileBillable || file.duplicateFamilyId ? (
        <Group gap={4} mt={4}>
          {file.overdue ? (
            <Badge color="red.9" variant="outline">
              {t('pipeline.overdue')}
            </Badge>
          ) : null}
          {file.noLessonWhileBillable ? <Badge color="red.9">{t('pipeline.noLesson')}</Badge> : null}
          {file.duplicateFamilyId ? <Badge color="grape.9">{t('pipeline.duplicate')}</Badge> : null}
        </Group>
      ) : null}
    </Card>
  );
}

/** A column of the board: the files at one stage matching the filters, oldest in the stage first, 20 at a time. */
function StageColumn({ stage, filter }: { stage: (typeof STAGES)[number]; filter: FileListFilter }) {
  const { t } = useTranslation(AGENCY_NS);
  const headingId = useId();
  const list = useKeysetList(['agency-files', 'board', stage, filter], (cursor) =>
    listFiles({ ...filter, stage, limit: 20, cursor }),
  );
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      w={{ base: '100%', md: 260 }}
      style={{ flexShrink: 0 }}
      p="xs"
      bg="var(--mantine-color-default-hover)"
      bdrs="md"
    >
      <Title order={2} size="h5" id={headingId} mb="xs">
        {t(`stage.${stage}`)} ({list.items.length}
        {list.hasNextPage ? '+' : ''})
      </Title>
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} asPage={false} />
      ) : list.items.length === 0 ? (
        <Text size="sm">{t('pipeline.empty')}</Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {list.items.map((f) => (
            <FileCard key={f.id} file={f} />
          ))}
        </Stack>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
    </Box>
  );
}

/**
 * The pipeline as a board: one column per stage (closed included), filtered by name or reference, town, owning
 * service and "needs action". On a phone the columns stack and every file is a card.
 */
export function PipelinePage() {
  const { t } = useTranslation(AGENCY_NS);
  const [q, setQ] = useState('');
  const [city, setCity] = useState('');
  const [owner, setOwner] = useState('');
  const [needsAction, setNeedsAction] = useState(false);
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const [debouncedCity] = useDebouncedValue(city.trim(), 300);
  const filter: FileListFilter = {
    q: debouncedQ || undefined,
    city: debouncedCity || undefined,
    owner: owner || undefined,
    needsAction: needsAction ? 'today' : undefined,
  };
  return (
    <Stack>
      <PageTitle>{t('pipeline.title')}</PageTitle>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('board.search')}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={{ base: '100%', sm: 220 }}
        />
        <TextInput
          label={t('board.city')}
          type="search"
          value={city}
          onChange={(e) => setCity(e.currentTarget.value)}
          w={{ base: '100%', sm: 180 }}
        />
        <NativeSelect
          label={t('board.owner')}
          value={owner}
          onChange={(e) => setOwner(e.currentTarget.value)}
          data={[
            { value: '', label: t('board.anyOwner') },
            ...OWNERS.map((o) => ({ value: o, label: t(`tasks.services.${o}`) })),
          ]}
          w={{ base: '100%', sm: 200 }}
        />
        <Checkbox
          label={t('pipeline.needsAction')}
          checked={needsAction}
          onChange={(e) => setNeedsAction(e.currentTarget.checked)}
        />
      </Group>
      <Box style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('pipeline.board')} pb="sm">
        <Flex direction={{ base: 'column', md: 'row' }} gap="sm" align={{ base: 'stretch', md: 'flex-start' }}>
          {STAGES.map((stage) => (
            <StageColumn key={stage} stage={stage} filter={filter} />
          ))}
        </Flex>
      </Box>
    </Stack>
  );
}
