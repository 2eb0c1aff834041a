import { Badge, Button, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { studyForms } from '#core/wire/academics.ts';
import { get } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { enumLabel, keys, options, useDepartmentOptions } from '../shared.tsx';
import type { Page, Programme } from '../types.ts';
import { ProgrammeForm } from './ProgrammeForm.tsx';

const PAGE_SIZE = 25;

/** Every signed-in user may read programmes; those who manage them also define new ones. */
export function ProgrammesPage() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ strict: false }) as { q?: string; page?: number; studyForm?: string };
  const navigate = useNavigate();
  const perms = usePermissions();
  const departments = useDepartmentOptions();
  const [q, setQ] = useState(search.q ?? '');
  const [studyForm, setStudyForm] = useState<string | null>(null);
  const [debounced] = useDebouncedValue(q, 300);
  const [creating, setCreating] = useState(false);
  const page = search.page ?? 1;

  useEffect(() => {
    if ((debounced || undefined) !== search.q)
      void navigate({
        to: '/academics/programmes',
        search: { q: debounced || undefined, page: undefined },
        replace: true,
      });
  }, [debounced, search.q, navigate]);

  const { data, error, isFetching } = useQuery({
    queryKey: [...keys.programmes, search.q, studyForm, page, i18n.language],
    queryFn: () =>
      get<Page<Programme>>('/api/v1/programmes', {
        q: search.q,
        studyForm,
        page,
        pageSize: PAGE_SIZE,
        sortLang: i18n.language,
      }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack>
      <PageHeader title={t('academics.programmes.title')}>
        {perms.has('programmes.manage') && (
          <Button onClick={() => setCreating(true)}>{t('academics.programmes.new')}</Button>
        )}
      </PageHeader>
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('academics.common.filters')}>
        <TextInput
          label={t('academics.common.search')}
          description={t('academics.programmes.searchHelp')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('academics.fields.studyForm')}
          clearable
          value={studyForm}
          onChange={setStudyForm}
          data={options(t, 'studyForm', studyForms)}
          w={220}
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
            <Table striped highlightOnHover aria-busy={isFetching}>
              <Table.Caption>{t('academics.programmes.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('academics.fields.code')}</Table.Th>
                  <Table.Th>{t('academics.fields.name')}</Table.Th>
                  <Table.Th>{t('academics.fields.department')}</Table.Th>
                  <Table.Th>{t('academics.fields.degreeLevel')}</Table.Th>
                  <Table.Th>{t('academics.fields.studyForm')}</Table.Th>
                  <Table.Th>{t('academics.fields.language')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.code}</Table.Td>
                    <Table.Td>
                      <AnchorLink to="/academics/programmes/$programmeId" params={{ programmeId: p.id }}>
                        {localizedName(i18n.language, p.name)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{departments.name(p.departmentId)}</Table.Td>
                    <Table.Td>{enumLabel(t, 'degreeLevel', p.degreeLevel)}</Table.Td>
                    <Table.Td>
                      {enumLabel(t, 'studyForm', p.studyForm)}
                      {p.dltCategories.length > 0 && (
                        <Badge ml="xs" size="sm" variant="outline" color="gray.8">
                          {t('academics.programmes.dltCount', { count: p.dltCategories.length })}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{enumLabel(t, 'language', p.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) =>
                void navigate({ to: '/academics/programmes', search: { q: search.q, page: p } })
              }
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
      {creating && (
        <ProgrammeForm
          onClose={() => setCreating(false)}
          onSaved={(p) => {
            setCreating(false);
            void navigate({ to: '/academics/programmes/$programmeId', params: { programmeId: p.id } });
          }}
        />
      )}
    </Stack>
  );
}
