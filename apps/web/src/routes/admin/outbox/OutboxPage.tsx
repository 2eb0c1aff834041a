import { Badge, Checkbox, Group, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxList } from '#core/wire/admin.ts';
import { get } from '../../../api/client.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { formatInstant } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';

const PAGE_SIZE = 25;

export function OutboxPage() {
  return (
    <RequirePermission any={['mail.outbox.read']}>
      <Outbox />
    </RequirePermission>
  );
}

function Outbox() {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState('');
  const [unsent, setUnsent] = useState(false);
  const [page, setPage] = useState(1);
  const [debounced] = useDebouncedValue(to.trim(), 300);
  const { data, error } = useQuery({
    queryKey: ['outbox', debounced, unsent, page],
    queryFn: () =>
      get<OutboxList>('/api/v1/admin/outbox', {
        to: debounced,
        unsent: unsent ? 'true' : undefined,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <Stack>
      <PageHeader title={t('outbox.title')} />
      <Text size="sm">{t('outbox.intro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('outbox.filters')}>
        <TextInput
          label={t('outbox.to')}
          value={to}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            setPage(1);
          }}
          w={300}
        />
        <Checkbox
          label={t('outbox.unsentOnly')}
          checked={unsent}
          onChange={(e) => {
            setUnsent(e.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
        />
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Table.ScrollContainer minWidth={700}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('outbox.created')}</Table.Th>
                  <Table.Th>{t('outbox.to')}</Table.Th>
                  <Table.Th>{t('outbox.subject')}</Table.Th>
                  <Table.Th>{t('outbox.state')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{formatInstant(m.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>{m.to}</Table.Td>
                    <Table.Td>
                      <AnchorLink to="/admin/outbox/$messageId" params={{ messageId: m.id }}>
                        {m.subject}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={m.sentAt ? 'teal.9' : 'gray.8'}>
                        {m.sentAt ? t('outbox.sent') : t('outbox.notSent')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {data?.items.length === 0 && <Text size="sm">{t('outbox.empty')}</Text>}
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
