// A Markdown table read as text: "| Рік | Бюджет |" over "|---|---|" over "| 2024 | 5 млн |"
// is quoted "Рік: 2024; Бюджет: 5 млн", not with its pipes and dashes.

// A cell boundary: a pipe not escaped as "\|" (which is a pipe in the cell's text).
const PIPE = /(?<!\\)\|/;
// The separator row under the header: cells of dashes, maybe aligned with colons (":--", "--:").
const DELIMITER_CELL = /^:?-+:?$/;

/**
 * The cells of a table row ("| a | b |" or "a | b"), trimmed, or null for a line with no
 * pipe or a blank one (no row: the table ends there).
 */
export function tableCells(line: string): string[] | null {
  const text = line.trim();
  if (!PIPE.test(text)) return null;
  // The outer pipes only close the row; "| a | |" still has an empty last cell.
  const inner = text.replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return inner.split(PIPE).map((cell) => cell.trim().replaceAll("\\|", "|"));
}

/**
 * Whether `line` is the separator row under a header of `columns` cells: only then are the
 * lines a table (a lone "a | b" in prose, or a header row with no separator, stays prose).
 */
export function isDelimiterRow(line: string, columns: number): boolean {
  const cells = tableCells(line);
  return cells !== null && cells.length === columns && cells.every((cell) => DELIMITER_CELL.test(cell));
}

// Longest header, in characters, whose cells are repeated in each row as their columns' names:
// "Рік", "Бюджет, млн грн" are names; a longer header is text, and repeated in each of a
// table's thousands of rows it would make an article many times its size.
const MAX_COLUMN_NAMES = 80;

/**
 * The header's cells as the names of their columns ("Рік:" is "Рік", a row reads "Рік: 2024"),
 * or none ([]) when they are longer than MAX_COLUMN_NAMES together.
 */
export function columnNames(header: readonly string[]): string[] {
  if (header.reduce((length, cell) => length + cell.length, 0) > MAX_COLUMN_NAMES) return [];
  return header.map((cell) => cell.replace(/[:\s]+$/, ""));
}

/**
 * One row as a line of text, each cell named by its column (see `columnNames`): "Рік: 2024; Бюджет: 5 млн".
 * The header's words go with each row, and not " · " between bare cells ("2024 · 5 млн"), because
 * each row is a sentence of its own (ICU ends one at a line's end) and a quote of one row is all
 * the reader sees of the table: the numbers need their names there. An empty cell is left out;
 * a cell under an empty header (a row's name: "| Київ | 5 млн |") or past the last one is
 * shown bare. A row of empty cells is no text ("").
 */
export function rowText(header: readonly string[], cells: readonly string[]): string {
  return cells
    .flatMap((cell, i) => {
      if (!cell) return [];
      const name = header[i];
      return [name ? `${name}: ${cell}` : cell];
    })
    .join("; ");
}
