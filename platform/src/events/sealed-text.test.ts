import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, sealingKeyringOf, subgraphEnvSchema } from '../config.ts';
import { developmentSealingKeyring, isSealedText, openSealedText, parseSealingKeys, sealText, SealedTextError, type SealedText } from './sealed-text.ts';

const key = () => randomBytes(32).toString('base64');
const summary = 'Прошу отремонтировать крышу дома. Үйдің шатырын жөндеуді сұраймын, Талдықорған қаласы.';

/** Flips one bit of a base64url field. */
function flipped(value: string): string {
  const bytes = Buffer.from(value, 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64url');
}

describe('sealed text', () => {
  it('seals and opens Cyrillic and Kazakh text; the sealed form holds none of it', () => {
    const sealed = sealText(summary, developmentSealingKeyring);
    assert.equal(sealed.alg, 'A256GCM');
    assert.equal(sealed.kid, developmentSealingKeyring.sealingKid);
    assert.ok(isSealedText(sealed));
    const serialized = JSON.stringify(sealed);
    for (const word of ['крышу', 'шатырын', 'Талдықорған']) {
      assert.ok(!serialized.includes(word));
      assert.ok(!serialized.includes(Buffer.from(word).toString('base64url')));
    }
    assert.equal(openSealedText(sealed, developmentSealingKeyring), summary);
    // A fresh nonce each time: the same text never seals the same way twice.
    assert.notEqual(sealText(summary, developmentSealingKeyring).data, sealed.data);
  });

  it('refuses tampered text, a swapped key id and a swapped algorithm with a clear error', () => {
    const sealed = sealText(summary, developmentSealingKeyring);
    const failsAuthentication = (error: unknown) =>
      error instanceof SealedTextError && /failed authentication/.test(error.message) && !error.message.includes('крышу');
    assert.throws(() => openSealedText({ ...sealed, data: flipped(sealed.data) }, developmentSealingKeyring), failsAuthentication);
    assert.throws(() => openSealedText({ ...sealed, iv: flipped(sealed.iv) }, developmentSealingKeyring), failsAuthentication);
    // The key id is authenticated: the same key under another id does not open it.
    const sameKeyOtherId = parseSealingKeys(`other:${developmentSealingKeyring.keys.get(developmentSealingKeyring.sealingKid)!.toString('base64')}`);
    assert.throws(() => openSealedText({ ...sealed, kid: 'other' }, sameKeyOtherId), failsAuthentication);
    assert.throws(() => openSealedText({ ...sealed, alg: 'A128GCM' } as unknown as SealedText, developmentSealingKeyring), /Not sealed text/);
  });

  it('refuses text sealed under a key id the keyring does not hold, naming the variable to fix', () => {
    const foreign = parseSealingKeys(`agency-1:${key()}`);
    assert.throws(
      () => openSealedText(sealText(summary, foreign), developmentSealingKeyring),
      (error: unknown) => error instanceof SealedTextError && /unknown key id "agency-1"/.test(error.message) && /EVENT_SEALING_KEYS/.test(error.message),
    );
  });

  it('rotates keys: the first key seals, an older key still opens what it sealed', () => {
    const oldKey = key();
    const before = parseSealingKeys(`2026-01:${oldKey}`);
    const sealedBefore = sealText('Старый текст', before);
    const after = parseSealingKeys(`2026-07:${key()},2026-01:${oldKey}`);
    const sealedAfter = sealText('Новый текст', after);
    assert.equal(sealedAfter.kid, '2026-07');
    assert.equal(openSealedText(sealedBefore, after), 'Старый текст');
    assert.equal(openSealedText(sealedAfter, after), 'Новый текст');
    // A service still on the old keyring cannot open the new key's text: roll keys out before sealing with them.
    assert.throws(() => openSealedText(sealedAfter, before), SealedTextError);
  });

  it('parses EVENT_SEALING_KEYS strictly: 32-byte keys, named, each id once', () => {
    assert.equal(parseSealingKeys(`a:${key()}, b:${randomBytes(32).toString('base64url')}`).keys.size, 2);
    assert.throws(() => parseSealingKeys(`a:${randomBytes(16).toString('base64')}`), /key "a" must be 32 bytes/);
    assert.throws(() => parseSealingKeys(key()), /must name a key id/);
    assert.throws(() => parseSealingKeys(`a:${key()},a:${key()}`), /appears twice/);
    assert.throws(() => parseSealingKeys(''), /must name a key id/);
  });
});

describe('EVENT_SEALING_KEYS in the service config', () => {
  const base = { PORT: '4001', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/appeals', KAFKA_BROKERS: '127.0.0.1:9092' };

  it('is required in production', () => {
    assert.throws(
      () => loadConfig(subgraphEnvSchema, { ...base, NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example.kz/jwks' }),
      (error: unknown) => error instanceof ConfigError && error.variables.includes('EVENT_SEALING_KEYS'),
    );
    const keys = `prod-1:${key()}`;
    const config = loadConfig(subgraphEnvSchema, { ...base, NODE_ENV: 'production', EVENT_SEALING_KEYS: keys, GATEWAY_PROOF_KEYS: 'p'.repeat(32) });
    assert.equal(sealingKeyringOf(config).sealingKid, 'prod-1');
  });

  it('falls back to the development keyring outside production and names a malformed value', () => {
    assert.equal(sealingKeyringOf(loadConfig(subgraphEnvSchema, base)), developmentSealingKeyring);
    assert.throws(
      () => loadConfig(subgraphEnvSchema, { ...base, EVENT_SEALING_KEYS: 'k:short' }),
      (error: unknown) => error instanceof ConfigError && error.variables.includes('EVENT_SEALING_KEYS') && /32 bytes/.test(error.message),
    );
  });
});
