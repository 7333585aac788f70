import { useState } from 'react';
import { ActionIcon, Anchor, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_CATEGORY_VALUES } from './document-categories';
import { FileField } from './FileField';
import { formatDateTime } from '../../ui/format';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { documentUrl, documentsKey, listDocuments, removeDocument, uploadDocument } from './lifecycle-api';
import { TL_NS } from './lifecycle-i18n';
import { splitProblem } from '../../api/form-errors';

/** A teacher's documents: the teacher uploads to their own space; staff who onboard teachers see them all. */
export function DocumentsSection({ teacherId, canUpload = true }: { teacherId: string; canUpload?: boolean }) {
  const { t } = useTranslation(TL_NS);
  const client = useQueryClient();
  const [category, setCategory] = useState('diploma');
  const [file, setFile] = useState<File | null>(null);
  const docs = useQuery({ queryKey: documentsKey(teacherId), queryFn: () => listDocuments(teacherId) });
  const refresh = () => client.invalidateQueries({ queryKey: documentsKey(teacherId) });
  const upload = useMutation({
    mutationFn: () => uploadDocument(teacherId, category, file as File),
    onSuccess: async () => {
      setFile(null);
      notify(t('documents.uploaded'));
      await refresh();
    },
  });
  const remove = useMutation({ mutationFn: removeDocument, onSuccess: refresh });
  const problem = splitProblem(upload.error, { fields: ['category', 'file'] });

  return (
    <Section title={t('documents.title')}>
      <Stack>
        {!docs.data ? (
          <QueryFallback error={docs.error} asPage={false} />
        ) : docs.data.length === 0 ? (
          <Text c="dimmed">{t('documents.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table>
              <Table.Tbody>
                {docs.data.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>{t(`docCategory.${d.category}`, { defaultValue: d.category })}</Table.Td>
                    <Table.Td>
                      <Anchor href={documentUrl(d.id)} aria-label={t('documents.download', { name: d.originalName })}>
                        {d.originalName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('documents.remove', { name: d.originalName })}
                        onClick={() => remove.mutate(d.id)}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {canUpload ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (file) upload.mutate();
            }}
          >
            <Group align="flex-end" wrap="wrap">
              <NativeSelect
                label={t('documents.category')}
                error={problem.errors.category}
                data={DOCUMENT_CATEGORY_VALUES.map((c) => ({ value: c, label: t(`docCategory.${c}`) }))}
                value={category}
                onChange={(e) => setCategory(e.currentTarget.value)}
              />
              <FileField
                key={upload.submittedAt}
                label={t('documents.file')}
                error={problem.errors.file}
                accept="application/pdf,image/jpeg,image/png,image/webp"
                onChange={setFile}
              />
              <Button type="submit" disabled={!file} loading={upload.isPending}>
                {t('documents.upload')}
              </Button>
            </Group>
          </form>
        ) : null}
        {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
        {remove.error ? <ProblemAlert error={remove.error} /> : null}
      </Stack>
    </Section>
  );
}
