import { type CSSVariablesResolver, createTheme, Notification, PasswordInput } from '@mantine/core';

/**
 * Darker shades than Mantine's defaults so text on buttons, badges and links meets WCAG AA
 * contrast; and the built-in buttons Mantine draws (show password, close a notice) named
 * in the interface language, so screen readers announce them.
 */
export function makeTheme(t: (key: string) => string) {
  return createTheme({
    primaryColor: 'blue',
    primaryShade: { light: 9, dark: 8 },
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
    defaultRadius: 'sm',
    focusRing: 'always',
    components: {
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } },
      }),
      Notification: Notification.extend({
        defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
      }),
    },
  });
}

export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7]!,
    '--mantine-color-placeholder': t.colors.gray[7]!,
    '--mantine-color-anchor': t.colors.blue[9]!,
    '--mantine-color-error': t.colors.red[9]!,
  },
  dark: {},
});
