import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { meKey, meQuery } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ChangePasswordForm } from '../account/ChangePasswordForm.tsx';
import { UserMenuSignOut } from './SignOutButton.tsx';

/** Shown at first sign-in when an administrator set the password: nothing else works until it is changed. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const done = async () => {
    await qc.invalidateQueries({ queryKey: meKey });
    const me = await qc.fetchQuery(meQuery);
    await navigate({ to: me?.user.mustSetupTwoFactor ? '/two-factor-setup' : '/' });
  };
  return (
    <Stack>
      <PageHeader title={t('changePassword.forcedTitle')} />
      <Text size="sm">{t('changePassword.forcedIntro')}</Text>
      <ChangePasswordForm onDone={done} />
      <UserMenuSignOut />
    </Stack>
  );
}
