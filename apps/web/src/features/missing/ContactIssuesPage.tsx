import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { QueryFallback } from '../../ui/QueryFallback';
import { MISSING_NS } from './missing-i18n';
import * as api from './api';

/** /office/contact-issues: contacts missing, bounced or flagged wrong by a teacher, per family, to correct. */
export function ContactIssuesPage() {
  const { t } = useTranslation(MISSING_NS);
  const query = useQuery({ queryKey: api.missingKeys.issues, queryFn: api.contactIssues });
  if (query.isPending || query.error) return <QueryFallback error={query.error} />;
  const { issues } = query.data;
  const families = [...new Map(issues.map((i) => [i.familyId, i.familyName]))];
  return (
    <Stack gap="md">
      <PageTitle>{t('contacts.title')}</PageTitle>
      <Text>{t('contacts.intro')}</Text>
      {issues.length === 0 ? <Text>{t('contacts.none')}</Text> : null}
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {families.map(([familyId, familyName]) => (
          <li key={familyId}>
            <Stack gap={4}>
              <Anchor component={Link} to={`/office/families/${familyId}`} fw={600}>
                {familyName}
              </Anchor>
              {issues
                .filter((i) => i.familyId === familyId)
                .map((i, n) => (
                  <Group key={n} gap="xs" wrap="wrap">
                    <Badge variant="light" color="orange" c="dark.9">
                      {t(`contacts.issue.${i.issue}`)}
                    </Badge>
                    {i.personName ? <Text size="sm">{i.personName}</Text> : null}
                    {i.detail ? <Text size="sm">{i.detail}</Text> : null}
                    {i.at ? <Text size="sm">{formatDateTime(i.at)}</Text> : null}
                  </Group>
                ))}
            </Stack>
          </li>
        ))}
      </Stack>
    </Stack>
  );
}
