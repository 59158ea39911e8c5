import { strToU8, zipSync } from 'fflate';
import { contentTypesXml, coreXml, escapeXml, packageRelsXml, xmlHead } from './office-package.ts';

/**
 * A small writer of Office Open XML word-processing documents (.docx): titles, headings,
 * paragraphs and bordered tables — what an official report or a slip needs, opened by Word and
 * LibreOffice alike. Written by hand over fflate rather than with the `docx` package, which pulls
 * a second, newer @types/node into the runtime dependencies.
 */
export type DocxBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string; level: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean; align?: 'left' | 'center' | 'right' }
  | { kind: 'table'; header: readonly string[]; rows: readonly (readonly string[])[] };

export type DocxDocument = {
  title: string;
  author: string;
  created: Date;
  /** BCP 47 tag of the text, for spelling and hyphenation (e.g. ru-RU, kk-KZ). */
  language: string;
  blocks: readonly DocxBlock[];
};

export const docxMediaType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const wordNs =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function run(text: string, bold: boolean): string {
  const properties = bold ? '<w:rPr><w:b/></w:rPr>' : '';
  // Line breaks inside one paragraph become <w:br/> so multi-line values keep their shape.
  const pieces = text.split(/\r?\n/).map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`);
  return `<w:r>${properties}${pieces.join('<w:br/>')}</w:r>`;
}

function paragraph(text: string, options: { style?: string; bold?: boolean; align?: string } = {}): string {
  const properties = [
    options.style ? `<w:pStyle w:val="${options.style}"/>` : '',
    options.align && options.align !== 'left' ? `<w:jc w:val="${options.align}"/>` : '',
  ].join('');
  return `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${run(text, options.bold ?? false)}</w:p>`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string, bold: boolean) => `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${paragraph(text, { bold })}</w:tc>`;
  const headerRow = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${header.map((text) => cell(text, true)).join('')}</w:tr>`;
  const bodyRows = rows.map((row) => `<w:tr>${row.map((text) => cell(text, false)).join('')}</w:tr>`).join('');
  const grid = `<w:tblGrid>${header.map(() => '<w:gridCol/>').join('')}</w:tblGrid>`;
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>${grid}${headerRow}${bodyRows}</w:tbl>`;
}

function block(item: DocxBlock): string {
  switch (item.kind) {
    case 'title':
      return paragraph(item.text, { style: 'Title', align: 'center' });
    case 'heading':
      return paragraph(item.text, { style: `Heading${item.level}` });
    case 'paragraph':
      return paragraph(item.text, { bold: item.bold, align: item.align });
    case 'table':
      // A paragraph after each table keeps two adjacent tables from merging into one.
      return table(item.header, item.rows) + '<w:p/>';
  }
}

function documentXml(blocks: readonly DocxBlock[]): string {
  const section =
    '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';
  return `${xmlHead}<w:document ${wordNs}><w:body>${blocks.map(block).join('')}${section}</w:body></w:document>`;
}

function stylesXml(language: string): string {
  const lang = escapeXml(language);
  const heading = (id: string, name: string, size: number) =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/></w:pPr><w:rPr><w:b/><w:sz w:val="${size}"/></w:rPr></w:style>`;
  return (
    `${xmlHead}<w:styles ${wordNs}>` +
    `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="24"/><w:lang w:val="${lang}"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    heading('Title', 'Title', 32) +
    heading('Heading1', 'heading 1', 28) +
    heading('Heading2', 'heading 2', 24) +
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>' +
    ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('') +
    '</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '</w:styles>'
  );
}

const wordContentTypesXml = contentTypesXml({
  '/word/document.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
  '/word/styles.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml',
});

const documentRelsXml =
  `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';

/** The .docx file of `document`, ready to send with {@link docxMediaType}. */
export function writeDocx(document: DocxDocument): Uint8Array {
  const mtime = document.created;
  return zipSync(
    {
      '[Content_Types].xml': [strToU8(wordContentTypesXml), { mtime }],
      '_rels/.rels': [strToU8(packageRelsXml('word/document.xml')), { mtime }],
      'docProps/core.xml': [strToU8(coreXml(document)), { mtime }],
      'word/_rels/document.xml.rels': [strToU8(documentRelsXml), { mtime }],
      'word/styles.xml': [strToU8(stylesXml(document.language)), { mtime }],
      'word/document.xml': [strToU8(documentXml(document.blocks)), { mtime }],
    },
    { level: 6 },
  );
}
