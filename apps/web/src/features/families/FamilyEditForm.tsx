import { Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { UpdateFamilyBody, type Family } from '@contracts';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { zodErrors } from '../../ui/zod-form';
import { updateFamily } from './api';
import { familyFieldValues, updateFamilyBody, type FamilyFieldValues } from './family-form';
import { FamilyFields } from './FamilyFields';
import { useSubmit } from '../../ui/use-submit';

interface FamilyEditFormProps {
  family: Family;
  onSaved: (family: Family) => void | Promise<unknown>;
  onReload: () => void | Promise<unknown>;
  onCancel: () => void;
}

/** Edits a family's own fields; a newer version (after a reload) starts the form afresh. */
export function FamilyEditForm(props: FamilyEditFormProps) {
  return <FamilyEditFormBody key={`${props.family.id}:${props.family.version}`} {...props} />;
}

function FamilyEditFormBody({ family, onSaved, onReload, onCancel }: FamilyEditFormProps) {
  const { t } = useTranslation();
  const form = useForm<FamilyFieldValues>({
    initialValues: familyFieldValues(family),
    validate: (values) => zodErrors(UpdateFamilyBody, updateFamilyBody(values, family.version)),
  });
  const {
    submit,
    pending: saving,
    error,
    setError,
  } = useSubmit(form, (values) => updateFamily(family.id, updateFamilyBody(values, family.version)), {
    success: t('families.saved'),
    onSuccess: onSaved,
  });
  const onSubmit = form.onSubmit(submit);

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={error} onReload={() => void Promise.resolve(onReload()).then(() => setError(null))} />
        <FamilyFields form={form} nameRequired />
        <Group>
          <Button type="submit" loading={saving}>
            {t('actions.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
