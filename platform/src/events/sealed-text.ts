import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Free text that services hand to each other through public topics (what an official wrote up
 * from a citizen's words) travels sealed: AES-256-GCM under a key the services share
 * (EVENT_SEALING_KEYS), so agencies subscribed to the topics see only ciphertext. The key id
 * and the algorithm are bound as additional authenticated data, so neither can be swapped.
 */
export type SealedText = { alg: 'A256GCM'; kid: string; iv: string; data: string };

/** The keys that open sealed text, by key id; `sealingKid` names the one that seals (rotation: older keys still open). */
export type SealingKeyring = { sealingKid: string; keys: ReadonlyMap<string, Buffer> };

export class SealedTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedTextError';
  }
}

const alg = 'A256GCM';
const ivBytes = 12;
const tagBytes = 16;
const kidPattern = /^[A-Za-z0-9._-]{1,64}$/;
const base64Pattern = /^[A-Za-z0-9+/_-]+={0,2}$/;

const additionalData = (kid: string): Buffer => Buffer.from(`${alg}.${kid}`, 'utf8');

/**
 * EVENT_SEALING_KEYS: `kid1:base64key,kid2:base64key`, each key 32 bytes (base64 or base64url).
 * The first key seals; all of them open, so a new key goes first and the old ones stay until
 * their events have aged out of every consumer's reach.
 */
export const sealingKeysSchema = z.string().transform((value, ctx): SealingKeyring => {
  const keys = new Map<string, Buffer>();
  const entries = value.split(',').map((entry) => entry.trim());
  for (const [i, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    const kid = colon > 0 ? entry.slice(0, colon) : '';
    const encoded = colon > 0 ? entry.slice(colon + 1) : '';
    const problem = !kidPattern.test(kid)
      ? 'must name a key id of letters, digits, ".", "_" or "-" before ":"'
      : !base64Pattern.test(encoded) || Buffer.from(encoded, 'base64').length !== 32
        ? `key "${kid}" must be 32 bytes in base64`
        : keys.has(kid)
          ? `key id "${kid}" appears twice`
          : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ${problem} (format kid1:base64key,kid2:base64key)` });
      return z.NEVER;
    }
    keys.set(kid, Buffer.from(encoded, 'base64'));
  }
  return { sealingKid: [...keys.keys()][0] as string, keys };
});

export function parseSealingKeys(value: string): SealingKeyring {
  const result = sealingKeysSchema.safeParse(value);
  if (!result.success) throw new SealedTextError(`Invalid event sealing keys: ${result.error.issues.map((i) => i.message).join('; ')}`);
  return result.data;
}

/**
 * The fixed keyring of development and tests (NODE_ENV other than production), published here on
 * purpose: every local service opens what another sealed, across restarts. Never used in production,
 * where EVENT_SEALING_KEYS is required.
 */
export const developmentSealingKeys = 'dev-1:YmFreWxhdS1kZXYtZXZlbnQtc2VhbGluZy1rZXktMDE=';
export const developmentSealingKeyring: SealingKeyring = parseSealingKeys(developmentSealingKeys);

export function sealText(plain: string, keyring: SealingKeyring): SealedText {
  const key = keyring.keys.get(keyring.sealingKid);
  if (!key) throw new SealedTextError(`The sealing key "${keyring.sealingKid}" is not in the keyring`);
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(additionalData(keyring.sealingKid));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { alg, kid: keyring.sealingKid, iv: iv.toString('base64url'), data: data.toString('base64url') };
}

/** True when `value` has the shape of sealed text (whether it opens is another matter). */
export function isSealedText(value: unknown): value is SealedText {
  if (!value || typeof value !== 'object') return false;
  const record = value as Record<string, unknown>;
  return record['alg'] === alg && ['kid', 'iv', 'data'].every((field) => typeof record[field] === 'string' && record[field] !== '');
}

/** The plain text of `sealed`; throws SealedTextError for an unknown key id or text that fails authentication (tampered, wrong key). */
export function openSealedText(sealed: SealedText, keyring: SealingKeyring): string {
  if (!isSealedText(sealed)) throw new SealedTextError(`Not sealed text (expected {alg: "${alg}", kid, iv, data})`);
  const key = keyring.keys.get(sealed.kid);
  if (!key) throw new SealedTextError(`Sealed text under unknown key id "${sealed.kid}": add that key to EVENT_SEALING_KEYS`);
  const iv = Buffer.from(sealed.iv, 'base64url');
  const data = Buffer.from(sealed.data, 'base64url');
  if (iv.length !== ivBytes || data.length < tagBytes) throw new SealedTextError(`Sealed text under key "${sealed.kid}" is malformed`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
    decipher.setAAD(additionalData(sealed.kid));
    decipher.setAuthTag(data.subarray(data.length - tagBytes));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - tagBytes)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedTextError(`Sealed text under key "${sealed.kid}" failed authentication: it was altered or sealed with another key`);
  }
}
