import { useState } from 'react';
import { Anchor, Button, Group, List, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../features/auth/use-me';
import { formatDate } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';
import { OFFICE_ACCESS } from './office-access';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import { fileKey, openTicket, type FileDetail } from '../../features/agency/api';
import { StatusBadge, TICKET_WRITERS } from '../../features/agency/ticket-status';
import { splitProblem } from '../../api/form-errors';

/** The file page's tickets: billing or administrative questions handed to accounts, with their status. */
export function FileTickets({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const me = useCurrentUser();
  const client = useQueryClient();
  const [subject, setSubject] = useState('');
  const [message, setMessage] = useState('');
  const canRead = hasAnyRole(me.roles, OFFICE_ACCESS.tickets);
  const open = useMutation({
    mutationFn: () => openTicket(file.id, { subject, message }),
    onSuccess: async () => {
      notify(t('tickets.opened'));
      setSubject('');
      setMessage('');
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
      await client.invalidateQueries({ queryKey: ['agency-tickets'] });
    },
  });
  const problem = splitProblem(open.error, { fields: ['subject', 'message'] });
  return (
    <Section title={t('tickets.section')}>
      {file.tickets.length === 0 ? (
        <Text>{t('file.none')}</Text>
      ) : (
        <List spacing="xs">
          {file.tickets.map((ticket) => (
            <List.Item key={ticket.id}>
              <Group gap="xs" wrap="wrap">
                {canRead ? (
                  <Anchor component={Link} to={`/office/tickets/${ticket.id}`}>
                    {ticket.subject}
                  </Anchor>
                ) : (
                  <Text span>{ticket.subject}</Text>
                )}
                <StatusBadge status={ticket.status} />
                <Text span size="sm">
                  {formatDate(ticket.createdAt)}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {hasAnyRole(me.roles, TICKET_WRITERS) ? (
        <form
          aria-label={t('tickets.open')}
          onSubmit={(e) => {
            e.preventDefault();
            open.mutate();
          }}
        >
          <Stack gap="xs" mt="md">
            <TextInput
              label={t('tickets.subject')}
              error={problem.errors.subject}
              value={subject}
              onChange={(e) => setSubject(e.currentTarget.value)}
              required
              maxLength={200}
            />
            <Textarea
              label={t('tickets.message')}
              error={problem.errors.message}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              required
              autosize
              minRows={2}
              maxLength={4000}
            />
            {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
            <Group>
              <Button type="submit" loading={open.isPending}>
                {t('tickets.open')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}
