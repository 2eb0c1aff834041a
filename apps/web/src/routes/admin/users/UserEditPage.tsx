import { Alert, Anchor, Code, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateUserAnswer, User } from '#core/wire/users.ts';
import { apiWithEtag } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { AnchorLink } from '../../../components/AnchorLink.tsx';
import { formatInstant } from '../../../components/format.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryError } from '../../../components/QueryError.tsx';
import { RequirePermission } from '../../../components/RequirePermission.tsx';
import { UserDanger } from './UserDanger.tsx';
import { UserForm } from './UserForm.tsx';
import { UserRoles } from './UserRoles.tsx';

export function UserEditPage({ userId }: { userId: string | null }) {
  return (
    <RequirePermission any={userId ? ['users.read'] : ['users.manage']}>
      {userId ? <EditUser id={userId} /> : <NewUser />}
    </RequirePermission>
  );
}

function BackLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/admin/users" size="sm">
      {t('users.back')}
    </Anchor>
  );
}

function NewUser() {
  const { t, i18n } = useTranslation();
  const [created, setCreated] = useState<CreateUserAnswer | null>(null);
  return (
    <Stack maw={720}>
      <BackLink />
      <PageHeader title={t('users.newTitle')} />
      {created ? (
        <Alert
          color="teal.9"
          variant="outline"
          role="status"
          title={t('users.created', { name: displayName(created.user) })}
        >
          <Stack gap="xs">
            {created.activationCode ? (
              <>
                <Text size="sm">
                  {t('users.activationCodeOnce', {
                    date: formatInstant(created.activationExpiresAt, i18n.language),
                  })}
                </Text>
                <Text size="sm">
                  {t('fields.login')}: <Code fz="md">{created.user.login}</Code> · {t('activate.code')}:{' '}
                  <Code fz="md" data-testid="activation-code">
                    {created.activationCode}
                  </Code>
                </Text>
              </>
            ) : (
              <Text size="sm">{t('users.passwordSet')}</Text>
            )}
            <AnchorLink to="/admin/users/$userId" params={{ userId: created.user.id }}>
              {t('users.openCreated')}
            </AnchorLink>
          </Stack>
        </Alert>
      ) : (
        <UserForm user={null} etag={null} onSaved={(answer) => setCreated(answer as CreateUserAnswer)} />
      )}
    </Stack>
  );
}

function EditUser({ id }: { id: string }) {
  const { t } = useTranslation();
  const perms = usePermissions();
  const { data, error, refetch } = useQuery({
    queryKey: ['users', 'one', id],
    queryFn: () => apiWithEtag<User>(`/api/v1/users/${id}`),
  });
  if (error) return <QueryError error={error} />;
  if (!data) return null;
  const user = data.data;
  return (
    <Stack maw={900}>
      <BackLink />
      <PageHeader title={displayName(user)} />
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {t('users.details')}
        </Title>
        <UserForm
          user={user}
          etag={data.etag}
          readOnly={!perms.has('users.manage')}
          onSaved={() => void refetch()}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {t('users.roles')}
        </Title>
        <UserRoles user={user} onChange={() => void refetch()} />
      </Paper>
      {(perms.has('users.manage') || perms.has('users.endSessions')) && (
        <Paper withBorder p="md">
          <Title order={2} size="h3" mb="sm">
            {t('users.access')}
          </Title>
          <UserDanger user={user} onChange={() => void refetch()} />
        </Paper>
      )}
    </Stack>
  );
}
