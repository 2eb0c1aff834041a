import { Paper, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ApiTokens } from './ApiTokens.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { Sessions } from './Sessions.tsx';
import { TwoFactorSection } from './TwoFactorSection.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={800}>
      <PageHeader title={t('account.title')} />
      <Tabs defaultValue="profile" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="profile">{t('account.profile')}</Tabs.Tab>
          <Tabs.Tab value="security">{t('account.security')}</Tabs.Tab>
          <Tabs.Tab value="tokens">{t('account.tokens')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="profile">
          <ProfileForm />
        </Tabs.Panel>
        <Tabs.Panel value="security">
          <Stack gap="lg">
            <Paper withBorder p="md">
              <Title order={2} size="h3" mb="sm">
                {t('account.changePassword')}
              </Title>
              <ChangePasswordForm />
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h3" mb="sm">
                {t('account.twoFactor')}
              </Title>
              <TwoFactorSection />
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h3" mb="sm">
                {t('account.sessions')}
              </Title>
              <Sessions />
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <ApiTokens />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
