import { useState } from 'react';
import { Badge, Button, Group, Modal, Stack, Table } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../i18n/error-message';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { USERS_KEY, listUsers, sendResetLink } from '../../features/users/api';
import { EditUserForm } from '../../features/users/EditUserForm';
import { InviteUserForm } from '../../features/users/InviteUserForm';
import { notify } from '../../ui/notify';
import { ScrollTable } from '../../ui/ScrollTable';

function UserRow({ user, onEdit }: { user: User; onEdit: (user: User) => void }) {
  const { t } = useTranslation();
  const [sending, setSending] = useState(false);
  const onReset = async () => {
    setSending(true);
    try {
      await sendResetLink(user.id);
      notify(t('users.resetSent'));
    } catch (err) {
      notify(errorMessage(isApiError(err) ? err.code : 'INTERNAL'), 'error');
    } finally {
      setSending(false);
    }
  };
  return (
    <Table.Tr>
      <Table.Th scope="row">{user.displayName}</Table.Th>
      <Table.Td>{user.email}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.roles.map((role) => (
            <Badge key={role} variant="light" size="sm">
              {t(`roles.${role}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{t(`users.statuses.${user.status}`)}</Table.Td>
      <Table.Td>{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : t('users.never')}</Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="xs"
            variant="default"
            onClick={() => onEdit(user)}
            aria-label={t('users.editUser', { name: user.displayName })}
          >
            {t('actions.edit')}
          </Button>
          <Button size="xs" variant="default" loading={sending} onClick={() => void onReset()}>
            {t('users.resetLink')}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/** Admin only: invite users, change their roles, disable them, send reset links. */
export function UsersPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [inviting, invite] = useDisclosure(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const query = useQuery({ queryKey: USERS_KEY, queryFn: listUsers });
  if (!query.data) return <QueryFallback error={query.error} />;
  const editing = query.data.find((u) => u.id === editingId) ?? null;
  const refresh = () => client.invalidateQueries({ queryKey: USERS_KEY });

  return (
    <Stack>
      <PageTitle
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={invite.open}>
            {t('users.invite')}
          </Button>
        }
      >
        {t('users.title')}
      </PageTitle>
      <ScrollTable label={t('users.title')} minWidth={760}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('auth.displayName')}</Table.Th>
              <Table.Th scope="col">{t('auth.email')}</Table.Th>
              <Table.Th scope="col">{t('users.roles')}</Table.Th>
              <Table.Th scope="col">{t('users.status')}</Table.Th>
              <Table.Th scope="col">{t('users.lastLogin')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('actions.edit')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.map((user) => (
              <UserRow key={user.id} user={user} onEdit={(u) => setEditingId(u.id)} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
      <Modal
        opened={inviting}
        onClose={invite.close}
        title={t('users.inviteTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('actions.cancel') }}
      >
        <InviteUserForm
          onCancel={invite.close}
          onInvited={() => {
            invite.close();
            notify(t('users.invited'));
            void refresh();
          }}
        />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditingId(null)}
        title={editing ? t('users.editTitle', { name: editing.displayName }) : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('actions.cancel') }}
      >
        {editing ? (
          <EditUserForm
            user={editing}
            onCancel={() => setEditingId(null)}
            onReload={refresh}
            onSaved={(saved) => {
              client.setQueryData<User[]>(USERS_KEY, (users) => users?.map((u) => (u.id === saved.id ? saved : u)));
              setEditingId(null);
              notify(t('users.saved'));
              void refresh();
            }}
          />
        ) : null}
      </Modal>
    </Stack>
  );
}
