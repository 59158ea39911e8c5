import { auditEntryHash, genesisHash, type HashedAuditFields } from './audit-hash.ts';

export type StoredChainEntry = HashedAuditFields & { id: string; hash: string };

export type ChainBreakReason = 'HASH_MISMATCH' | 'PREV_HASH_MISMATCH' | 'SEQUENCE_GAP';

export type ChainVerifier = {
  /** Checks the next entry (in sequence order); returns why it is broken, or null. */
  check(entry: StoredChainEntry): ChainBreakReason | null;
  /** Entries checked so far, the broken one included. */
  checked(): number;
};

/**
 * Walks stored entries in sequence order: each hash must recompute from the stored fields, each
 * prevHash must equal the previous entry's hash, and positions must follow without gaps (a deleted
 * row shows as a gap). `predecessor` is the stored hash and sequence of the entry just before the
 * first one checked, or null when the walk starts at the beginning of the chain.
 */
export function createChainVerifier(predecessor: { sequence: number; hash: string } | null): ChainVerifier {
  let previousHash = predecessor?.hash ?? genesisHash;
  let previousSequence: number | null = predecessor?.sequence ?? null;
  let count = 0;
  return {
    check(entry) {
      count += 1;
      const expectedSequence = previousSequence === null ? null : previousSequence + 1;
      let reason: ChainBreakReason | null = null;
      if (auditEntryHash(entry) !== entry.hash) reason = 'HASH_MISMATCH';
      else if (expectedSequence !== null ? entry.sequence !== expectedSequence : predecessor === null && entry.sequence !== 1) reason = 'SEQUENCE_GAP';
      else if (entry.prevHash !== previousHash) reason = 'PREV_HASH_MISMATCH';
      previousHash = entry.hash;
      previousSequence = entry.sequence;
      return reason;
    },
    checked: () => count,
  };
}
