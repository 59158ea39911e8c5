/**
 * CSV for spreadsheets (RFC 4180 quoting, CRLF rows) in the shape Russian-locale Excel opens
 * with a double click: UTF-8 with a byte order mark (else Cyrillic turns into mojibake) and ";"
 * between fields (the list separator where the decimal separator is a comma).
 *
 * Formula injection: Excel and LibreOffice evaluate a field starting with = + - @ (and a tab or
 * carriage return before one) as a formula, so a citizen's text like `=HYPERLINK(…)` would run on
 * an official's machine. Such text fields are prefixed with an apostrophe (OWASP's advice); the
 * apostrophe is visible in the cell, the formula is not run. Numbers are written as they are.
 */
export type CsvCell = string | number | null;

export const csvMediaType = 'text/csv; charset=utf-8';
export const csvSeparator = ';';

const byteOrderMark = new Uint8Array([0xef, 0xbb, 0xbf]);
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[;"\r\n]/;

/** One field: neutralized when it could start a formula, quoted when it holds the separator, a quote or a line break. */
export function csvField(value: CsvCell): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError('csv: a number field must be finite');
    return String(value);
  }
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly CsvCell[]): string {
  return `${cells.map(csvField).join(csvSeparator)}\r\n`;
}

export type CsvWriter = {
  addRows(rows: Iterable<readonly CsvCell[]>): void;
  /** The file with its byte order mark; the writer takes no more rows. */
  finish(): Uint8Array;
};

/** Starts a file with its header line; rows are encoded as they come, so only the bytes are kept. */
export function createCsvWriter(header: readonly string[]): CsvWriter {
  const chunks: Buffer[] = [Buffer.from(byteOrderMark), Buffer.from(csvLine(header), 'utf8')];
  let finished = false;
  return {
    addRows(rows) {
      if (finished) throw new Error('csv: the file is finished');
      let text = '';
      for (const row of rows) text += csvLine(row);
      if (text) chunks.push(Buffer.from(text, 'utf8'));
    },
    finish() {
      if (finished) throw new Error('csv: the file is finished');
      finished = true;
      return new Uint8Array(Buffer.concat(chunks));
    },
  };
}
