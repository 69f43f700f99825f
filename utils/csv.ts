/**
 * A CSV writer (RFC 4180) for files people open in a spreadsheet: fields with the delimiter, a
 * quote or a line break are quoted (quotes doubled), rows end with CRLF, and the file starts
 * with a UTF-8 byte order mark so Excel reads it as UTF-8 ("Müller", "→" stay intact). Text
 * that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return,
 * after optional spaces) is neutralised with a leading apostrophe: a page title such as
 * `=HYPERLINK("http://evil","x")` shows as text, never as a live formula (OWASP "CSV
 * injection"). Numbers are written as they are (a negative number stays a number).
 */

export type CsvCell = string | number | null | undefined;

/** The byte order mark Excel needs to read a CSV file as UTF-8. */
export const BOM = '\uFEFF';
export const CRLF = '\r\n';

/** The delimiters a spreadsheet expects: ',' where the decimal mark is '.', ';' where it is ','. */
export type CsvDelimiter = ',' | ';';

/** Text a spreadsheet would read as a formula, or as a command after a control character. */
const FORMULA = /^[ \u00A0]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

/** A string cell made safe for spreadsheets: formulas become text with a leading apostrophe. */
export function neutralise(text: string): string {
  return FORMULA.test(text) ? `'${text}` : text;
}

/** One field as written: numbers as numbers, text neutralised and quoted when it has to be. */
export function csvField(cell: CsvCell, delimiter: CsvDelimiter = ','): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = neutralise(cell);
  const mustQuote = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, without its line end. */
export function csvRow(cells: readonly CsvCell[], delimiter: CsvDelimiter = ','): string {
  return cells.map((cell) => csvField(cell, delimiter)).join(delimiter);
}

/** A whole file: BOM, the rows each ending in CRLF. */
export function toCsv(rows: readonly (readonly CsvCell[])[], delimiter: CsvDelimiter = ','): string {
  return BOM + rows.map((row) => csvRow(row, delimiter) + CRLF).join('');
}

/**
 * The delimiter a spreadsheet in this locale splits on when the file is opened directly: Excel
 * uses the system's list separator, which is ';' wherever ',' is the decimal mark (de, fr…).
 */
export function csvDelimiterFor(locale: string): CsvDelimiter {
  try {
    const decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((part) => part.type === 'decimal')?.value;
    return decimal === ',' ? ';' : ',';
  } catch {
    return ',';
  }
}
