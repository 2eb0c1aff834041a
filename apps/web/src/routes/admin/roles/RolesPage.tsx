import { Badge, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '#core/wire/users.ts';
import { rolesQuery } from '../../../api/catalog.ts';
import { put } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName, permissionLabel, scopeTypeLabel } from '../../../components/labels.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';

export function RolesPage() {
  return (
    <RequirePermission any={['roles.read']}>
      <Roles />
    </RequirePermission>
  );
}

function Roles() {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const qc = useQueryClient();
  const { data, error } = useQuery(rolesQuery);
  const [saveError, setSaveError] = useState<unknown>(null);
  const canToggle = perms.has('roles.manageSecurity');

  const toggle = async (role: Role, required: boolean) => {
    setSaveError(null);
    try {
      await put(`/api/v1/roles/${encodeURIComponent(role.code)}/two-factor`, { required });
      await qc.invalidateQueries({ queryKey: rolesQuery.queryKey });
    } catch (err) {
      setSaveError(err);
    }
  };

  return (
    <Stack>
      <PageHeader title={t('roles.title')} />
      <Text size="sm">{t('roles.intro')}</Text>
      <FormAlert error={saveError} />
      {error ? (
        <QueryError error={error} inline />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('roles.role')}</Table.Th>
                <Table.Th>{t('roles.permissions')}</Table.Th>
                <Table.Th>{t('roles.scopeTypes')}</Table.Th>
                <Table.Th>{t('roles.requiresTwoFactor')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data?.items.map((r) => {
                const name = localizedName(i18n.language, r.name);
                return (
                  <Table.Tr key={r.code}>
                    <Table.Td>
                      <Text fw={700} size="sm">
                        {name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {r.permissions.length === 0 ? (
                        <Text size="sm" c="dimmed">
                          {t('roles.noPermissions')}
                        </Text>
                      ) : (
                        <Group gap={4}>
                          {r.permissions.map((p) => (
                            <Badge key={p} variant="outline" color="gray.8" size="sm" tt="none">
                              {permissionLabel(t, p)}
                            </Badge>
                          ))}
                        </Group>
                      )}
                    </Table.Td>
                    <Table.Td>{r.scopeTypes.map((s) => scopeTypeLabel(t, s)).join(', ')}</Table.Td>
                    <Table.Td>
                      <Switch
                        checked={r.requiresTwoFactor}
                        disabled={!canToggle}
                        onChange={(e) => void toggle(r, e.currentTarget.checked)}
                        label={t('roles.requiresTwoFactorFor', { role: name })}
                        styles={{
                          label: {
                            position: 'absolute',
                            width: 1,
                            height: 1,
                            overflow: 'hidden',
                            clip: 'rect(0 0 0 0)',
                          },
                        }}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
