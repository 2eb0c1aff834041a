import { type CSSVariablesResolver, createTheme } from '@mantine/core';

/** Darker shades than Mantine's defaults so text on buttons, badges and links meets WCAG AA contrast. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 9, dark: 8 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif',
  defaultRadius: 'sm',
  focusRing: 'always',
});

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
