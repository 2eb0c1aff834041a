import { Badge, Button, Group, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { periodLabel } from '../calendar/CalendarTable.tsx';
import { PeriodPicker } from '../PeriodPicker.tsx';
import type { ListSearch } from '../routes.tsx';
import { keys, ProgrammeSelect, useGroupNames } from '../shared.tsx';
import type { CourseOffering, Page } from '../types.ts';
import { GenerateOfferings } from './GenerateOfferings.tsx';
import { OfferingForm } from './OfferingForm.tsx';

const PAGE_SIZE = 25;

export function OfferingsPage() {
  return (
    <RequirePermission any={['offerings.read', 'offerings.manage']}>
      <Offerings />
    </RequirePermission>
  );
}

function Offerings() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ strict: false }) as ListSearch;
  const navigate = useNavigate();
  const perms = usePermissions();
  const groups = useGroupNames();
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const [mode, setMode] = useState<'generate' | 'create' | null>(null);
  const page = search.page ?? 1;
  const go = (next: Partial<ListSearch>) =>
    void navigate({
      to: '/academics/offerings',
      search: { ...search, page: undefined, ...next },
      replace: true,
    });

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this
  useEffect(() => {
    if ((debounced || undefined) !== search.q) go({ q: debounced || undefined });
  }, [debounced]);

  const { data, error, isFetching } = useQuery({
    queryKey: [...keys.offerings, search.q, search.programmeId, search.periodId, page],
    queryFn: () =>
      get<Page<CourseOffering>>('/api/v1/offerings', {
        q: search.q,
        programmeId: search.programmeId,
        periodId: search.periodId,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageHeader title={t('academics.offerings.title')}>
        {perms.has('offerings.manage') && (
          <Group>
            <Button onClick={() => setMode('generate')}>{t('academics.offerings.generate')}</Button>
            <Button variant="default" onClick={() => setMode('create')}>
              {t('academics.offerings.new')}
            </Button>
          </Group>
        )}
      </PageHeader>
      {mode === 'generate' && (
        <GenerateOfferings
          programmeId={search.programmeId}
          onDone={(periodId) => {
            setMode(null);
            if (periodId) go({ periodId });
          }}
        />
      )}
      {mode === 'create' && <OfferingForm programmeId={search.programmeId} onClose={() => setMode(null)} />}
      <Stack gap="xs" role="search" aria-label={t('academics.common.filters')}>
        <Group align="flex-start" wrap="wrap">
          <TextInput
            label={t('academics.common.search')}
            description={t('academics.offerings.searchHelp')}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={260}
          />
          <ProgrammeSelect
            value={search.programmeId ?? ''}
            onChange={(v) => go({ programmeId: v || undefined })}
          />
        </Group>
        <PeriodPicker value={search.periodId ?? ''} onChange={(v) => go({ periodId: v || undefined })} />
      </Stack>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('academics.common.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-busy={isFetching}>
              <Table.Caption>{t('academics.offerings.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('academics.fields.code')}</Table.Th>
                  <Table.Th>{t('academics.fields.discipline')}</Table.Th>
                  <Table.Th>{t('academics.fields.credits')}</Table.Th>
                  <Table.Th>{t('academics.fields.period')}</Table.Th>
                  <Table.Th>{t('academics.fields.groups')}</Table.Th>
                  <Table.Th>{t('academics.fields.teachers')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((o) => (
                  <Table.Tr key={o.id}>
                    <Table.Td>
                      <AnchorLink to="/academics/offerings/$offeringId" params={{ offeringId: o.id }}>
                        {o.code}
                      </AnchorLink>
                      {o.readOnly && (
                        <Badge ml="xs" size="sm" variant="outline" color="gray.8">
                          {t('academics.offerings.readOnly')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {o.disciplineCode} {localizedName(i18n.language, o.disciplineName)}
                    </Table.Td>
                    <Table.Td>{o.credits}</Table.Td>
                    <Table.Td>
                      {periodLabel(t, { kind: 'trimester', number: o.periodNumber })},{' '}
                      {o.periodStart.slice(0, 4)}
                    </Table.Td>
                    <Table.Td>{o.groupIds.map(groups.name).join(', ')}</Table.Td>
                    <Table.Td>
                      {o.teacherIds.length === 0 ? (
                        <Text span c="red.9" size="sm">
                          {t('academics.offerings.noTeacher')}
                        </Text>
                      ) : (
                        o.teacherIds.length
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => void navigate({ to: '/academics/offerings', search: { ...search, page: p } })}
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
