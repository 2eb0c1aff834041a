import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { permissions } from '#core/permissions.ts';
import type { ApiToken, CreatedApiToken } from '#core/wire/auth.ts';
import { del, fieldErrors, get, post } from '../../api/client.ts';
import { usePermissions } from '../../api/session.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { FormAlert } from '../../components/FormAlert.tsx';
import { formatDay } from '../../components/format.ts';
import { permissionLabel } from '../../components/labels.ts';

const key = ['me', 'tokens'] as const;

export function ApiTokens() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const held = usePermissions();
  const offered = permissions.filter((p) => held.has(p));
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const { data, error: loadError } = useQuery({
    queryKey: key,
    queryFn: () => get<{ items: ApiToken[] }>('/api/v1/me/tokens'),
  });
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[], expiresInDays: 90 as number | string },
    validate: {
      name: (v) => (v.trim() ? null : t('validation.required')),
      scopes: (v) => (v.length > 0 ? null : t('tokens.scopesRequired')),
      expiresInDays: (v) => (Number(v) >= 1 && Number(v) <= 365 ? null : t('tokens.expiryRange')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await post<CreatedApiToken>('/api/v1/me/tokens', {
        name: v.name.trim(),
        scopes: v.scopes,
        expiresInDays: Number(v.expiresInDays),
      });
      setCreated(answer);
      form.reset();
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      form.setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  });

  const revoke = async (token: ApiToken) => {
    await del(`/api/v1/me/tokens/${token.id}`);
    await qc.invalidateQueries({ queryKey: key });
  };

  return (
    <Stack gap="lg">
      <Text size="sm">{t('tokens.intro')}</Text>
      {created && (
        <Alert
          color="teal.9"
          variant="outline"
          role="status"
          title={t('tokens.createdTitle', { name: created.name })}
        >
          <Stack gap="xs">
            <Text size="sm">{t('tokens.shownOnce')}</Text>
            <Code block fz="sm">
              {created.token}
            </Code>
            <Group>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button variant="default" size="xs" onClick={copy}>
                    {copied ? t('common.copied') : t('common.copy')}
                  </Button>
                )}
              </CopyButton>
              <Button variant="subtle" size="xs" onClick={() => setCreated(null)}>
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {t('tokens.create')}
        </Title>
        {offered.length === 0 ? (
          <Text size="sm">{t('tokens.noPermissions')}</Text>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack maw={520}>
              <FormAlert error={error} />
              <TextInput label={t('tokens.name')} required {...form.getInputProps('name')} />
              <Checkbox.Group label={t('tokens.scopes')} required {...form.getInputProps('scopes')}>
                <Stack gap={6} mt="xs">
                  {offered.map((p) => (
                    <Checkbox key={p} value={p} label={permissionLabel(t, p)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <NumberInput
                label={t('tokens.expiresInDays')}
                min={1}
                max={365}
                required
                {...form.getInputProps('expiresInDays')}
              />
              <Group>
                <Button type="submit" loading={busy}>
                  {t('tokens.createSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {t('tokens.list')}
        </Title>
        <FormAlert error={loadError} />
        {data && data.items.length === 0 && <Text size="sm">{t('tokens.none')}</Text>}
        {data && data.items.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.name')}</Table.Th>
                  <Table.Th>{t('tokens.scopes')}</Table.Th>
                  <Table.Th>{t('tokens.expires')}</Table.Th>
                  <Table.Th>{t('tokens.lastUsed')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((tok) => (
                  <Table.Tr key={tok.id}>
                    <Table.Td>{tok.name}</Table.Td>
                    <Table.Td>{tok.scopes.map((s) => permissionLabel(t, s)).join(', ')}</Table.Td>
                    <Table.Td>{formatDay(tok.expiresAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {tok.lastUsedAt ? formatDay(tok.lastUsedAt, i18n.language) : t('tokens.never')}
                    </Table.Td>
                    <Table.Td>
                      <ConfirmButton
                        size="xs"
                        color="red.9"
                        variant="outline"
                        aria-label={t('tokens.revokeNamed', { name: tok.name })}
                        title={t('tokens.revokeTitle')}
                        message={<Text size="sm">{t('tokens.revokeConfirm', { name: tok.name })}</Text>}
                        confirmLabel={t('tokens.revoke')}
                        danger
                        onConfirm={() => revoke(tok)}
                      >
                        {t('tokens.revoke')}
                      </ConfirmButton>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
