const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Entity ids are uuids; a malformed id from a client is refused or not found, never sent to SQL as a uuid. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
