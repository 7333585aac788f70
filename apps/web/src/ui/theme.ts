import { createTheme, type CSSVariablesResolver } from '@mantine/core';

/** Shade 8 keeps white text on filled buttons above the WCAG AA contrast ratio. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  // Filled badges and buttons of the light colours (green, teal, yellow, orange…) under white text are 2-3.5:1:
  // text turns black on any colour lighter than this luminance, where white would fall under 4.5:1 (WCAG AA).
  autoContrast: true,
  luminanceThreshold: 0.179,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  focusRing: 'auto',
  defaultRadius: 'md',
  components: {
    // a dialog's <header> would be a second "banner" landmark beside the page's own header
    // the focus placeholder Mantine puts in menus is a focusable role="presentation" element (axe)
    // (plain objects, not Menu.extend(): that would put the menu and modal code in every page's first chunk)
    Menu: { defaultProps: { withInitialFocusPlaceholder: false } },
    Modal: { defaultProps: { attributes: { header: { role: 'none' } } } },
  },
});

/**
 * The text of "light" badges and alerts (Mantine: shade 9 on shade 1) where that is under 4.5:1: shade 9 darkened
 * just enough (green 3.8:1, lime 3.3:1, yellow 2.7:1… → about 5:1). The other colours pass as they are.
 */
const LIGHT_VARIANT_TEXT: Record<string, string> = {
  red: '#bf2828',
  cyan: '#0a6c7e',
  teal: '#077252',
  green: '#257535',
  lime: '#4a760a',
  yellow: '#a15300',
  orange: '#ae3a0c',
};

/** Darker "dimmed", link, error and placeholder colours than Mantine's defaults, for contrast on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...Object.fromEntries(
      Object.entries(LIGHT_VARIANT_TEXT).map(([color, text]) => [`--mantine-color-${color}-light-color`, text]),
    ),
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-6)',
    // the active navigation link's text on its tinted background
    '--mantine-primary-color-light-color': 'var(--mantine-color-blue-9)',
    '--mantine-color-blue-light-color': 'var(--mantine-color-blue-9)',
    // and when hovered: blue-2 under blue-9 text is only 4.0:1
    '--mantine-primary-color-light-hover': 'var(--mantine-color-blue-1)',
    '--mantine-color-blue-light-hover': 'var(--mantine-color-blue-1)',
  },
  dark: {},
});
