import { createHmac, timingSafeEqual } from 'node:crypto';
import { forbidden } from '../errors.ts';

/**
 * Download links that work without an Authorization header (a browser following a URL, a
 * printer's spooler): the graph, which has checked the caller, returns the path with an expiry
 * and an HMAC over both; the download endpoint checks the HMAC and the time instead of a token.
 */
function signatureOf(path: string, expires: number, secret: string): Buffer {
  return createHmac('sha256', secret).update(`${path}\n${expires}`).digest();
}

/** `path?expires=…&signature=…`, valid until `expiresAt`. */
export function signLink(path: string, secret: string, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${path}?expires=${expires}&signature=${signatureOf(path, expires, secret).toString('base64url')}`;
}

/** Throws FORBIDDEN unless `query` carries a valid, unexpired signature of `path`. */
export function verifySignedLink(path: string, query: URLSearchParams, secret: string, now: Date): void {
  const expires = Number(query.get('expires'));
  const given = Buffer.from(query.get('signature') ?? '', 'base64url');
  const expected = signatureOf(path, expires, secret);
  if (!Number.isSafeInteger(expires) || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forbidden('The link is not valid');
  }
  if (expires * 1000 < now.getTime()) throw forbidden('The link has expired; ask for a new one');
}
