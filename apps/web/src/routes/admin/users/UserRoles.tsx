import { Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { User } from '#core/wire/users.ts';
import { rolesQuery } from '../../../api/catalog.ts';
import { del, fieldErrors, post } from '../../../api/client.ts';
import { usePermissions } from '../../../api/session.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';
import { localizedName, scopeTypeLabel } from '../../../components/labels.ts';
import { ScopePicker, useScopeName } from '../../../components/ScopePicker.tsx';

export function UserRoles({ user, onChange }: { user: User; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const perms = usePermissions();
  const canAssign = perms.has('roles.assign');
  const roles = useQuery({ ...rolesQuery, enabled: perms.has('roles.read') || canAssign });
  const scopeName = useScopeName();
  const roleName = (code: string) => {
    const r = roles.data?.items.find((x) => x.code === code);
    return r ? localizedName(i18n.language, r.name) : code;
  };

  return (
    <Stack>
      {user.roles.length === 0 ? (
        <Text size="sm">{t('users.noRoles')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('roles.role')}</Table.Th>
              <Table.Th>{t('roles.scopeType')}</Table.Th>
              <Table.Th>{t('roles.scope')}</Table.Th>
              {canAssign && <Table.Th>{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {user.roles.map((r) => (
              <Table.Tr key={r.assignmentId}>
                <Table.Td>{roleName(r.role)}</Table.Td>
                <Table.Td>{scopeTypeLabel(t, r.scopeType)}</Table.Td>
                <Table.Td>{scopeName(r.scopeType, r.scopeId)}</Table.Td>
                {canAssign && (
                  <Table.Td>
                    <ConfirmButton
                      size="xs"
                      variant="outline"
                      color="red.9"
                      aria-label={t('roles.revokeNamed', { role: roleName(r.role) })}
                      title={t('roles.revokeTitle')}
                      message={
                        <Text size="sm">
                          {t('roles.revokeConfirm', {
                            role: roleName(r.role),
                            scope: scopeName(r.scopeType, r.scopeId),
                          })}
                        </Text>
                      }
                      confirmLabel={t('roles.revoke')}
                      danger
                      onConfirm={async () => {
                        await del(`/api/v1/users/${user.id}/roles/${r.assignmentId}`);
                        onChange();
                      }}
                    >
                      {t('roles.revoke')}
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canAssign && roles.data && user.status !== 'pseudonymized' && (
        <GrantRole user={user} onChange={onChange} />
      )}
    </Stack>
  );
}

function GrantRole({ user, onChange }: { user: User; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { data } = useQuery(rolesQuery);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { role: '', scopeType: '', scopeId: '' },
    validate: {
      role: (v) => (v ? null : t('validation.required')),
      scopeType: (v) => (v ? null : t('validation.required')),
      scopeId: (v, values) => (values.scopeType === 'system' || v ? null : t('validation.required')),
    },
  });
  const role = data?.items.find((r) => r.code === form.values.role);
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/users/${user.id}/roles`, {
        role: v.role,
        scopeType: v.scopeType,
        scopeId: v.scopeType === 'system' ? null : v.scopeId,
      });
      form.reset();
      await qc.invalidateQueries({ queryKey: ['users'] });
      onChange();
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Title order={3} size="h4" mb="xs">
        {t('roles.grant')}
      </Title>
      <Stack maw={480}>
        <FormAlert error={error} />
        <Select
          label={t('roles.role')}
          searchable
          required
          data={(data?.items ?? []).map((r) => ({
            value: r.code,
            label: localizedName(i18n.language, r.name),
          }))}
          {...form.getInputProps('role')}
          onChange={(v) => {
            const next = data?.items.find((r) => r.code === v);
            form.setValues({
              role: v ?? '',
              scopeType: next?.scopeTypes.length === 1 ? next.scopeTypes[0]! : '',
              scopeId: '',
            });
          }}
          nothingFoundMessage={t('common.nothingFound')}
        />
        {role && (
          <Select
            label={t('roles.scopeType')}
            required
            data={role.scopeTypes.map((s) => ({ value: s, label: scopeTypeLabel(t, s) }))}
            {...form.getInputProps('scopeType')}
            onChange={(v) => form.setValues({ scopeType: v ?? '', scopeId: '' })}
          />
        )}
        {form.values.scopeType && (
          <ScopePicker
            scopeType={form.values.scopeType}
            value={form.values.scopeId}
            onChange={(v) => form.setFieldValue('scopeId', v)}
            error={form.errors.scopeId as string | undefined}
          />
        )}
        <Group>
          <Button type="submit" loading={busy}>
            {t('roles.grantSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
