import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedOrgParents, type OrgUnit, type OrgUnitKind, orgUnitKinds } from '#core/wire/org.ts';
import { fieldErrors, patch, post } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';

type Editing = { mode: 'create'; parent: OrgUnit | null } | { mode: 'edit'; unit: OrgUnit };

/** Create a unit under a parent (only the kinds that may sit there), or rename one. */
export function OrgUnitModal({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const unit = editing.mode === 'edit' ? editing.unit : null;
  const parentKind = editing.mode === 'create' ? (editing.parent?.kind ?? null) : null;
  const kinds = orgUnitKinds.filter((k) => allowedOrgParents[k].includes(parentKind as OrgUnitKind | null));
  const form = useForm({
    initialValues: {
      kind: unit?.kind ?? (kinds.length === 1 ? kinds[0]! : ''),
      code: unit?.code ?? '',
      nameKk: unit?.nameKk ?? '',
      nameRu: unit?.nameRu ?? '',
      nameEn: unit?.nameEn ?? '',
    },
    validate: {
      kind: (v) => (v ? null : t('validation.required')),
      code: (v) => (v.trim() ? null : t('validation.required')),
      nameKk: (v) => (v.trim() ? null : t('validation.required')),
      nameRu: (v) => (v.trim() ? null : t('validation.required')),
      nameEn: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    const names = {
      code: v.code.trim(),
      nameKk: v.nameKk.trim(),
      nameRu: v.nameRu.trim(),
      nameEn: v.nameEn.trim(),
    };
    try {
      if (unit) await patch(`/api/v1/org-units/${unit.id}`, { ...names, version: unit.version });
      else
        await post('/api/v1/org-units', {
          ...names,
          kind: v.kind,
          parentId: editing.mode === 'create' ? (editing.parent?.id ?? null) : null,
        });
      onSaved();
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  const title = unit
    ? t('org.editTitle', { name: localizedName(i18n.language, unit) })
    : editing.mode === 'create' && editing.parent
      ? t('org.createUnder', { name: localizedName(i18n.language, editing.parent) })
      : t('org.createRoot');
  return (
    <AppModal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          {!unit && (
            <Select
              label={t('org.kind')}
              required
              data={kinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))}
              {...form.getInputProps('kind')}
            />
          )}
          <TextInput label={t('org.code')} required {...form.getInputProps('code')} data-autofocus />
          <TextInput label={t('org.nameKk')} lang="kk" required {...form.getInputProps('nameKk')} />
          <TextInput label={t('org.nameRu')} lang="ru" required {...form.getInputProps('nameRu')} />
          <TextInput label={t('org.nameEn')} lang="en" required {...form.getInputProps('nameEn')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
