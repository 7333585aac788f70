import { useState } from 'react';
import { Anchor, Button, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Family } from '@contracts';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { PageTitle } from '../../ui/PageTitle';
import { useKeysetList } from '../../ui/use-keyset-list';
import { listFamilies } from '../../features/families/api';
import { CreateFamilyForm } from '../../features/families/CreateFamilyForm';
import { notify } from '../../ui/notify';
import { rolesGrant } from '../../api/contract-values';
import { useCurrentUser } from '../../features/auth/use-me';

export function FamiliesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filter, setFilter] = useState('');
  const [q] = useDebouncedValue(filter.trim(), 300);
  const me = useCurrentUser();
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
          rolesGrant(me.roles, 'people.writeFamilies') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
              {t('families.create')}
            </Button>
          ) : null
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
      <LoadMoreTable
        list={list}
        label={t('families.title')}
        minWidth={560}
        highlightOnHover
        empty={t('families.empty')}
        columns={[t('families.name'), t('families.guardians'), t('families.city'), t('families.studentCount')]}
        row={(family) => (
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
        )}
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
