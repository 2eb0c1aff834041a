import { Anchor, List, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAny, displayName, useMe, usePermissions } from '../api/session.ts';
import { adminNav } from '../components/nav.ts';
import { PageHeader } from '../components/PageHeader.tsx';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const perms = usePermissions();
  const admin = adminNav.filter((i) => !i.any || canAny(perms, i.any));
  return (
    <Stack>
      <PageHeader title={t('home.title')} />
      <Text>{t('home.welcome', { name: me ? displayName(me) : '' })}</Text>
      <List>
        <List.Item>
          <Anchor component={Link} to="/account">
            {t('nav.account')}
          </Anchor>
        </List.Item>
        {admin.map((i) => (
          <List.Item key={i.to}>
            <Anchor component={Link} to={i.to}>
              {t(i.label)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
