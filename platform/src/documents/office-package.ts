/**
 * What every Office Open XML package (.docx, .xlsx) shares: XML text escaping both ways, the
 * content-types part, the package relationships and the core properties (title, author, date).
 */
export const xmlHead = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// XML 1.0 admits no control characters other than tab and line breaks.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's purpose
const forbiddenXmlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(forbiddenXmlChars, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return named[entity.toLowerCase()] ?? '';
  });
}

/** `[Content_Types].xml`: the package's parts (path → content type) besides the defaults for .rels and .xml. */
export function contentTypesXml(parts: Readonly<Record<string, string>>): string {
  const overrides = Object.entries(parts).map(([path, type]) => `<Override PartName="${path}" ContentType="${type}"/>`);
  return (
    `${xmlHead}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    `${overrides.join('')}<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`
  );
}

/** `_rels/.rels`: the main part (`word/document.xml`, `xl/workbook.xml`) and the core properties. */
export function packageRelsXml(mainPart: string): string {
  return (
    `${xmlHead}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${mainPart}"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
  );
}

/** `docProps/core.xml`: title, author, creation time and, when given, the language. */
export function coreXml(properties: { title: string; author: string; created: Date; language?: string }): string {
  const created = properties.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const language = properties.language ? `<dc:language>${escapeXml(properties.language)}</dc:language>` : '';
  return (
    `${xmlHead}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
    `<dc:title>${escapeXml(properties.title)}</dc:title><dc:creator>${escapeXml(properties.author)}</dc:creator>${language}` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created></cp:coreProperties>`
  );
}
