import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { queryClient } from './api/query.ts';
import { i18nReady } from './i18n/index.ts';
import { router } from './router.tsx';
import { cssVariablesResolver, makeTheme } from './theme.ts';

function App() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  // Rebuilt when the language changes, so Mantine's own buttons are named in it.
  const theme = useMemo(() => makeTheme((key) => i18n.t(key, { lng: language })), [i18n, language]);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

// The interface language's messages come first, so no page ever shows message keys.
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
