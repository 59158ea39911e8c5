import { strToU8, Zip, ZipDeflate } from 'fflate';
import { contentTypesXml, coreXml, escapeXml, packageRelsXml, xmlHead } from './office-package.ts';

/**
 * A small streaming writer of Office Open XML spreadsheets (.xlsx): one sheet, a bold and frozen
 * header row, column widths, an autofilter, and cells that are inline strings or numbers — what a
 * registry export needs, opened by Excel and LibreOffice alike. Written by hand over fflate like
 * docx-writer.ts. Rows are deflated as they are added, so a large sheet costs its compressed size
 * in memory, not its XML. Strings are never formulas here (inline strings are not evaluated), so
 * a cell starting with "=" is shown as written.
 */
export type XlsxCell = string | number | null;

export type XlsxColumn = {
  header: string;
  /** Width in characters of the default font, as Excel measures it. */
  width: number;
};

export type XlsxSheetOptions = {
  /** The sheet's tab name (at most 31 characters; []:*?/\ are not allowed by Excel and are replaced). */
  sheetName: string;
  columns: readonly XlsxColumn[];
  title: string;
  author: string;
  created: Date;
};

export type XlsxWriter = {
  /** Appends rows below what was added before; a row has one cell per column (null: empty). */
  addRows(rows: Iterable<readonly XlsxCell[]>): void;
  /** The finished file, ready to send with {@link xlsxMediaType}; the writer takes no more rows. */
  finish(): Uint8Array;
};

export const xlsxMediaType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses longer cell texts. */
const maxCellLength = 32_767;
const sheetNs =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function cellXml(value: XlsxCell, ref: string, style: number): string {
  if (value === null || value === '') return '';
  const s = style ? ` s="${style}"` : '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`xlsx: cell ${ref} is not a finite number`);
    return `<c r="${ref}"${s}><v>${value}</v></c>`;
  }
  const text = value.length > maxCellLength ? value.slice(0, maxCellLength) : value;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

function rowXml(cells: readonly XlsxCell[], rowNumber: number, style: number, letters: readonly string[]): string {
  return `<row r="${rowNumber}">${cells.map((value, i) => cellXml(value, `${letters[i] ?? columnLetters(i)}${rowNumber}`, style)).join('')}</row>`;
}

// Style 0: the default; style 1: bold (the header). Fills 0 and 1 are the two Excel requires.
const stylesXml =
  `${xmlHead}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const sheetContentTypesXml = contentTypesXml({
  '/xl/workbook.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  '/xl/styles.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
});

const workbookRelsXml =
  `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';

function workbookXml(sheetName: string, filterRange: string): string {
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  return (
    `${xmlHead}<workbook ${sheetNs}><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${escapeXml(`${quoted}!${filterRange}`)}</definedName></definedNames></workbook>`
  );
}

/** A tab name Excel accepts. */
function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

/** Starts a sheet: the header row is written at once, rows follow with {@link XlsxWriter.addRows}. */
export function createXlsxWriter(options: XlsxSheetOptions): XlsxWriter {
  if (options.columns.length === 0) throw new RangeError('xlsx: a sheet needs at least one column');
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, data) => {
    if (error) failure = error;
    else chunks.push(data);
  });
  const add = (path: string, content: string) => {
    const file = new ZipDeflate(path, { level: 6 });
    file.mtime = options.created;
    zip.add(file);
    file.push(strToU8(content), true);
  };
  const letters = options.columns.map((_, i) => columnLetters(i));
  const lastColumn = letters.at(-1) ?? 'A';
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  sheet.mtime = options.created;
  zip.add(sheet);
  const cols = options.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, Math.min(255, c.width))}" customWidth="1"/>`).join('');
  // The frozen pane keeps the header row in view while scrolling.
  const pane =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';
  sheet.push(
    strToU8(
      `${xmlHead}<worksheet ${sheetNs}>${pane}<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${rowXml(
        options.columns.map((c) => c.header),
        1,
        1,
        letters,
      )}`,
    ),
  );
  let rowNumber = 1;
  let finished = false;

  return {
    addRows(rows) {
      if (finished) throw new Error('xlsx: the sheet is finished');
      let xml = '';
      for (const row of rows) {
        rowNumber += 1;
        xml += rowXml(row, rowNumber, 0, letters);
      }
      if (xml) sheet.push(strToU8(xml));
    },
    finish() {
      if (finished) throw new Error('xlsx: the sheet is finished');
      finished = true;
      const filterRange = `$A$1:$${lastColumn}$${rowNumber}`;
      sheet.push(strToU8(`</sheetData><autoFilter ref="A1:${lastColumn}${rowNumber}"/></worksheet>`), true);
      const name = safeSheetName(options.sheetName);
      add('[Content_Types].xml', sheetContentTypesXml);
      add('_rels/.rels', packageRelsXml('xl/workbook.xml'));
      add('docProps/core.xml', coreXml(options));
      add('xl/workbook.xml', workbookXml(name, filterRange));
      add('xl/_rels/workbook.xml.rels', workbookRelsXml);
      add('xl/styles.xml', stylesXml);
      zip.end();
      if (failure) throw failure;
      return concat(chunks);
    },
  };
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
