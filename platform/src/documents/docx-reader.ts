import { strFromU8, unzipSync } from 'fflate';
import { badUserInput } from '../errors.ts';
import { unescapeXml } from './office-package.ts';

/**
 * Reads the text back out of a .docx: its title, its paragraphs (outside tables) and its tables
 * as rows of cell texts, in document order. Tests use it to prove a generated document holds the
 * expected figures; it understands the word-processing markup, not only what docx-writer emits.
 */
export type DocxContent = { title: string | null; paragraphs: string[]; tables: string[][][] };

/** The visible text of a fragment: <w:t> runs, with tabs and breaks kept. */
function textOf(xml: string): string {
  let text = '';
  for (const match of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(br|cr)\b[^>]*\/>|<w:tab\/>/g)) {
    if (match[1] !== undefined) text += unescapeXml(match[1]);
    else if (match[2]) text += '\n';
    else text += '\t';
  }
  return text;
}

function paragraphsOf(xml: string): string[] {
  return [...xml.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>|<w:p(?:\s[^>]*)?\/>/g)].map((match) => textOf(match[1] ?? ''));
}

function tableOf(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g)].map((cell) => paragraphsOf(cell[1] ?? '').join('\n')),
  );
}

export function readDocx(bytes: Uint8Array): DocxContent {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw badUserInput('The file is not a .docx (zip) package');
  }
  const document = files['word/document.xml'];
  if (!document) throw badUserInput('The package has no word/document.xml');
  const core = files['docProps/core.xml'];
  const titleMatch = core ? /<dc:title>([^<]*)<\/dc:title>/.exec(strFromU8(core)) : null;
  const body = strFromU8(document);
  const paragraphs: string[] = [];
  const tables: string[][][] = [];
  // Tables are not nested in what we read; paragraphs inside them belong to their cells.
  let rest = body;
  for (;;) {
    const start = rest.search(/<w:tbl>/);
    if (start < 0) break;
    const end = rest.indexOf('</w:tbl>', start);
    if (end < 0) break;
    paragraphs.push(...paragraphsOf(rest.slice(0, start)));
    tables.push(tableOf(rest.slice(start, end)));
    rest = rest.slice(end + '</w:tbl>'.length);
  }
  paragraphs.push(...paragraphsOf(rest));
  return { title: titleMatch?.[1] !== undefined ? unescapeXml(titleMatch[1]) : null, paragraphs: paragraphs.filter((text) => text !== ''), tables };
}
