import { Group, Pagination, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planStatuses } from '#core/wire/records.ts';
import { get } from '../../api/client.ts';
import { AnchorLink } from '../../components/AnchorLink.tsx';
import { formatInstant } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { RequirePermission } from '../../components/RequirePermission.tsx';
import { fullName, PlanStatusBadge, planStatusLabel, recKeys, type StudyPlanList } from './shared.tsx';

const PAGE_SIZE = 25;

/** The advisor's list: their learners' individual study plans, submitted ones first. */
export function StudyPlansPage() {
  return (
    <RequirePermission any={['studyPlans.approve', 'records.read']}>
      <Plans />
    </RequirePermission>
  );
}

function Plans() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<string>('submitted');
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useQuery({
    queryKey: [...recKeys.plans, status, page],
    queryFn: () =>
      get<StudyPlanList>('/api/v1/study-plans', {
        status: status === 'all' ? undefined : status,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageHeader title={t('records.plans.title')} />
      <Group>
        <SegmentedControl
          aria-label={t('records.fields.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data={[
            ...planStatuses
              .filter((s) => s !== 'draft')
              .map((s) => ({ value: s, label: planStatusLabel(t, s) })),
            { value: 'all', label: t('records.plans.all') },
          ]}
        />
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('records.learners.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={700}>
            <Table striped aria-busy={isFetching}>
              <Table.Caption>{t('records.plans.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('records.fields.learner')}</Table.Th>
                  <Table.Th>{t('records.fields.group')}</Table.Th>
                  <Table.Th>{t('records.plan.year')}</Table.Th>
                  <Table.Th>{t('records.plans.electives')}</Table.Th>
                  <Table.Th>{t('records.fields.status')}</Table.Th>
                  <Table.Th>{t('records.plans.updated')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <AnchorLink to="/records/learners/$learnerId/plan" params={{ learnerId: p.learnerId }}>
                        {fullName(p)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{p.group?.code ?? '—'}</Table.Td>
                    <Table.Td>{p.yearOfStudy}</Table.Td>
                    <Table.Td>{p.electives}</Table.Td>
                    <Table.Td>
                      <PlanStatusBadge status={p.status} />
                    </Table.Td>
                    <Table.Td>{formatInstant(p.updatedAt, i18n.language)}</Table.Td>
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
              getItemProps={(n) => ({ 'aria-label': t('common.page', { page: n }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
