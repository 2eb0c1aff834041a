import {
  Button,
  Group,
  NumberInput,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { instructionLanguages, studyForms } from '#core/wire/academics.ts';
import { fieldErrors, get, post } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AppModal } from '../../../components/AppModal.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import type { ListSearch } from '../routes.tsx';
import { currentStartYear, enumLabel, keys, options, ProgrammeSelect, useProgrammeName } from '../shared.tsx';
import type { AcademicGroup, Page } from '../types.ts';
import { AdvanceGroup } from './AdvanceGroup.tsx';

const PAGE_SIZE = 25;

export function AcademicGroupsPage() {
  return (
    <RequirePermission any={['academicGroups.manage', 'offerings.read', 'offerings.manage']}>
      <Groups />
    </RequirePermission>
  );
}

function Groups() {
  const { t } = useTranslation();
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const perms = usePermissions();
  const programmeName = useProgrammeName();
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const [creating, setCreating] = useState(false);
  const [advancing, setAdvancing] = useState<AcademicGroup | null>(null);
  const manage = perms.has('academicGroups.manage');
  const page = search.page ?? 1;
  const go = (next: Partial<ListSearch>) =>
    void navigate({
      to: '/academics/groups',
      search: { ...search, page: undefined, ...next },
      replace: true,
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this
  useEffect(() => {
    if ((debounced || undefined) !== search.q) go({ q: debounced || undefined });
  }, [debounced]);

  const { data, error, isFetching } = useQuery({
    queryKey: [...keys.groups, search.q, search.programmeId, page],
    queryFn: () =>
      get<Page<AcademicGroup>>('/api/v1/academic-groups', {
        q: search.q,
        programmeId: search.programmeId,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageHeader title={t('academics.groups.title')}>
        {perms.has('academicGroups.manage') && (
          <Button onClick={() => setCreating(true)}>{t('academics.groups.new')}</Button>
        )}
      </PageHeader>
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('academics.common.filters')}>
        <TextInput
          label={t('academics.common.search')}
          description={t('academics.groups.searchHelp')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={280}
        />
        <ProgrammeSelect
          value={search.programmeId ?? ''}
          onChange={(v) => go({ programmeId: v || undefined })}
        />
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('academics.common.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-busy={isFetching}>
              <Table.Caption>{t('academics.groups.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('academics.fields.code')}</Table.Th>
                  <Table.Th>{t('academics.fields.name')}</Table.Th>
                  <Table.Th>{t('academics.fields.programme')}</Table.Th>
                  <Table.Th>{t('academics.fields.intakeYear')}</Table.Th>
                  <Table.Th>{t('academics.fields.yearOfStudy')}</Table.Th>
                  <Table.Th>{t('academics.fields.studyForm')}</Table.Th>
                  <Table.Th>{t('academics.fields.language')}</Table.Th>
                  <Table.Th>{t('academics.fields.learners')}</Table.Th>
                  {manage && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((g) => (
                  <Table.Tr key={g.id}>
                    <Table.Td>{g.code}</Table.Td>
                    <Table.Td>{g.name}</Table.Td>
                    <Table.Td>{programmeName(g.programmeId)}</Table.Td>
                    <Table.Td>{g.intakeYear}</Table.Td>
                    <Table.Td>{g.yearOfStudy}</Table.Td>
                    <Table.Td>{enumLabel(t, 'studyForm', g.studyForm)}</Table.Td>
                    <Table.Td>{enumLabel(t, 'language', g.language)}</Table.Td>
                    <Table.Td>{g.learnerCount}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('academics.groups.advanceOf', {
                            code: g.code,
                            year: g.yearOfStudy + 1,
                          })}
                          onClick={() => setAdvancing(g)}
                        >
                          {t('academics.groups.advance', { year: g.yearOfStudy + 1 })}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => void navigate({ to: '/academics/groups', search: { ...search, page: p } })}
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
      {advancing && <AdvanceGroup group={advancing} onClose={() => setAdvancing(null)} />}
      {creating && <GroupForm programmeId={search.programmeId} onClose={() => setCreating(false)} />}
    </Stack>
  );
}

function GroupForm({ programmeId, onClose }: { programmeId?: string; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      code: '',
      name: '',
      programmeId: programmeId ?? '',
      intakeYear: currentStartYear() as number | string,
      yearOfStudy: 1 as number | string,
      studyForm: '',
      language: '',
    },
    validate: {
      code: (v) => (v.trim() ? null : t('validation.required')),
      name: (v) => (v.trim() ? null : t('validation.required')),
      programmeId: (v) => (v ? null : t('validation.required')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await post<AcademicGroup>('/api/v1/academic-groups', {
        code: v.code.trim(),
        name: v.name.trim(),
        programmeId: v.programmeId,
        intakeYear: Number(v.intakeYear),
        yearOfStudy: Number(v.yearOfStudy),
        ...(v.studyForm ? { studyForm: v.studyForm } : {}),
        ...(v.language ? { language: v.language } : {}),
      });
      await qc.invalidateQueries({ queryKey: keys.groups });
      onClose();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <AppModal opened onClose={onClose} title={t('academics.groups.new')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormAlert error={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('academics.fields.code')}
              required
              data-autofocus
              {...form.getInputProps('code')}
            />
            <TextInput label={t('academics.fields.name')} required {...form.getInputProps('name')} />
          </SimpleGrid>
          <ProgrammeSelect
            required
            value={form.values.programmeId}
            onChange={(v) => form.setFieldValue('programmeId', v)}
            error={form.errors.programmeId as string | undefined}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('academics.fields.intakeYear')}
              required
              min={2000}
              max={2100}
              allowDecimal={false}
              {...form.getInputProps('intakeYear')}
            />
            <NumberInput
              label={t('academics.fields.yearOfStudy')}
              required
              min={1}
              max={7}
              allowDecimal={false}
              {...form.getInputProps('yearOfStudy')}
            />
            <Select
              label={t('academics.fields.studyForm')}
              description={t('academics.groups.defaultsHelp')}
              clearable
              data={options(t, 'studyForm', studyForms)}
              {...form.getInputProps('studyForm')}
            />
            <Select
              label={t('academics.fields.language')}
              description={t('academics.groups.defaultsHelp')}
              clearable
              data={options(t, 'language', instructionLanguages)}
              {...form.getInputProps('language')}
            />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('academics.groups.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
