import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { ConfigError } from '@bakylau/platform/config';
import { loadAppealsConfig } from './config.ts';

describe('appeals configuration', () => {
  it('refuses production without a key for download links, and a short key anywhere', () => {
    assert.throws(
      () => loadAppealsConfig({ NODE_ENV: 'production' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('DOCUMENT_LINK_SECRET'),
    );
    assert.throws(
      () => loadAppealsConfig({ DOCUMENT_LINK_SECRET: 'short' }),
      (error: unknown) => error instanceof ConfigError && error.message.includes('at least 32'),
    );
  });

  it('signs with the given key and points links at the public base without a trailing slash', () => {
    const config = loadAppealsConfig({ NODE_ENV: 'production', DOCUMENT_LINK_SECRET: 'k'.repeat(40), PUBLIC_BASE_URL: 'https://bakylau.example.kz/' });
    assert.equal(config.documentLinks.secret, 'k'.repeat(40));
    assert.equal(config.documentLinks.publicBaseUrl, 'https://bakylau.example.kz');
    assert.equal(config.documentLinks.ttlMinutes, 60);
  });

  it('uses a fixed development key outside production, so links survive a restart', () => {
    assert.equal(loadAppealsConfig({}).documentLinks.secret, loadAppealsConfig({}).documentLinks.secret);
    assert.ok(loadAppealsConfig({}).documentLinks.secret.length >= 32);
  });
});
