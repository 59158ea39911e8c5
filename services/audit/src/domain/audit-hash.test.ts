import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { auditEntryHash, genesisHash, type HashedAuditFields } from './audit-hash.ts';
import { canonicalJson } from './canonical-json.ts';

const fields: HashedAuditFields = {
  sequence: 1,
  eventId: 'e-1',
  type: 'kz.bakylau.appeal.registered.v1',
  source: '/bakylau/appeals',
  entityType: 'Appeal',
  entityId: 'a-1',
  actor: { subject: 'u-1', role: 'registrar' },
  occurredAt: new Date('2025-06-12T05:00:00Z'),
  summary: { state: 'REGISTERED', appealId: 'a-1' },
  prevHash: genesisHash,
};

describe('canonical JSON', () => {
  it('sorts keys at every depth, so key order never changes the bytes', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } }), '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('audit entry hash', () => {
  it('is a SHA-256 hex digest independent of summary key order', () => {
    const hash = auditEntryHash(fields);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(auditEntryHash({ ...fields, summary: { appealId: 'a-1', state: 'REGISTERED' } }), hash);
  });

  it('changes when any covered field changes', () => {
    const hash = auditEntryHash(fields);
    assert.notEqual(auditEntryHash({ ...fields, summary: { state: 'CLOSED', appealId: 'a-1' } }), hash);
    assert.notEqual(auditEntryHash({ ...fields, sequence: 2 }), hash);
    assert.notEqual(auditEntryHash({ ...fields, prevHash: 'f'.repeat(64) }), hash);
    assert.notEqual(auditEntryHash({ ...fields, actor: null }), hash);
    assert.notEqual(auditEntryHash({ ...fields, occurredAt: new Date('2025-06-12T05:00:00.001Z') }), hash);
  });
});
