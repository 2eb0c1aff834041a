import { Box, Container, Group, Paper, Text } from '@mantine/core';
import { Outlet } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/session.ts';
import { LanguageSwitcher } from './LanguageSwitcher.tsx';

/** Sign-in and the other pages before the application: a narrow card, the language switcher on top. */
export function PublicLayout() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <Box bg="gray.0" mih="100vh">
      <a className="skip-link" href="#main">
        {t('layout.skipToContent')}
      </a>
      <header>
        <Container size="sm" py="md">
          <Group justify="space-between" wrap="nowrap" align="center">
            <Text fw={700} size="sm">
              {t('app.universityName')}
            </Text>
            <LanguageSwitcher signedIn={Boolean(me)} />
          </Group>
        </Container>
      </header>
      <Container size="xs" pb="xl">
        <Paper component="main" id="main" tabIndex={-1} withBorder shadow="sm" p="xl" radius="md">
          <Outlet />
        </Paper>
      </Container>
    </Box>
  );
}
