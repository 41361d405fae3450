/**
 * Chart colours, read from VS Code's theme variables (never hard-coded), and a signal when the theme changes:
 * VS Code swaps the body's `vscode-light` / `vscode-dark` / `vscode-high-contrast` class and rewrites the
 * variables on `<html style>`.
 */

export interface ThemeColors {
  foreground: string;
  /** Axis labels and legends. */
  muted: string;
  grid: string;
  /** Error bars and threshold lines. */
  emphasis: string;
  warning: string;
  /** Series colours, in the order series are given them. */
  series: string[];
  fontFamily: string;
  fontSize: number;
}

const SERIES_VARIABLES = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-yellow',
  '--vscode-charts-red',
];

function variable(style: CSSStyleDeclaration, ...names: string[]): string {
  for (const name of names) {
    const value = style.getPropertyValue(name).trim();
    if (value) return value;
  }
  return '';
}

export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  // The body's colour comes from --vscode-editor-foreground through the stylesheet: the last resort for any variable a theme leaves out.
  const text =
    variable(style, '--vscode-editor-foreground', '--vscode-foreground') || getComputedStyle(document.body).color;
  return {
    foreground: text,
    muted: variable(style, '--vscode-charts-foreground', '--vscode-descriptionForeground') || text,
    grid: variable(style, '--vscode-charts-lines', '--vscode-editorWidget-border', '--vscode-panel-border') || text,
    emphasis: variable(style, '--vscode-editor-foreground', '--vscode-foreground') || text,
    warning: variable(style, '--vscode-editorWarning-foreground', '--vscode-charts-red') || text,
    series: SERIES_VARIABLES.map((name) => variable(style, name) || text),
    fontFamily: variable(style, '--vscode-font-family') || 'sans-serif',
    fontSize: Number.parseFloat(variable(style, '--vscode-font-size')) || 13,
  };
}

/** Calls `onChange` after the theme changed; returns the function that stops watching. */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
