import {
  ActionIcon,
  Button,
  Card,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { components, controlActivityKinds, finalControlForms } from '#core/wire/academics.ts';
import { ApiError, api, fieldErrors } from '../../../api/client.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { options, useDepartmentOptions } from '../shared.tsx';
import type { Curriculum } from '../types.ts';

type Activity = { kind: string; title: string; dueWeek: number | string; weight: number | string };

const emptyActivity = (): Activity => ({ kind: 'current', title: '', dueWeek: 1, weight: 1 });

/**
 * Adds a discipline to a draft curriculum. A code already in the catalogue needs no names;
 * a new one does (the API says which fields are missing).
 */
export function DisciplineForm({
  curriculum,
  etag,
  onAdded,
}: {
  curriculum: Curriculum;
  etag: string | null;
  onAdded: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const departments = useDepartmentOptions();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      code: '',
      name: { kk: '', ru: '', en: '' },
      departmentId: '',
      credits: 5 as number | string,
      yearOfStudy: 1 as number | string,
      periodNumber: 1 as number | string,
      component: 'compulsory',
      electiveBlock: '',
      finalControl: 'exam',
      controlActivities: [] as Activity[],
    },
    validate: {
      code: (v) => (v.trim() ? null : t('validation.required')),
      credits: (v) => (Number(v) > 0 ? null : t('academics.curricula.creditsPositive')),
      electiveBlock: (v, all) =>
        all.component === 'elective' && !v.trim() ? t('academics.curricula.blockRequired') : null,
      controlActivities: {
        title: (v) => (v.trim() ? null : t('validation.required')),
      },
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    const names = { kk: v.name.kk.trim(), ru: v.name.ru.trim(), en: v.name.en.trim() };
    const anyName = names.kk || names.ru || names.en;
    try {
      await api('POST', `/api/v1/curricula/${curriculum.id}/disciplines`, {
        body: {
          code: v.code.trim(),
          ...(anyName ? { name: names } : {}),
          ...(v.departmentId ? { departmentId: v.departmentId } : {}),
          credits: Number(v.credits),
          yearOfStudy: Number(v.yearOfStudy),
          periodNumber: Number(v.periodNumber),
          component: v.component,
          ...(v.component === 'elective' ? { electiveBlock: v.electiveBlock.trim() } : {}),
          finalControl: v.finalControl,
          controlActivities: v.controlActivities.map((a) => ({
            kind: a.kind,
            title: a.title.trim(),
            dueWeek: Number(a.dueWeek),
            weight: Number(a.weight),
          })),
        },
        headers: etag ? { 'If-Match': etag } : {},
      });
      form.reset();
      await onAdded();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
      // Someone else changed the curriculum: load the latest so the next try is based on it.
      if (err instanceof ApiError && err.status === 409) await onAdded();
    } finally {
      setBusy(false);
    }
  });

  const activities = form.values.controlActivities;
  return (
    <Card withBorder component="section" aria-labelledby="add-discipline">
      <Title order={2} size="h4" id="add-discipline" mb="sm">
        {t('academics.curricula.addTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('academics.fields.disciplineCode')}
              description={t('academics.curricula.codeHelp')}
              required
              {...form.getInputProps('code')}
            />
            <Select
              label={t('academics.fields.department')}
              description={t('academics.curricula.newOnlyHelp')}
              searchable
              clearable
              data={departments.data}
              nothingFoundMessage={t('common.nothingFound')}
              {...form.getInputProps('departmentId')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label={t('academics.fields.nameKk')} lang="kk" {...form.getInputProps('name.kk')} />
            <TextInput label={t('academics.fields.nameRu')} lang="ru" {...form.getInputProps('name.ru')} />
            <TextInput label={t('academics.fields.nameEn')} lang="en" {...form.getInputProps('name.en')} />
          </SimpleGrid>
          {form.errors.name && (
            <Text c="red.9" size="sm" role="alert">
              {form.errors.name}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <NumberInput
              label={t('academics.fields.credits')}
              required
              min={1}
              max={60}
              allowDecimal={false}
              {...form.getInputProps('credits')}
            />
            <NumberInput
              label={t('academics.fields.yearOfStudy')}
              required
              min={1}
              max={7}
              allowDecimal={false}
              {...form.getInputProps('yearOfStudy')}
            />
            <NumberInput
              label={t('academics.fields.periodNumber')}
              required
              min={1}
              max={3}
              allowDecimal={false}
              {...form.getInputProps('periodNumber')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 3 }}>
            <Select
              label={t('academics.fields.component')}
              required
              allowDeselect={false}
              data={options(t, 'component', components)}
              {...form.getInputProps('component')}
            />
            {form.values.component === 'elective' && (
              <TextInput
                label={t('academics.fields.electiveBlock')}
                required
                {...form.getInputProps('electiveBlock')}
              />
            )}
            <Select
              label={t('academics.fields.finalControl')}
              required
              allowDeselect={false}
              data={options(t, 'finalControl', finalControlForms)}
              {...form.getInputProps('finalControl')}
            />
          </SimpleGrid>
          <Fieldset legend={t('academics.curricula.activities')}>
            <Stack>
              {activities.length === 0 && <Text size="sm">{t('academics.curricula.noActivities')}</Text>}
              {activities.map((_, i) => (
                <Group
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity before they are saved
                  key={i}
                  align="flex-start"
                  wrap="wrap"
                  role="group"
                  aria-label={t('academics.curricula.activityN', { n: i + 1 })}
                >
                  <Select
                    label={t('academics.fields.activityKind')}
                    allowDeselect={false}
                    data={options(t, 'activityKind', controlActivityKinds)}
                    w={180}
                    {...form.getInputProps(`controlActivities.${i}.kind`)}
                  />
                  <TextInput
                    label={t('academics.fields.activityTitle')}
                    required
                    w={260}
                    {...form.getInputProps(`controlActivities.${i}.title`)}
                  />
                  <NumberInput
                    label={t('academics.fields.dueWeek')}
                    min={1}
                    max={20}
                    allowDecimal={false}
                    w={120}
                    {...form.getInputProps(`controlActivities.${i}.dueWeek`)}
                  />
                  <NumberInput
                    label={t('academics.fields.weight')}
                    min={0}
                    max={1000}
                    w={120}
                    {...form.getInputProps(`controlActivities.${i}.weight`)}
                  />
                  <ActionIcon
                    variant="default"
                    color="red.9"
                    mt={26}
                    aria-label={t('academics.curricula.removeActivity', { n: i + 1 })}
                    onClick={() => form.removeListItem('controlActivities', i)}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button
                  variant="default"
                  onClick={() => form.insertListItem('controlActivities', emptyActivity())}
                >
                  {t('academics.curricula.addActivity')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
          <Group>
            <Button type="submit" loading={busy}>
              {t('academics.curricula.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
