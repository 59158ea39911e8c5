/**
 * `Content-Disposition: attachment` for a download whose name may hold non-ASCII letters
 * (RFC 6266): `filename` carries an ASCII fallback for old clients, `filename*` the real name
 * in UTF-8 percent-encoding (RFC 8187), which every current browser prefers.
 */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  // encodeURIComponent leaves ' ( ) * ! unescaped; RFC 8187's attr-char does not admit ' ( ) *.
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
