import { Badge, Card, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { offeringLearner } from '#core/wire/academics.ts';
import { del, get } from '../../../api/client.ts';
import { displayName } from '../../../api/session.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { formatTime, keys } from '../shared.tsx';
import type { Page } from '../types.ts';

type Learner = z.infer<typeof offeringLearner>;
const PAGE_SIZE = 25;

/**
 * Who studies in an offering, for its staff: search by name or login, active or removed
 * enrolments, in Kazakh order. Those who manage offerings may remove a learner (their
 * records stay).
 */
export function OfferingLearners({ offeringId, manage }: { offeringId: string; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<'active' | 'removed' | 'all'>('active');
  const [page, setPage] = useState(1);
  const key = [...keys.offerings, 'learners', offeringId];
  const { data, error, isFetching } = useQuery({
    queryKey: [...key, q, status, page],
    queryFn: ({ signal }) =>
      get<Page<Learner>>(
        `/api/v1/offerings/${offeringId}/learners`,
        { q, status, page, pageSize: PAGE_SIZE },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Card withBorder component="section" aria-labelledby="offering-learners">
      <Title order={2} size="h4" id="offering-learners" mb="sm">
        {t('academics.offerings.learnersTitle')}
      </Title>
      <Stack>
        <Group align="flex-end" role="search" aria-label={t('academics.offerings.learnersTitle')}>
          <TextInput
            label={t('academics.common.search')}
            description={t('academics.offerings.learnersSearchHelp')}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={280}
          />
          <Select
            label={t('academics.offerings.enrolmentStatus')}
            allowDeselect={false}
            value={status}
            onChange={(v) => {
              setStatus((v as typeof status) ?? 'active');
              setPage(1);
            }}
            data={(['active', 'removed', 'all'] as const).map((s) => ({
              value: s,
              label: t(`academics.offerings.enrolment.${s}`),
            }))}
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
            <Table.ScrollContainer minWidth={700}>
              <Table striped aria-busy={isFetching}>
                <Table.Caption>{t('academics.offerings.learnersCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('academics.offerings.learnerName')}</Table.Th>
                    <Table.Th scope="col">{t('academics.offerings.learnerLogin')}</Table.Th>
                    <Table.Th scope="col">{t('academics.fields.group')}</Table.Th>
                    <Table.Th scope="col">{t('academics.offerings.enrolledAt')}</Table.Th>
                    <Table.Th scope="col">{t('academics.offerings.enrolmentStatus')}</Table.Th>
                    {manage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data?.items.map((l) => (
                    <Table.Tr key={l.userId}>
                      <Table.Td>{displayName(l)}</Table.Td>
                      <Table.Td>{l.login}</Table.Td>
                      <Table.Td>{l.groupCode ?? '—'}</Table.Td>
                      <Table.Td>{formatTime(l.enrolledAt, i18n.language)}</Table.Td>
                      <Table.Td>
                        {l.status === 'active' ? (
                          t('academics.offerings.enrolment.active')
                        ) : (
                          <Badge variant="outline" color="gray.8">
                            {t('academics.offerings.enrolment.removed')}
                          </Badge>
                        )}
                      </Table.Td>
                      {manage && (
                        <Table.Td>
                          {l.status === 'active' && (
                            <ConfirmButton
                              size="xs"
                              variant="default"
                              aria-label={t('academics.offerings.removeLearnerOf', { name: displayName(l) })}
                              title={t('academics.offerings.removeLearnerTitle')}
                              message={t('academics.offerings.removeLearnerMessage', {
                                name: displayName(l),
                              })}
                              confirmLabel={t('academics.offerings.removeLearner')}
                              danger
                              onConfirm={async () => {
                                await del(`/api/v1/offerings/${offeringId}/enrolments/${l.userId}`);
                                await qc.invalidateQueries({ queryKey: key });
                              }}
                            >
                              {t('academics.offerings.removeLearner')}
                            </ConfirmButton>
                          )}
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
                onChange={setPage}
                getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
                getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
              />
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
