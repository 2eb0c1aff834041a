import { Button, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { learnerStatuses } from '#core/records/status.ts';
import { get } from '../../api/client.ts';
import { usePermissions } from '../../api/session.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { enumLabel } from '../academics/shared.tsx';
import { fullName, type LearnerList, LearnerStatusBadge, recKeys, statusLabel } from './shared.tsx';

const PAGE_SIZE = 25;
export const recordsReaders = [
  'records.read',
  'records.orders',
  'records.admit',
  'studyPlans.approve',
] as const;

export function LearnersPage() {
  return (
    <RequirePermission any={recordsReaders}>
      <Learners />
    </RequirePermission>
  );
}

function Learners() {
  const { t } = useTranslation();
  const perms = usePermissions();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text, 300);
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({
    queryKey: [...recKeys.learners, q, status, page],
    queryFn: () =>
      get<LearnerList>('/api/v1/learners', { q: q || undefined, status, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageHeader title={t('records.learners.title')}>
        {perms.has('records.admit') && (
          <Button component={Link} to="/records/admission">
            {t('records.admission.title')}
          </Button>
        )}
      </PageHeader>
      <Group align="flex-end" role="search" aria-label={t('records.learners.filters')}>
        <TextInput
          label={t('records.learners.search')}
          description={t('records.learners.searchHelp')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
        />
        <Select
          label={t('records.fields.status')}
          clearable
          data={learnerStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          w={220}
        />
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('records.learners.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped aria-busy={isFetching}>
              <Table.Caption>{t('records.learners.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.fields.learner')}</Table.Th>
                  <Table.Th>{t('records.fields.login')}</Table.Th>
                  <Table.Th>{t('records.fields.programme')}</Table.Th>
                  <Table.Th>{t('records.fields.group')}</Table.Th>
                  <Table.Th>{t('records.fields.studyForm')}</Table.Th>
                  <Table.Th>{t('records.fields.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>
                      <AnchorLink to="/records/learners/$learnerId" params={{ learnerId: l.id }}>
                        {fullName(l)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{l.login}</Table.Td>
                    <Table.Td>
                      {l.programmeCode} ({l.intakeYear})
                    </Table.Td>
                    <Table.Td>{l.group?.code ?? '—'}</Table.Td>
                    <Table.Td>{enumLabel(t, 'studyForm', l.studyForm)}</Table.Td>
                    <Table.Td>
                      <LearnerStatusBadge status={l.status} />
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
              onChange={setPage}
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
