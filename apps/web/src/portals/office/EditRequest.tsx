import { Button, Group, NativeSelect, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyProblemToForm } from '../../api/form-errors';
import { INSTRUMENTS } from '../../api/contract-values';
import { AGENCY_NS } from '../../features/agency/agency-i18n';
import '../../features/agency/agency-pages-i18n';
import { fileKey, type FileDetail } from '../../features/agency/api';
import { updateRequest } from '../../features/agency/pages-api';
import { notify } from '../../ui/notify';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { Section } from '../../ui/Section';

/**
 * Changes the request on its file: the student switches from piano to violin, a level, the lesson length, the goals.
 * The same file keeps its history; a new instrument ends the current teacher and sends the file to a new search.
 */
export function EditRequest({ file }: { file: FileDetail }) {
  const { t } = useTranslation(AGENCY_NS);
  const client = useQueryClient();
  const [editing, { open, close }] = useDisclosure(false);
  const form = useForm({
    initialValues: {
      instrument: file.instrument,
      level: String(file.level),
      lessonMinutes: file.lessonMinutes as number | string,
      goals: file.goals ?? '',
      teacherWishes: file.teacherWishes ?? '',
    },
  });
  const save = useMutation({
    mutationFn: (v: typeof form.values) =>
      updateRequest(file.id, {
        version: file.version,
        instrument: v.instrument,
        level: Number(v.level),
        lessonMinutes: Number(v.lessonMinutes),
        goals: v.goals || null,
        teacherWishes: v.teacherWishes || null,
      }),
    onSuccess: async (result) => {
      notify(t(result.newSearch ? 'pages.edit.newSearch' : 'pages.edit.saved'));
      close();
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
      await client.invalidateQueries({ queryKey: ['history'] });
    },
    onError: (error) => applyProblemToForm(form, error),
  });
  const instruments = INSTRUMENTS.includes(file.instrument as (typeof INSTRUMENTS)[number])
    ? INSTRUMENTS
    : [file.instrument, ...INSTRUMENTS];
  return (
    <Section
      title={t('pages.edit.title')}
      actions={
        editing ? null : (
          <Button size="xs" variant="default" onClick={open}>
            {t('pages.edit.open')}
          </Button>
        )
      }
    >
      <Text size="sm">{t('pages.edit.intro')}</Text>
      {editing ? (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack mt="sm">
            <Group grow wrap="wrap">
              <NativeSelect
                label={t('pages.edit.instrument')}
                data={instruments.map((i) => ({ value: i, label: t(`instrument.${i}`, { defaultValue: i }) }))}
                {...form.getInputProps('instrument')}
              />
              <NativeSelect
                label={t('pages.edit.level')}
                data={['1', '2', '3'].map((l) => ({ value: l, label: t(`level.${l}`) }))}
                {...form.getInputProps('level')}
              />
              <NumberInput label={t('pages.edit.lessonMinutes')} {...form.getInputProps('lessonMinutes')} />
            </Group>
            <Textarea label={t('pages.edit.goals')} autosize minRows={2} {...form.getInputProps('goals')} />
            <Textarea
              label={t('pages.edit.teacherWishes')}
              autosize
              minRows={1}
              {...form.getInputProps('teacherWishes')}
            />
            {save.error && !Object.keys(form.errors).length ? <ProblemAlert error={save.error} /> : null}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('pages.edit.save')}
              </Button>
              <Button variant="default" onClick={close}>
                {t('pages.edit.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Section>
  );
}
