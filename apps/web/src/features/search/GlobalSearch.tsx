import { useEffect, useState } from 'react';
import { Combobox, Group, Loader, Stack, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '@contracts';
import { notify } from '../../ui/notify';
import { REFERENCE, hitPath, lookupReference, searchPeople } from './api';

function HitOption({ hit }: { hit: SearchHit }) {
  const { t } = useTranslation();
  const details = [hit.phone, hit.email].filter(Boolean).join(' · ');
  return (
    <Stack gap={0}>
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {hit.displayName}
        </Text>
        <Text size="xs" c="inherit">
          {t(`kinds.${hit.kind}`)}
          {hit.familyName ? ` · ${t('search.family', { name: hit.familyName })}` : ''}
        </Text>
      </Group>
      {details ? (
        <Text size="xs" c="inherit">
          {details}
        </Text>
      ) : null}
    </Stack>
  );
}

/** The office's "find a person" box: debounced search; Enter or a click opens the record. */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value.trim(), 250);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const enabled = debounced.length >= 2;
  const { data: hits = [], isFetching } = useQuery({
    queryKey: ['search', debounced],
    queryFn: ({ signal }) => searchPeople(debounced, signal),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
  const shown = enabled ? hits : [];
  const reference = REFERENCE.test(value.trim()) ? value.trim().toUpperCase() : null;
  const { selectFirstOption } = combobox;

  // the first hit is pre-selected so that Enter opens it in one step
  useEffect(() => {
    if (hits.length > 0 || reference) selectFirstOption();
  }, [hits, reference, selectFirstOption]);

  /** A request reference opens its file (global search finds "R-…"). */
  const openReference = async (ref: string) => {
    setValue('');
    combobox.closeDropdown();
    try {
      const file = await lookupReference(ref);
      void navigate(`/office/files/${file.id}`);
    } catch {
      notify(t('search.referenceNotFound', { reference: ref }), 'error');
    }
  };

  const open = (id: string) => {
    if (id.startsWith('ref:')) return void openReference(id.slice(4));
    const hit = shown.find((h) => h.id === id);
    if (!hit) return;
    setValue('');
    combobox.closeDropdown();
    void navigate(hitPath(hit));
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal={false}>
      <Combobox.Target>
        <TextInput
          label={t('search.label')}
          labelProps={{ className: 'visually-hidden' }}
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={isFetching ? <Loader size="xs" aria-hidden /> : null}
          value={value}
          maw={420}
          type="search"
          autoComplete="off"
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={value.trim().length === 0}>
        <Combobox.Options aria-label={t('search.label')}>
          {reference ? (
            <Combobox.Option value={`ref:${reference}`}>
              <Text size="sm" fw={600}>
                {t('search.openReference', { reference })}
              </Text>
            </Combobox.Option>
          ) : null}
          {value.trim().length < 2 ? (
            <Combobox.Empty>{t('search.minChars')}</Combobox.Empty>
          ) : shown.length === 0 ? (
            reference ? null : (
              <Combobox.Empty>{isFetching ? t('app.loading') : t('search.none')}</Combobox.Empty>
            )
          ) : (
            shown.map((hit) => (
              <Combobox.Option value={hit.id} key={hit.id}>
                <HitOption hit={hit} />
              </Combobox.Option>
            ))
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
