// Matches ANSI colour sequences, so that column widths count visible characters only.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** Length of `text` as the terminal shows it (ANSI colour sequences count zero). */
export function visibleLength(text: string): number {
  return text.replace(ANSI, '').length;
}

/** Renders rows as left-aligned columns with a header, two spaces apart; the last column is not padded. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], styleHeader: (text: string) => string = (t) => t): string {
  const widths = header.map((title, column) => Math.max(visibleLength(title), ...rows.map((row) => visibleLength(row[column] ?? ''))));
  const line = (cells: readonly string[], style: (text: string) => string = (t) => t): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? style(cell) : style(cell) + ' '.repeat(widths[column]! - visibleLength(cell))))
      .join('  ')
      .trimEnd();
  return [line(header, styleHeader), ...rows.map((row) => line(row))].join('\n') + '\n';
}

/** `1.2 GB`, `815 MB`, `—` for unknown. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
