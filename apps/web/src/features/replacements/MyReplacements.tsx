import { List, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { REPLACEMENTS_NS } from './replacements-i18n';
import * as api from './api';

/** The teacher portal's list of the colleagues' courses one holds (nothing when there is none). */
export function MyReplacements() {
  const { t } = useTranslation(REPLACEMENTS_NS);
  const query = useQuery({ queryKey: api.replacementsKeys.mine, queryFn: api.myReplacements });
  if (!query.data) return <QueryFallback error={query.error} asPage={false} />;
  if (query.data.replacements.length === 0) return null;
  return (
    <Section title={t('mine')}>
      <Text size="sm">{t('mineIntro')}</Text>
      <List size="sm" mt="xs">
        {query.data.replacements.map((r) => (
          <List.Item key={r.id}>
            {t('mineLine', {
              course: r.course,
              school: r.schoolName,
              slot: t('slot', { weekday: t(`weekdays.${r.weekday}`), time: r.start }),
              teacher: r.absentTeacherName,
              from: formatDate(r.startsOn),
              to: formatDate(r.endsOn),
            })}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}
