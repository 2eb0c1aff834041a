import { Button, Menu } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { post, setCsrfToken } from '../api/client.ts';
import { displayName, meKey, useMe } from '../api/session.ts';

export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();

  const signOut = async () => {
    try {
      await post('/api/v1/auth/logout');
    } catch {
      // Signed out already (expired session): leave anyway.
    }
    setCsrfToken(null);
    qc.clear();
    qc.setQueryData(meKey, null);
    await navigate({ to: '/sign-in' });
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          aria-label={t('layout.userMenu', { name: me ? displayName(me) : '' })}
        >
          {me?.givenName ?? me?.login}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me ? displayName(me) : ''}</Menu.Label>
        <Menu.Item onClick={() => void navigate({ to: '/account' })}>{t('nav.account')}</Menu.Item>
        <Menu.Divider />
        <Menu.Item onClick={() => void signOut()}>{t('layout.signOut')}</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
