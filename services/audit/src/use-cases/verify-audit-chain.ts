import { requireRole, type Principal } from '@bakylau/platform/auth/principal';
import type { EntityManager } from '@bakylau/platform/db/orm';
import { badUserInput } from '@bakylau/platform/errors';
import { auditEntriesRecordedBetween, auditEntryBySequence, toChainEntry } from '../db/audit-entry-store.ts';
import type { AuditEntry } from '../db/entities.ts';
import { createChainVerifier, type ChainBreakReason } from '../domain/chain-verification.ts';

export type AuditChainVerification = {
  intact: boolean;
  checked: number;
  firstBrokenEntry: AuditEntry | null;
  reason: ChainBreakReason | null;
};

const batchSize = 500;

/**
 * Re-derives the chain over the entries appended in [from, to]: the first entry is linked to its
 * stored predecessor (outside the window), every hash is recomputed from the stored fields.
 * Reads in batches so a long period never loads the whole trail at once.
 */
export async function verifyAuditChain(em: EntityManager, principal: Principal | null, from: Date, to: Date): Promise<AuditChainVerification> {
  requireRole(principal, 'controller', 'department_head', 'admin');
  if (from.getTime() > to.getTime()) throw badUserInput('from must not be after to', [{ field: 'from', message: 'after to' }]);

  let verifier: ReturnType<typeof createChainVerifier> | null = null;
  let afterSequence = 0;
  for (;;) {
    const batch = await auditEntriesRecordedBetween(em, from, to, afterSequence, batchSize);
    for (const entry of batch) {
      if (!verifier) {
        const predecessor = entry.sequence > 1 ? await auditEntryBySequence(em, entry.sequence - 1) : null;
        verifier = createChainVerifier(predecessor ? { sequence: predecessor.sequence, hash: predecessor.hash } : null);
      }
      const reason = verifier.check(toChainEntry(entry));
      if (reason) return { intact: false, checked: verifier.checked(), firstBrokenEntry: entry, reason };
      afterSequence = entry.sequence;
    }
    if (batch.length < batchSize) break;
  }
  return { intact: true, checked: verifier?.checked() ?? 0, firstBrokenEntry: null, reason: null };
}
