import { AppShell, Burger, Group, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { canAny, useMe, usePermissions } from '../api/session.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { adminNav, mainNav, type NavItem } from './nav.ts';
import { UserMenu } from './UserMenu.tsx';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const perms = usePermissions();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const me = useMe();
  const visible = (items: NavItem[]) =>
    items.filter(
      (i) =>
        (!i.any && !i.roles) ||
        (i.any !== undefined && canAny(perms, i.any)) ||
        (i.roles ?? []).some((r) => me?.roles.some((g) => g.role === r)),
    );
  const admin = visible(adminNav);

  const link = (item: NavItem) => {
    const active = item.to === '/' ? pathname === '/' : pathname.startsWith(item.to);
    return (
      <NavLink
        key={item.to}
        component={Link}
        to={item.to}
        label={t(item.label)}
        active={active}
        aria-current={active ? 'page' : undefined}
        onClick={close}
        className="nav-link"
      />
    );
  };

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap" gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'layout.closeMenu' : 'layout.openMenu')}
            />
            <Text component={Link} to="/" fw={700} size="sm" lineClamp={2} c="dark.9" td="none">
              {t('app.universityName')}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="xs">
            <LanguageSwitcher signedIn />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      {/* The menu scrolls on its own: with every area's entries it is taller than many screens. */}
      <AppShell.Navbar
        p="sm"
        component="nav"
        aria-label={t('layout.navigation')}
        style={{ overflowY: 'auto' }}
      >
        <Stack gap={2}>
          {visible(mainNav).map(link)}
          {admin.length > 0 && (
            <>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mt="md" mb={4} px="sm" component="h2">
                {t('nav.administration')}
              </Text>
              {admin.map(link)}
            </>
          )}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
