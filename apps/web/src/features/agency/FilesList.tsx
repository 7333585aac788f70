import { Anchor, Badge, Group, List, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { useKeysetList } from '../../ui/use-keyset-list';
import { AGENCY_NS } from './agency-i18n';
import './agency-office-i18n';
import { listFiles } from './api';

/** The files of a family, a student or a teacher, each a link to its page (the family, person and teacher pages). */
export function FilesList({ filter }: { filter: { familyId?: string; studentId?: string; teacherId?: string } }) {
  const { t } = useTranslation(AGENCY_NS);
  const files = useKeysetList(['agency-files', 'of', filter], (cursor) => listFiles({ ...filter, cursor }));
  return (
    <Section title={t('links.files')}>
      {files.isPending || files.error ? (
        <QueryFallback error={files.error} asPage={false} />
      ) : files.items.length === 0 ? (
        <Text>{t('links.noFiles')}</Text>
      ) : (
        <List spacing="xs">
          {files.items.map((f) => (
            <List.Item key={f.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/office/files/${f.id}`}>
                  {f.studentName} — {t(`instrument.${f.instrument}`, { defaultValue: f.instrument })}
                </Anchor>
                <Badge variant="light" color="blue.9">
                  {t(`stage.${f.stage}`)}
                </Badge>
                {f.reference ? <Text size="sm">{f.reference}</Text> : null}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <LoadMoreButton
        hasNextPage={files.hasNextPage}
        isFetchingNextPage={files.isFetchingNextPage}
        fetchNextPage={files.fetchNextPage}
      />
    </Section>
  );
}
