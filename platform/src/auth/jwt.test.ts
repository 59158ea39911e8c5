import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { withCheckDigit } from '../identity/check-digit.ts';
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { DomainError } from '../errors.ts';
import { loadOrCreateDevKeyPair, mintToken, type MintTokenOptions } from './dev-keys.ts';
import { createTokenVerifier } from './jwt.ts';

const issuer = 'bakylau-test';
const audience = 'bakylau';
const dir = mkdtempSync(join(tmpdir(), 'bakylau-jwt-'));
const keys = loadOrCreateDevKeyPair(dir);
const verifier = createTokenVerifier({ issuer, audience, publicKeyPem: keys.publicKeyPem });

function tokenFor(overrides: Partial<MintTokenOptions> = {}): Promise<string> {
  return mintToken({
    privateKeyPem: keys.privateKeyPem,
    issuer,
    audience,
    subject: 'user-1',
    role: 'registrar',
    organizationId: 'org-1',
    name: 'Aigerim',
    expiresIn: 300,
    ...overrides,
  });
}

async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    return error.code;
  }
  assert.fail('expected a rejection');
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dev key pair', () => {
  it('is generated once and then reused', () => {
    const again = loadOrCreateDevKeyPair(dir);
    assert.equal(again.privateKeyPem, keys.privateKeyPem);
    assert.equal(readFileSync(join(dir, 'public.pem'), 'utf8'), keys.publicKeyPem);
    assert.equal(statSync(join(dir, 'private.pem')).mode & 0o077, 0, 'private key readable by owner only');
  });
});

describe('createTokenVerifier (local public key)', () => {
  it('returns null without an Authorization header', async () => {
    assert.equal(await verifier.verify(undefined), null);
    assert.equal(await verifier.verify(''), null);
  });

  it('turns a valid token into a principal', async () => {
    const principal = await verifier.verify(`Bearer ${await tokenFor()}`);
    assert.deepEqual(principal, { subject: 'user-1', role: 'registrar', organizationId: 'org-1', name: 'Aigerim' });
  });

  it('carries a staff position and a citizen IIN, and refuses an IIN that fails its check digit', async () => {
    const staff = await verifier.verify(`Bearer ${await tokenFor({ position: 'Главный специалист' })}`);
    assert.equal(staff?.position, 'Главный специалист');
    const citizen = await verifier.verify(`Bearer ${await tokenFor({ role: 'citizen', organizationId: null, iin: '900101300017' })}`);
    assert.equal(citizen?.iin, '900101300017');
    const forged = await tokenFor({ role: 'citizen', organizationId: null, iin: '900101300018' });
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${forged}`)), 'UNAUTHENTICATED');
  });

  it("carries the BIN of a legal entity's representative, and refuses one that fails its check digit", async () => {
    const bin = withCheckDigit('18034002179') ?? '';
    const representative = await verifier.verify(`Bearer ${await tokenFor({ role: 'citizen', organizationId: null, iin: '900101300017', bin })}`);
    assert.equal(representative?.bin, bin);
    const wrong = `${bin.slice(0, 11)}${(Number(bin[11]) + 1) % 10}`;
    const forged = await tokenFor({ role: 'citizen', organizationId: null, bin: wrong });
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${forged}`)), 'UNAUTHENTICATED');
  });

  it('maps a missing org claim to a null organization', async () => {
    const principal = await verifier.verify(`bearer ${await tokenFor({ role: 'citizen', organizationId: null })}`);
    assert.equal(principal?.organizationId, null);
    assert.equal(principal?.role, 'citizen');
  });

  it('refuses an expired token', async () => {
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${await tokenFor({ expiresIn: -60 })}`)), 'UNAUTHENTICATED');
  });

  it('refuses a token from another issuer or for another audience', async () => {
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${await tokenFor({ issuer: 'evil' })}`)), 'UNAUTHENTICATED');
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${await tokenFor({ audience: 'other' })}`)), 'UNAUTHENTICATED');
  });

  it('refuses a token signed with another key', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const token = await mintToken({
      privateKeyPem: other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      issuer,
      audience,
      subject: 'user-1',
      role: 'admin',
      organizationId: null,
      expiresIn: 300,
    });
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${token}`)), 'UNAUTHENTICATED');
  });

  it('refuses a tampered payload', async () => {
    const [header, , signature] = (await tokenFor()).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'user-1', role: 'admin', iss: issuer, aud: audience, exp: 9e9 })).toString('base64url');
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${header}.${forged}.${signature}`)), 'UNAUTHENTICATED');
  });

  it('refuses an unknown role', async () => {
    const token = await new SignJWT({ role: 'superuser' })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('user-1')
      .setExpirationTime('5m')
      .sign(createPrivateKey(keys.privateKeyPem));
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${token}`)), 'UNAUTHENTICATED');
  });

  it('refuses an executor without an organization', async () => {
    const token = await tokenFor({ role: 'executor', organizationId: null });
    assert.equal(await rejectionCode(verifier.verify(`Bearer ${token}`)), 'UNAUTHENTICATED');
  });

  it('refuses garbage and other schemes', async () => {
    assert.equal(await rejectionCode(verifier.verify('Bearer not-a-jwt')), 'UNAUTHENTICATED');
    assert.equal(await rejectionCode(verifier.verify('Basic dXNlcjpwYXNz')), 'UNAUTHENTICATED');
  });

  it('refuses to start without a key source or with a non-P-256 key', () => {
    assert.throws(() => createTokenVerifier({ issuer, audience }));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    assert.throws(() => createTokenVerifier({ issuer, audience, publicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() }), /P-256/);
  });
});

describe('createTokenVerifier (JWKS)', () => {
  let server: Server;
  let jwksUrl: string;
  beforeAll(async () => {
    const jwk = await exportJWK(createPublicKey(keys.publicKeyPem));
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...jwk, alg: 'ES256', use: 'sig', kid: 'dev' }] }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('verifies against keys fetched from the JWKS endpoint', async () => {
    const remote = createTokenVerifier({ issuer, audience, jwksUrl });
    const principal = await remote.verify(`Bearer ${await tokenFor()}`);
    assert.equal(principal?.subject, 'user-1');
  });

  it('reports an unreachable JWKS endpoint as SERVICE_UNAVAILABLE, not as a bad token', async () => {
    const remote = createTokenVerifier({ issuer, audience, jwksUrl: 'http://127.0.0.1:1/jwks.json' });
    assert.equal(await rejectionCode(remote.verify(`Bearer ${await tokenFor()}`)), 'SERVICE_UNAVAILABLE');
  });
});
