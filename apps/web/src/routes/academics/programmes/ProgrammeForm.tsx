import { Button, Checkbox, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { degreeLevels, dltCategories, instructionLanguages, studyForms } from '#core/wire/academics.ts';
import { fieldErrors, post, put } from '../../../api/client.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { keys, options, useDepartmentOptions } from '../shared.tsx';
import type { Programme } from '../types.ts';

/**
 * Defines a programme, or edits one (`programme` given: every field, with the version
 * read, so someone else's edit in between is refused). DLT categories matter only for
 * distance and blended study.
 */
export function ProgrammeForm({
  programme,
  onClose,
  onSaved,
}: {
  programme?: Programme;
  onClose: () => void;
  onSaved: (p: Programme) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const departments = useDepartmentOptions();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      code: programme?.code ?? '',
      name: programme ? { ...programme.name } : { kk: '', ru: '', en: '' },
      departmentId: programme?.departmentId ?? '',
      degreeLevel: programme?.degreeLevel ?? 'bachelor',
      studyForm: programme?.studyForm ?? 'distance',
      language: programme?.language ?? 'kk',
      dltCategories: [...(programme?.dltCategories ?? [])] as string[],
    },
    validate: {
      code: (v) => (v.trim() ? null : t('validation.required')),
      name: {
        kk: (v) => (v.trim() ? null : t('validation.required')),
        ru: (v) => (v.trim() ? null : t('validation.required')),
        en: (v) => (v.trim() ? null : t('validation.required')),
      },
      departmentId: (v) => (v ? null : t('validation.required')),
      dltCategories: (v, all) =>
        all.studyForm === 'distance' && v.length === 0 ? t('academics.programmes.dltRequired') : null,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        ...v,
        code: v.code.trim(),
        name: { kk: v.name.kk.trim(), ru: v.name.ru.trim(), en: v.name.en.trim() },
        dltCategories: v.studyForm === 'full_time' ? [] : v.dltCategories,
      };
      const saved = programme
        ? await put<Programme>(`/api/v1/programmes/${programme.id}`, { ...body, version: programme.version })
        : await post<Programme>('/api/v1/programmes', body);
      await qc.invalidateQueries({ queryKey: keys.programmes });
      onSaved(saved);
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  const distance = form.values.studyForm !== 'full_time';
  return (
    <AppModal
      opened
      onClose={onClose}
      title={
        programme
          ? t('academics.programmes.editTitle', { code: programme.code })
          : t('academics.programmes.new')
      }
      size="xl"
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          <TextInput
            label={t('academics.fields.code')}
            required
            data-autofocus
            {...form.getInputProps('code')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('academics.fields.nameKk')}
              required
              lang="kk"
              {...form.getInputProps('name.kk')}
            />
            <TextInput
              label={t('academics.fields.nameRu')}
              required
              lang="ru"
              {...form.getInputProps('name.ru')}
            />
            <TextInput
              label={t('academics.fields.nameEn')}
              required
              lang="en"
              {...form.getInputProps('name.en')}
            />
          </SimpleGrid>
          <Select
            label={t('academics.fields.department')}
            required
            searchable
            data={departments.data}
            nothingFoundMessage={t('common.nothingFound')}
            {...form.getInputProps('departmentId')}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('academics.fields.degreeLevel')}
              required
              allowDeselect={false}
              data={options(t, 'degreeLevel', degreeLevels)}
              {...form.getInputProps('degreeLevel')}
            />
            <Select
              label={t('academics.fields.studyForm')}
              required
              allowDeselect={false}
              data={options(t, 'studyForm', studyForms)}
              {...form.getInputProps('studyForm')}
            />
            <Select
              label={t('academics.fields.language')}
              required
              allowDeselect={false}
              data={options(t, 'language', instructionLanguages)}
              {...form.getInputProps('language')}
            />
          </SimpleGrid>
          {distance && (
            <Checkbox.Group
              label={t('academics.fields.dltCategories')}
              description={t('academics.programmes.dltHelp')}
              required={form.values.studyForm === 'distance'}
              {...form.getInputProps('dltCategories')}
            >
              <Stack gap="xs" mt="xs">
                {dltCategories.map((c) => (
                  <Checkbox key={c} value={c} label={t(`academics.enum.dltCategory.${c}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {programme ? t('common.save') : t('academics.programmes.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
