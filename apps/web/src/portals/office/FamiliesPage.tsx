import { useState } from 'react';
import { Anchor, Button, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Family } from '@contracts';
import { LoadMoreButton } from '../../ui/LoadMoreButton';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { useKeysetList } from '../../ui/use-keyset-list';
import { listFamilies } from '../../features/families/api';
import { CreateFamilyForm } from '../../features/families/CreateFamilyForm';
import { notify } from '../../ui/notify';
import { ScrollTable } from '../../ui/ScrollTable';

export function FamiliesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [q] = useDebouncedValue(filter.trim(), 300);
  const [creating, { open, close }] = useDisclosure(false);
  const list = useKeysetList(['families', q], (cursor) => listFamilies(cursor, q));

  const onCreated = (family: Family) => {
    close();
    notify(t('families.created'));
    void navigate(`/office/families/${family.id}`);
  };

  return (
    <Stack>
      <PageTitle
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
            {t('families.create')}
          </Button>
        }
      >
        {t('families.title')}
      </PageTitle>
      <TextInput
        label={t('families.filter')}
        type="search"
        value={filter}
        onChange={(e) => setFilter(e.currentTarget.value)}
        maw={400}
      />
      {list.isPending || list.error ? (
        <QueryFallback error={list.error} />
      ) : list.items.length === 0 ? (
        <Text>{t('families.empty')}</Text>
      ) : (
        <ScrollTable label={t('families.title')} minWidth={560}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('families.name')}</Table.Th>
                <Table.Th scope="col">{t('families.guardians')}</Table.Th>
                <Table.Th scope="col">{t('families.city')}</Table.Th>
                <Table.Th scope="col">{t('families.studentCount')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((family) => (
                <Table.Tr key={family.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/office/families/${family.id}`}>
                      {family.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{family.guardianNames}</Table.Td>
                  <Table.Td>{family.city ?? ''}</Table.Td>
                  <Table.Td>{family.studentCount}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      <LoadMoreButton
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        fetchNextPage={list.fetchNextPage}
      />
      <Modal
        opened={creating}
        onClose={close}
        title={t('families.createTitle')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('actions.cancel') }}
      >
        <CreateFamilyForm onCreated={onCreated} onCancel={close} />
      </Modal>
    </Stack>
  );
}
