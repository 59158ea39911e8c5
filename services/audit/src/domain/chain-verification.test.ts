import { describe, it } from '@jest/globals';
import assert from '@bakylau/platform/testkit/assert';
import { auditEntryHash, genesisHash } from './audit-hash.ts';
import { createChainVerifier, type StoredChainEntry } from './chain-verification.ts';

function buildChain(length: number): StoredChainEntry[] {
  const chain: StoredChainEntry[] = [];
  let prevHash = genesisHash;
  for (let sequence = 1; sequence <= length; sequence += 1) {
    const fields = {
      sequence,
      eventId: `e-${sequence}`,
      type: 'kz.bakylau.appeal.assigned.v1',
      source: '/bakylau/appeals',
      entityType: 'Appeal',
      entityId: 'a-1',
      actor: { subject: 'u', role: 'registrar' },
      occurredAt: new Date(Date.UTC(2025, 5, 12, 5, sequence)),
      summary: { sequence },
      prevHash,
    };
    const hash = auditEntryHash(fields);
    chain.push({ ...fields, id: `id-${sequence}`, hash });
    prevHash = hash;
  }
  return chain;
}

function firstBreak(entries: StoredChainEntry[], predecessor: { sequence: number; hash: string } | null = null) {
  const verifier = createChainVerifier(predecessor);
  for (const entry of entries) {
    const reason = verifier.check(entry);
    if (reason) return { at: entry.sequence, reason, checked: verifier.checked() };
  }
  return null;
}

describe('chain verification', () => {
  it('finds an untouched chain intact', () => {
    assert.equal(firstBreak(buildChain(5)), null);
  });

  it('verifies a window in the middle against its predecessor', () => {
    const chain = buildChain(5);
    assert.equal(firstBreak(chain.slice(2), { sequence: 2, hash: chain[1]!.hash }), null);
  });

  it('stops at an entry whose stored summary was altered', () => {
    const chain = buildChain(5);
    chain[2] = { ...chain[2]!, summary: { sequence: 99 } };
    assert.deepEqual(firstBreak(chain), { at: 3, reason: 'HASH_MISMATCH', checked: 3 });
  });

  it('detects a rehashed entry through the next entry’s link', () => {
    const chain = buildChain(5);
    const forged = { ...chain[2]!, summary: { sequence: 99 } };
    chain[2] = { ...forged, hash: auditEntryHash(forged) };
    assert.deepEqual(firstBreak(chain), { at: 4, reason: 'PREV_HASH_MISMATCH', checked: 4 });
  });

  it('detects a deleted entry as a gap', () => {
    const chain = buildChain(5);
    chain.splice(1, 1);
    assert.equal(firstBreak(chain)?.reason, 'SEQUENCE_GAP');
  });
});
