import { Anchor, Button, Modal, Stack, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Person } from '@contracts';
import { personName } from '../../ui/format';
import { LoadMoreTable } from '../../ui/LoadMoreTable';
import { PageTitle } from '../../ui/PageTitle';
import { useKeysetList } from '../../ui/use-keyset-list';
import { listTeachers } from '../../features/teachers/api';
import { CreateTeacherForm } from '../../features/teachers/CreateTeacherForm';
import { TeacherStatusBadge } from '../../features/teachers/TeacherStatusBadge';
import { notify } from '../../ui/notify';
import { rolesGrant } from '../../api/contract-values';
import { useCurrentUser } from '../../features/auth/use-me';

export function TeachersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const [creating, { open, close }] = useDisclosure(false);
  const list = useKeysetList(['teachers'], listTeachers);

  const onCreated = (teacher: Person) => {
    close();
    notify(t('teachers.created'));
    void navigate(`/office/teachers/${teacher.id}`);
  };

  return (
    <Stack>
      <PageTitle
        actions={
          rolesGrant(me.roles, 'people.writeTeachers') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
              {t('teachers.create')}
            </Button>
          ) : null
        }
      >
        {t('teachers.title')}
      </PageTitle>
      <LoadMoreTable
        list={list}
        label={t('teachers.title')}
        minWidth={560}
        highlightOnHover
        empty={t('teachers.empty')}
        columns={[t('people.lastName'), t('people.email'), t('people.phone'), t('teachers.status')]}
        row={(teacher) => (
          <Table.Tr key={teacher.id}>
            <Table.Td>
              <Anchor component={Link} to={`/office/teachers/${teacher.id}`}>
                {personName(teacher)}
              </Anchor>
            </Table.Td>
            <Table.Td>{teacher.email ?? ''}</Table.Td>
            <Table.Td>{teacher.phone ?? ''}</Table.Td>
            <Table.Td>
              <TeacherStatusBadge status={teacher.status} />
            </Table.Td>
          </Table.Tr>
        )}
      />
      <Modal
        opened={creating}
        onClose={close}
        title={t('teachers.createTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('actions.cancel') }}
      >
        <CreateTeacherForm onCreated={onCreated} onCancel={close} />
      </Modal>
    </Stack>
  );
}
