import { useMemo, useState } from 'react';
import { Alert, Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SETTING_LABELS, SETTING_SECTIONS } from '../../../../../packages/contracts/src/settings-labels';
import { apiGet, apiPatch } from '../../api/client';
import { splitProblem } from '../../api/form-errors';
import { HistorySection } from '../../features/history/HistorySection';
import { useMe } from '../../features/auth/use-me';
import { hasAnyRole } from '../../ui/nav';
import { notify } from '../../ui/notify';
import { PageTitle } from '../../ui/PageTitle';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { QueryFallback } from '../../ui/QueryFallback';
import { Section } from '../../ui/Section';
import { labelKey, SETTINGS_NS } from '../../features/settings/settings-i18n';

type Values = Record<string, unknown>;
/** What the inputs hold: a setting's text, or one text per part of an object value ("key.part"). */
type Draft = Record<string, string>;

const isObjectSetting = (key: string) => !!SETTING_LABELS[key]?.parts;

/** The inputs' texts of the saved values. */
function draftOf(values: Values): Draft {
  const draft: Draft = {};
  for (const [key, value] of Object.entries(values)) {
    const parts = SETTING_LABELS[key]?.parts;
    if (parts) {
      const object = (value ?? {}) as Record<string, unknown>;
      for (const part of Object.keys(parts)) draft[`${key}.${part}`] = object[part] == null ? '' : String(object[part]);
    } else draft[key] = Array.isArray(value) ? value.join(', ') : value == null ? '' : String(value);
  }
  return draft;
}

/** The value to send for a setting, typed as its saved value is (numbers stay numbers; an empty object is null). */
function valueOf(key: string, draft: Draft, saved: unknown): unknown {
  const parts = SETTING_LABELS[key]?.parts;
  const number = (text: string) => (text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text));
  if (parts) {
    const entries = Object.entries(parts).map(([part, { kind }]) => {
      const text = draft[`${key}.${part}`] ?? '';
      if (kind === 'number') return [part, number(text)];
      return [part, kind === 'optionalText' && text.trim() === '' ? null : text];
    });
    if (saved === null && entries.every(([, v]) => v === null || v === '')) return null;
    return Object.fromEntries(entries);
  }
  const text = draft[key] ?? '';
  if (Array.isArray(saved))
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(number);
  if (typeof saved === 'number') return number(text);
  return text;
}

/** Every organisation setting by section, with its label; the director changes them, the others read. */
export function SettingsPage() {
  const { t } = useTranslation(SETTINGS_NS);
  const { data: me } = useMe();
  const canEdit = !!me && hasAnyRole(me.roles, ['admin']);
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['settings'], queryFn: () => apiGet<Values>('/api/settings') });
  const saved = query.data;
  const initial = useMemo(() => (saved ? draftOf(saved) : {}), [saved]);
  const [edits, setEdits] = useState<Draft>({});
  const draft = { ...initial, ...edits };

  const save = useMutation({
    mutationFn: (values: Values) => apiPatch<Values>('/api/settings', { values }),
    onSuccess: (values) => {
      client.setQueryData(['settings'], values);
      void client.invalidateQueries({ queryKey: ['history', 'settings'] });
      setEdits({});
      notify(t('saved'));
    },
  });

  if (!saved) return <QueryFallback error={query.error} />;

  const changedKeys = Object.keys(saved).filter(
    (key) => JSON.stringify(valueOf(key, draft, saved[key])) !== JSON.stringify(saved[key]),
  );
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!changedKeys.length) return notify(t('unchanged'));
    save.mutate(Object.fromEntries(changedKeys.map((key) => [key, valueOf(key, draft, saved[key])])));
  };
  // every setting's field (and each part of a setting made of parts); an error on anything else is in the alert
  const fields = Object.keys(saved).flatMap((key) =>
    isObjectSetting(key)
      ? [key, ...Object.keys(SETTING_LABELS[key]?.parts ?? {}).map((part) => `${key}.${part}`)]
      : [key],
  );
  const { errors, alert } = splitProblem(save.error, { fields });
  const errorOf = (field: string, whole?: string) => errors[field] ?? (whole ? errors[whole] : undefined);
  const input = (field: string, label: string, numeric: boolean, whole?: string) => {
    const common = {
      key: field,
      label,
      readOnly: !canEdit,
      error: errorOf(field, whole),
    };
    return numeric ? (
      <NumberInput
        {...common}
        value={draft[field] ?? ''}
        onChange={(v) => setEdits((e) => ({ ...e, [field]: String(v) }))}
        allowDecimal={false}
      />
    ) : (
      <TextInput
        {...common}
        value={draft[field] ?? ''}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setEdits((all) => ({ ...all, [field]: value }));
        }}
      />
    );
  };

  const keysOf = (section: string) => Object.keys(saved).filter((key) => key.split('.')[0] === section);
  return (
    <Stack>
      <PageTitle>{t('title')}</PageTitle>
      <Text>{t('intro')}</Text>
      {!canEdit ? <Alert color="gray">{t('readOnly')}</Alert> : null}
      <form onSubmit={submit} noValidate>
        <Stack>
          {Object.keys(SETTING_SECTIONS).map((section) => (
            <Section key={section} title={t(`sections.${section}`)}>
              <Stack>
                {keysOf(section).map((key) =>
                  isObjectSetting(key) ? (
                    <Fieldset key={key} legend={t(labelKey(key))}>
                      {errors[key] ? (
                        <Text c="red.8" size="sm">
                          {errors[key]}
                        </Text>
                      ) : null}
                      <SimpleGrid cols={{ base: 1, sm: 3 }}>
                        {Object.entries(SETTING_LABELS[key]?.parts ?? {}).map(([part, { kind }]) =>
                          input(`${key}.${part}`, t(labelKey(`${key}.${part}`)), kind === 'number'),
                        )}
                      </SimpleGrid>
                    </Fieldset>
                  ) : (
                    input(key, t(labelKey(key)), typeof saved[key] === 'number')
                  ),
                )}
              </Stack>
            </Section>
          ))}
          {alert ? <ProblemAlert error={alert} /> : null}
          {canEdit ? (
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('save')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </form>
      <HistorySection sources={[{ entityType: 'settings', entityId: 'organisation' }]} />
    </Stack>
  );
}
