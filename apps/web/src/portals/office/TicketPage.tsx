import type { ReactNode } from 'react';
import { useState } from 'react';
import { Anchor, Button, Group, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { useCurrentUser } from '../../features/auth/use-me';
import type { Overview } from '../../features/billing/api';
import { BILLING_NS, euros } from '../../features/billing/billing-i18n';
import { formatDate, formatDateTime } from '../../ui/format';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { ScrollTable } from '../../ui/ScrollTable';
import { Section } from '../../ui/Section';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import {
  addTicketMessage,
  fileKey,
  getTicket,
  ticketKeys,
  updateTicket,
  type TicketDetail,
} from '../../features/agency/api';
import { StatusBadge, TICKET_MANAGERS, TICKET_STATUSES, TICKET_WRITERS } from '../../features/agency/ticket-status';
import { splitProblem } from '../../api/form-errors';

function useTicketAction<T>(id: string, fn: (arg: T) => Promise<TicketDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (ticket) => {
      client.setQueryData(ticketKeys.one(id), ticket);
      await client.invalidateQueries({ queryKey: ['agency-tickets'] });
      if (ticket.fileId) await client.invalidateQueries({ queryKey: fileKey(ticket.fileId) });
    },
  });
}

function StatusActions({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const action = useTicketAction(ticket.id, (status: string) =>
    updateTicket(ticket.id, { version: ticket.version, status }),
  );
  return (
    <Section title={t('tickets.changeStatus')}>
      <Group wrap="wrap">
        {TICKET_STATUSES.filter((s) => s !== ticket.status).map((s) => (
          <Button
            key={s}
            variant={s === 'solved' ? 'filled' : 'outline'}
            loading={action.isPending && action.variables === s}
            onClick={() => action.mutate(s, { onSuccess: () => notify(t('tickets.updated')) })}
          >
            {t(`tickets.setStatus.${s}`)}
          </Button>
        ))}
      </Group>
      {action.error ? <ProblemAlert error={action.error} /> : null}
    </Section>
  );
}

/** The family's invoices, debits and lessons side by side, so accounts answers without leaving the ticket. */
function FamilyAccount({ familyId }: { familyId: string }) {
  const { t, i18n } = useTranslation(AGENCY_NS);
  const { t: tb } = useTranslation(BILLING_NS);
  const query = useQuery({
    queryKey: ['billing', 'overview', familyId],
    queryFn: () => apiGet<Overview>(`/api/billing/families/${familyId}/overview`),
  });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  const o = query.data;
  const money = (cents: number) => euros(cents, i18n.language);
  return (
    <Section title={t('tickets.family', { name: o.familyName })}>
      <Text fw={700} mb="sm">
        {t('tickets.balance', { amount: money(o.balanceCents) })}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <OverviewTable
          title={t('tickets.invoices')}
          empty={t('tickets.none')}
          headers={[t('tickets.number'), t('tickets.date'), t('tickets.amount'), t('tickets.state')]}
          rows={o.invoices.map((inv) => ({
            key: inv.id,
            cells: [
              inv.number,
              formatDate(inv.issuedOn),
              money(inv.amountCents),
              tb(`status.${inv.status}`, { defaultValue: inv.status }),
            ],
          }))}
        />
        <OverviewTable
          title={t('tickets.debits')}
          empty={t('tickets.none')}
          headers={[t('tickets.date'), t('tickets.number'), t('tickets.amount'), t('tickets.state')]}
          rows={o.debits.map((d) => ({
            key: d.id,
            cells: [
              formatDate(d.collectionDate),
              d.invoiceNumber,
              money(d.amountCents),
              `${tb(`status.${d.status}`, { defaultValue: d.status })}${d.returnReason ? ` (${d.returnReason})` : ''}`,
            ],
          }))}
        />
        <OverviewTable
          title={t('tickets.lessons')}
          empty={t('tickets.none')}
          headers={[t('tickets.date'), t('tickets.teacher'), t('tickets.state')]}
          rows={o.lessons.map((l) => ({
            key: l.id,
            cells: [
              formatDate(l.lessonDate),
              l.teacherName,
              `${t(`lessonStatus.${l.status}`, { defaultValue: l.status })}${l.familyResponse ? ` · ${t(`portal.${l.familyResponse}`, { defaultValue: l.familyResponse })}` : ''}`,
            ],
          }))}
        />
      </SimpleGrid>
    </Section>
  );
}

/** One column of the family's account beside a ticket: a titled table, or a line saying there is nothing. */
function OverviewTable({
  title,
  empty,
  headers,
  rows,
}: {
  title: string;
  empty: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[] }[];
}) {
  return (
    <div>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text>{empty}</Text>
      ) : (
        <ScrollTable label={title} minWidth={320}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                {headers.map((h) => (
                  <Table.Th key={h} scope="col">
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key}>
                  {row.cells.map((cell, i) => (
                    <Table.Td key={i}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </div>
  );
}

/** One ticket: its messages, a reply, the status for accounts, and the family's account beside it. */
export function TicketPage() {
  const { t } = useTranslation(AGENCY_NS);
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const [reply, setReply] = useState('');
  const query = useQuery({ queryKey: ticketKeys.one(id), queryFn: () => getTicket(id) });
  const send = useTicketAction(id, () => addTicketMessage(id, reply));
  const problem = splitProblem(send.error, { fields: ['body'] });
  if (!query.data) return <QueryFallback error={query.error} />;
  const ticket = query.data;
  const manager = hasAnyRole(me.roles, TICKET_MANAGERS);
  return (
    <Stack>
      <PageTitle actions={<StatusBadge status={ticket.status} />}>{ticket.subject}</PageTitle>
      <Group gap="md" wrap="wrap">
        <Text size="sm">
          {t('tickets.openedBy')} : {ticket.openedBy ?? '—'} · {formatDateTime(ticket.createdAt)}
        </Text>
        {ticket.returnToService ? (
          <Text size="sm">
            {t('tickets.returnTo', {
              service: t(`dashboard.services.${ticket.returnToService}`, { defaultValue: ticket.returnToService }),
            })}
          </Text>
        ) : null}
        {ticket.fileId ? (
          <Anchor component={Link} to={`/office/files/${ticket.fileId}`} size="sm">
            {t('tickets.openFile')}
          </Anchor>
        ) : null}
      </Group>
      {manager ? <StatusActions ticket={ticket} /> : null}
      <Section title={t('tickets.messages')}>
        <List spacing="sm">
          {ticket.messages.map((m) => (
            <List.Item key={m.id}>
              <Text size="sm" fw={700}>
                {m.authorName ?? '—'} · {formatDateTime(m.at)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {m.body}
              </Text>
            </List.Item>
          ))}
        </List>
        {hasAnyRole(me.roles, TICKET_WRITERS) ? (
          <form
            aria-label={t('tickets.reply')}
            onSubmit={(e) => {
              e.preventDefault();
              send.mutate(undefined, { onSuccess: () => setReply('') });
            }}
          >
            <Stack gap="xs" mt="md">
              <Textarea
                label={t('tickets.reply')}
                error={problem.errors.body}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
                required
                autosize
                minRows={2}
                maxLength={4000}
              />
              {problem.alert ? <ProblemAlert error={problem.alert} /> : null}
              <Group>
                <Button type="submit" loading={send.isPending}>
                  {t('tickets.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
      </Section>
      {manager && ticket.familyId ? <FamilyAccount familyId={ticket.familyId} /> : null}
    </Stack>
  );
}
