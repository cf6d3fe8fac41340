/** A table cell: its text, and a function that decorates the padded text (with colour, say). */
export type Cell = string | { text: string; paint: (padded: string) => string };

/**
 * Formats rows as columns separated by two spaces, each as wide as its widest cell, with no
 * trailing spaces. Decoration is applied after padding, so escape codes do not shift the columns.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => textOf(row[column]).length)));

  const lines = [header, ...rows].map((row) => {
    const cells = row.map((cell, column) => {
      const isLast = column === row.length - 1;
      const padded = isLast ? textOf(cell) : textOf(cell).padEnd(widths[column] ?? 0);
      return typeof cell === 'string' ? padded : cell.paint(padded);
    });
    return cells.join('  ').trimEnd();
  });

  return lines.map((line) => `${line}\n`).join('');
}

function textOf(cell: Cell | undefined): string {
  if (cell === undefined) {
    return '';
  }

  return typeof cell === 'string' ? cell : cell.text;
}
