import nodeAssert from 'node:assert/strict';
import { isAnyRealmError } from '../any-realm-error.ts';

/**
 * node:assert/strict for tests, with deepEqual and its kin comparing across realms. jest runs each test
 * file in a vm context of its own, while values that Node itself builds (fetch's `response.json()`,
 * `fs.readdirSync` and every array derived from them) carry Node's Object and Array prototypes; a
 * deepStrictEqual, which compares prototypes, would call two equal-looking values different. Plain
 * objects and arrays are therefore re-made in the test's realm before comparing; every other value
 * (Date, Map, Buffer, a class instance) is compared as it is, so nothing else gets looser.
 */
function inTestRealm(value: unknown, copies = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const known = copies.get(value);
  if (known !== undefined) return known;
  let copy: Record<PropertyKey, unknown>;
  if (Array.isArray(value)) {
    const array: unknown[] = [];
    array.length = value.length;
    copy = array as unknown as Record<PropertyKey, unknown>;
  } else if (isPlainObject(value)) {
    copy = Object.getPrototypeOf(value) === null ? (Object.create(null) as Record<PropertyKey, unknown>) : {};
  } else {
    return value;
  }
  copies.set(value, copy);
  const source = value as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(source)) {
    if (Object.prototype.propertyIsEnumerable.call(source, key)) copy[key] = inTestRealm(source[key], copies);
  }
  return copy;
}

/** An object literal of any realm: its prototype is null or some realm's Object.prototype. */
function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null) return true;
  if (typeof prototype !== 'object' || Object.getPrototypeOf(prototype) !== null) return false;
  const constructor: unknown = Object.getOwnPropertyDescriptor(prototype, 'constructor')?.value;
  return typeof constructor === 'function' && constructor.name === 'Object';
}

function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  reportedAtCaller(deepEqual, () => nodeAssert.deepStrictEqual(inTestRealm(actual), inTestRealm(expected), message));
}

function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  reportedAtCaller(notDeepEqual, () => nodeAssert.notDeepStrictEqual(inTestRealm(actual), inTestRealm(expected), message));
}

/** A failure's stack starts at the test's line, not in this module, so jest shows the test's code frame. */
function reportedAtCaller(wrapper: (...args: never[]) => void, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (isAnyRealmError(error)) Error.captureStackTrace(error, wrapper);
    throw error;
  }
}

const assert: typeof nodeAssert = Object.assign(
  function assert(value: unknown, message?: string | Error): asserts value {
    nodeAssert.ok(value, message);
  },
  nodeAssert,
  { deepEqual, deepStrictEqual: deepEqual, notDeepEqual, notDeepStrictEqual: notDeepEqual },
);

export default assert;
