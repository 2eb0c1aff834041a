import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { meKey } from '../../api/session.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { TotpSetup } from '../account/TotpSetup.tsx';
import { UserMenuSignOut } from './SignOutButton.tsx';

/** A role of this user requires two-factor sign-in: it must be turned on before anything else. */
export function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  return (
    <Stack>
      <PageHeader title={t('totp.requiredTitle')} />
      <Text size="sm">{t('totp.requiredIntro')}</Text>
      <TotpSetup
        onDone={async () => {
          await qc.invalidateQueries({ queryKey: meKey });
          await navigate({ to: '/' });
        }}
      />
      <UserMenuSignOut />
    </Stack>
  );
}
