import { Badge, Button, Group, Pagination, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserList } from '#core/wire/users.ts';
import { rolesQuery } from '../../../api/catalog.ts';
import { get } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { formatInstant } from '../../../components/format.ts';
import { localizedName } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { StatusBadge } from './StatusBadge.tsx';

const PAGE_SIZE = 25;

export function UsersPage() {
  return (
    <RequirePermission any={['users.read']}>
      <UsersList />
    </RequirePermission>
  );
}

function UsersList() {
  const { t, i18n } = useTranslation();
  const search = useSearch({ from: '/app/admin/users' });
  const navigate = useNavigate({ from: '/admin/users' });
  const perms = usePermissions();
  const [q, setQ] = useState(search.q ?? '');
  const [debounced] = useDebouncedValue(q, 300);
  const page = search.page ?? 1;

  useEffect(() => {
    if ((debounced || undefined) !== search.q)
      void navigate({ search: (s) => ({ ...s, q: debounced || undefined, page: undefined }), replace: true });
  }, [debounced, search.q, navigate]);

  const { data, error, isFetching } = useQuery({
    queryKey: ['users', search.q, search.status, search.role, page],
    queryFn: () =>
      get<UserList>('/api/v1/users', {
        q: search.q,
        status: search.status,
        role: search.role,
        page,
        pageSize: PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const roles = useQuery({ ...rolesQuery, enabled: perms.has('roles.read') });
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <Stack>
      <PageHeader title={t('users.title')}>
        {perms.has('users.manage') && (
          <Button component={Link} to="/admin/users/new">
            {t('users.new')}
          </Button>
        )}
      </PageHeader>
      <Group align="flex-end" wrap="wrap" role="search" aria-label={t('users.filters')}>
        <TextInput
          label={t('users.search')}
          description={t('users.searchHelp')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={320}
        />
        <Select
          label={t('fields.status')}
          clearable
          value={search.status ?? null}
          onChange={(v) =>
            void navigate({ search: (s) => ({ ...s, status: v ?? undefined, page: undefined }) })
          }
          data={['active', 'deactivated', 'pseudonymized'].map((s) => ({
            value: s,
            label: t(`userStatus.${s}`),
          }))}
          w={200}
        />
        {roles.data && (
          <Select
            label={t('users.role')}
            clearable
            searchable
            value={search.role ?? null}
            onChange={(v) =>
              void navigate({ search: (s) => ({ ...s, role: v ?? undefined, page: undefined }) })
            }
            data={roles.data.items.map((r) => ({
              value: r.code,
              label: localizedName(i18n.language, r.name),
            }))}
            w={260}
          />
        )}
      </Group>
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <>
          <Text size="sm" aria-live="polite">
            {data ? t('users.found', { count: data.total }) : ''}
          </Text>
          <Table.ScrollContainer minWidth={800}>
            <Table striped highlightOnHover aria-busy={isFetching}>
              <Table.Caption>{t('users.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('fields.fullName')}</Table.Th>
                  <Table.Th>{t('fields.login')}</Table.Th>
                  <Table.Th>{t('fields.email')}</Table.Th>
                  <Table.Th>{t('fields.status')}</Table.Th>
                  <Table.Th>{t('users.lastSignIn')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data?.items.map((u) => (
                  <Table.Tr key={u.id}>
                    <Table.Td>
                      <AnchorLink to="/admin/users/$userId" params={{ userId: u.id }}>
                        {displayName(u)}
                      </AnchorLink>
                      {u.activationPending && (
                        <Badge ml="xs" size="sm" variant="outline" color="gray.8">
                          {t('users.activationPending')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{u.login}</Table.Td>
                    <Table.Td>{u.email}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={u.status} />
                    </Table.Td>
                    <Table.Td>{formatInstant(u.lastSignInAt, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Pagination
              total={pages}
              value={page}
              onChange={(p) => void navigate({ search: (s) => ({ ...s, page: p }) })}
              getItemProps={(p) => ({ 'aria-label': t('common.page', { page: p }) })}
              getControlProps={(c) => ({ 'aria-label': t(`common.pager.${c}`) })}
            />
          )}
        </>
      )}
    </Stack>
  );
}
