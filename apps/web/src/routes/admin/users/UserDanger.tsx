import { Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeletionPreview, User } from '#core/wire/users.ts';
import { del, get } from '../../../api/client.ts';
import { displayName, usePermissions } from '../../../api/session.ts';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { FormAlert } from '../../../components/FormAlert.tsx';

/** Ending a user's sessions, and deleting them — saying first whether that removes or deactivates. */
export function UserDanger({ user, onChange }: { user: User; onChange: () => void }) {
  const { t } = useTranslation();
  const perms = usePermissions();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [pseudonymize, setPseudonymize] = useState(false);
  const canDelete = perms.has('users.manage') && user.status !== 'pseudonymized';
  const preview = useQuery({
    queryKey: ['users', 'deletion-preview', user.id],
    queryFn: () => get<DeletionPreview>(`/api/v1/users/${user.id}/deletion-preview`),
    enabled: canDelete,
  });

  const outcomeText = (p: DeletionPreview) =>
    p.outcome === 'removed'
      ? t('users.delete.willRemove')
      : pseudonymize
        ? t('users.delete.willPseudonymize')
        : t('users.delete.willDeactivate');

  return (
    <Stack>
      {perms.has('users.endSessions') && (
        <Group>
          <ConfirmButton
            variant="outline"
            title={t('users.endSessions')}
            message={<Text size="sm">{t('users.endSessionsConfirm', { name: displayName(user) })}</Text>}
            confirmLabel={t('users.endSessions')}
            onConfirm={async () => {
              await del(`/api/v1/users/${user.id}/sessions`);
              notifications.show({ message: t('users.sessionsEnded'), color: 'teal.9' });
            }}
          >
            {t('users.endSessions')}
          </ConfirmButton>
        </Group>
      )}
      {canDelete && preview.error && <FormAlert error={preview.error} />}
      {canDelete && preview.data && (
        <Stack gap="xs">
          <Text size="sm" data-testid="deletion-preview">
            {outcomeText(preview.data)}
          </Text>
          {preview.data.reasons.length > 0 && (
            <List size="sm">
              {preview.data.reasons.map((r) => (
                <List.Item key={r}>{t(`users.delete.reason.${r}`, { defaultValue: r })}</List.Item>
              ))}
            </List>
          )}
          {preview.data.outcome === 'deactivated' && (
            <Checkbox
              label={t('users.delete.pseudonymize')}
              description={t('users.delete.pseudonymizeHelp')}
              checked={pseudonymize}
              onChange={(e) => setPseudonymize(e.currentTarget.checked)}
            />
          )}
          <Group>
            <ConfirmButton
              color="red.9"
              title={t('users.delete.title', { name: displayName(user) })}
              message={<Text size="sm">{outcomeText(preview.data)}</Text>}
              confirmLabel={t('users.delete.confirm')}
              danger
              onConfirm={async () => {
                const answer = await del<{ outcome: string }>(
                  `/api/v1/users/${user.id}${pseudonymize ? '?pseudonymize=true' : ''}`,
                );
                await qc.invalidateQueries({ queryKey: ['users'] });
                notifications.show({
                  message: t(`users.delete.done.${answer?.outcome ?? 'removed'}`),
                  color: 'teal.9',
                });
                if (answer?.outcome === 'removed') await navigate({ to: '/admin/users' });
                else onChange();
              }}
            >
              {t('users.delete.button')}
            </ConfirmButton>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
