import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import type { Role } from './principal.ts';

/**
 * Local development signs its own tokens (ARCHITECTURE.md, "Security"): one ES256 key pair per
 * checkout, kept out of git under .data/. Production never uses this; it reads a JWKS URL.
 */
export const devKeyDirectory = resolve(import.meta.dirname, '../../..', '.data', 'dev-jwt');
export const devIssuer = 'bakylau-dev';
export const devAudience = 'bakylau';

export type DevKeyPair = { privateKeyPem: string; publicKeyPem: string };

/**
 * Returns the key pair stored in `dir` (private.pem, public.pem), generating it on first use.
 * Safe when several processes start at once: the private key is published with an atomic
 * hard link, the loser of the race reads the winner's key, and the public key is always
 * derived from the private one, so the pair can never mismatch.
 */
export function loadOrCreateDevKeyPair(dir: string = devKeyDirectory): DevKeyPair {
  const privatePath = join(dir, 'private.pem');
  const publicPath = join(dir, 'public.pem');
  let privateKeyPem = readIfExists(privatePath);
  if (privateKeyPem === null) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const temporary = join(dir, `.private.${process.pid}.${Date.now()}.pem`);
    writeFileSync(temporary, pem, { mode: 0o600 });
    try {
      linkSync(temporary, privatePath);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temporary, { force: true });
    }
    privateKeyPem = readFileSync(privatePath, 'utf8');
  }
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  if (readIfExists(publicPath) !== publicKeyPem) writeFileSync(publicPath, publicKeyPem, { mode: 0o644 });
  return { privateKeyPem, publicKeyPem };
}

export type MintTokenOptions = {
  privateKeyPem: string;
  issuer: string;
  audience: string;
  subject: string;
  role: Role;
  organizationId: string | null;
  name?: string;
  /** The staff member's position (claim `position`). */
  position?: string;
  /** The citizen's IIN (claim `iin`). */
  iin?: string;
  /** The BIN of the legal entity the caller represents (claim `bin`). */
  bin?: string;
  /** Seconds from now (may be negative, for tests of expiry) or a jose time span such as '8h'. */
  expiresIn: number | string;
};

/** Signs an ES256 access token with the claims the verifiers read: sub, role, org, name, position, iin, bin. */
export async function mintToken(options: MintTokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({
    role: options.role,
    ...(options.organizationId ? { org: options.organizationId } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.position ? { position: options.position } : {}),
    ...(options.iin ? { iin: options.iin } : {}),
    ...(options.bin ? { bin: options.bin } : {}),
  })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT' })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(options.subject)
    .setIssuedAt(now)
    .setExpirationTime(typeof options.expiresIn === 'number' ? now + options.expiresIn : options.expiresIn);
  return jwt.sign(createPrivateKey(options.privateKeyPem));
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
