import { Button, Group as Row, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Group, groupKinds } from '#core/wire/org.ts';
import { orgUnitsQuery } from '../../../api/catalog.ts';
import { fieldErrors, patch, post } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName } from '../../../components/labels.ts';
import { kazakhCollator } from '../../../i18n/index.ts';

type Props = {
  parent: Group | null;
  group: Group | null;
  onClose: () => void;
  onSaved: (g: Group | null) => void;
};

export function GroupModal({ parent, group, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation();
  const units = useQuery(orgUnitsQuery);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      kind: group?.kind ?? (parent ? 'subgroup' : 'academic_group'),
      code: group?.code ?? '',
      name: group?.name ?? '',
      orgUnitId: group?.orgUnitId ?? parent?.orgUnitId ?? '',
    },
    validate: {
      code: (v) => (v.trim() ? null : t('validation.required')),
      name: (v) => (v.trim() ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    const body = { kind: v.kind, code: v.code.trim(), name: v.name.trim(), orgUnitId: v.orgUnitId || null };
    try {
      const saved = group
        ? await patch<Group>(`/api/v1/groups/${group.id}`, { ...body, version: group.version })
        : await post<Group>('/api/v1/groups', { ...body, parentId: parent?.id ?? null });
      onSaved(saved ?? null);
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  const unitOptions = (units.data?.items ?? [])
    .map((u) => ({ value: u.id, label: localizedName(i18n.language, u) }))
    .sort((a, b) => kazakhCollator.compare(a.label, b.label));
  const title = group
    ? t('groups.editTitle', { name: group.name })
    : parent
      ? t('groups.createUnder', { name: parent.name })
      : t('groups.createRoot');
  return (
    <AppModal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          <Select
            label={t('groups.kind')}
            required
            allowDeselect={false}
            data={groupKinds.map((k) => ({ value: k, label: t(`groupKind.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('groups.code')} required data-autofocus {...form.getInputProps('code')} />
          <TextInput label={t('groups.name')} required {...form.getInputProps('name')} />
          <Select
            label={t('groups.orgUnit')}
            clearable
            searchable
            data={unitOptions}
            nothingFoundMessage={t('common.nothingFound')}
            {...form.getInputProps('orgUnitId')}
          />
          <Row justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Row>
        </Stack>
      </form>
    </AppModal>
  );
}
