import { strFromU8, unzipSync } from 'fflate';
import { badUserInput } from '../errors.ts';
import { unescapeXml } from './office-package.ts';

/**
 * Reads the first sheet of an .xlsx back: its cells as text by row and column (numbers as
 * written, shared and inline strings alike), the frozen rows, the column widths and which rows
 * are bold. Tests use it to prove an export holds the expected rows and looks as promised; it
 * reads the spreadsheet markup, not only what xlsx-writer emits.
 */
export type XlsxContent = {
  sheetName: string;
  /** Row by row, each as long as its last non-empty cell; empty cells are ''. */
  rows: string[][];
  /** Rows kept in view by a frozen pane (0 without one). */
  frozenRows: number;
  /** Widths of the columns declared in <cols>, by column index (null where none is declared). */
  columnWidths: (number | null)[];
  /** 0-based indices of the rows whose every filled cell is in a bold font. */
  boldRows: number[];
};

const attribute = (tag: string, name: string): string | null => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

/** The text of <t> runs inside a string item (<si> or <is>), rich-text runs joined. */
const runsText = (xml: string): string => [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescapeXml(m[1] ?? '')).join('');

/** Column index of a cell reference: B7 → 1. */
function columnIndex(ref: string): number {
  let index = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') index = index * 26 + (ch.charCodeAt(0) - 64);
  return index - 1;
}

/** Which cell formats (by index in cellXfs) use a bold font. */
function boldStyles(styles: string | null): Set<number> {
  if (!styles) return new Set();
  const fonts = [...(/<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)?.[1] ?? '').matchAll(/<font\b[^>]*?(?:\/>|>([\s\S]*?)<\/font>)/g)].map((m) =>
    /<b\s*\/>|<b\s+val="(1|true)"/.test(m[1] ?? ''),
  );
  const xfs = [...(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf\b[^>]*>/g)].map((m) => Number(attribute(m[0], 'fontId') ?? 0));
  return new Set(xfs.flatMap((fontId, i) => (fonts[fontId] ? [i] : [])));
}

export function readXlsx(bytes: Uint8Array): XlsxContent {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw badUserInput('The file is not an .xlsx (zip) package');
  }
  const text = (path: string) => (files[path] ? strFromU8(files[path]) : null);
  const workbook = text('xl/workbook.xml');
  if (!workbook) throw badUserInput('The package has no xl/workbook.xml');
  const sheetTag = /<sheet\b[^>]*>/.exec(workbook)?.[0];
  if (!sheetTag) throw badUserInput('The workbook has no sheet');
  const relationId = attribute(sheetTag, 'r:id');
  const target = relationId ? new RegExp(`<Relationship\\b[^>]*Id="${relationId}"[^>]*>`).exec(text('xl/_rels/workbook.xml.rels') ?? '')?.[0] : undefined;
  const targetPath = target ? attribute(target, 'Target') : null;
  const sheetPath = targetPath ? (targetPath.startsWith('/') ? targetPath.slice(1) : `xl/${targetPath}`) : 'xl/worksheets/sheet1.xml';
  const sheet = text(sheetPath);
  if (!sheet) throw badUserInput(`The package has no ${sheetPath}`);

  const shared = [...(text('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runsText(m[1] ?? ''));
  const bold = boldStyles(text('xl/styles.xml'));
  const rows: string[][] = [];
  const boldRows: number[] = [];
  for (const rowMatch of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const rowIndex = Number(attribute(rowMatch[0], 'r') ?? rows.length + 1) - 1;
    const cells: string[] = [];
    let filled = 0;
    let boldFilled = 0;
    for (const cell of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const open = `<c${cell[1] ?? ''}>`;
      const ref = attribute(open, 'r');
      const index = ref ? columnIndex(ref) : cells.length;
      const type = attribute(open, 't');
      const body = cell[2] ?? '';
      const raw = /<v>([^<]*)<\/v>/.exec(body)?.[1];
      let value: string;
      if (type === 'inlineStr') value = runsText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (type === 's') value = shared[Number(raw)] ?? '';
      else value = raw === undefined ? '' : unescapeXml(raw);
      while (cells.length < index) cells.push('');
      cells[index] = value;
      if (value !== '') {
        filled += 1;
        if (bold.has(Number(attribute(open, 's') ?? 0))) boldFilled += 1;
      }
    }
    while (rows.length < rowIndex) rows.push([]);
    rows[rowIndex] = cells;
    if (filled > 0 && boldFilled === filled) boldRows.push(rowIndex);
  }
  const pane = /<pane\b[^>]*>/.exec(sheet)?.[0];
  const frozenRows = pane && attribute(pane, 'state') === 'frozen' ? Number(attribute(pane, 'ySplit') ?? 0) : 0;
  const columnWidths: (number | null)[] = [];
  for (const col of sheet.matchAll(/<col\b[^>]*>/g)) {
    const min = Number(attribute(col[0], 'min'));
    const max = Number(attribute(col[0], 'max'));
    const width = attribute(col[0], 'width');
    for (let i = min; i <= max; i += 1) {
      while (columnWidths.length < i - 1) columnWidths.push(null);
      columnWidths[i - 1] = width === null ? null : Number(width);
    }
  }
  return { sheetName: unescapeXml(attribute(sheetTag, 'name') ?? ''), rows, frozenRows, columnWidths, boldRows };
}
