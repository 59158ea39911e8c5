/**
 * Whether `value` is an Error of any realm: `Error.isError` (ES2026, in Node 24; not yet in the es2024 lib
 * this project compiles against). `instanceof Error` misses errors of another realm, e.g. Node's own socket
 * and fetch errors seen from a test's vm context.
 */
export function isAnyRealmError(value: unknown): value is Error {
  return (Error as ErrorConstructor & { isError(candidate: unknown): candidate is Error }).isError(value);
}
