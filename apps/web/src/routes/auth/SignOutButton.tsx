import { Button } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { post, setCsrfToken } from '../../api/client.ts';
import { meKey } from '../../api/session.ts';

/** Sign out from the pages that come before the application (forced password change, 2FA setup). */
export function UserMenuSignOut() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <Button
      variant="subtle"
      onClick={async () => {
        await post('/api/v1/auth/logout').catch(() => undefined);
        setCsrfToken(null);
        qc.clear();
        qc.setQueryData(meKey, null);
        await navigate({ to: '/sign-in' });
      }}
    >
      {t('layout.signOut')}
    </Button>
  );
}
