import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { z } from 'zod';

/**
 * The gateway's proof: a shared secret the gateway sends on every subgraph call, so a subgraph
 * serves only the gateway even when a wrong HOST, a port-forward or a flat network lets another
 * caller reach it (the caller's JWT says who the caller is, not that the gateway's limits and
 * planning stood in between).
 *
 * A shared secret rather than mTLS: there is no PKI to run (a CA, issuing and renewing a
 * certificate per process), it survives any proxy or service mesh between gateway and subgraph
 * (TLS terminated on the way loses a client certificate, a header passes), and rotation is a key
 * list: every listed key is accepted and the first is sent, so a new key goes in second on the
 * subgraphs, then first on the gateway, and the old one leaves last.
 */
export const gatewayProofHeader = 'x-bakylau-gateway-proof';

/** Shorter keys are guessable; 32 characters of `openssl rand -hex 32`'s 64 is the floor. */
export const gatewayProofMinLength = 32;

/** GATEWAY_PROOF_KEYS: `key1,key2`, each at least 32 characters, no blanks; the first is the one the gateway sends. */
export const gatewayProofKeysSchema = z.string().transform((value, ctx): readonly string[] => {
  const keys = value.split(',').map((entry) => entry.trim());
  for (const [i, key] of keys.entries()) {
    const problem =
      key.length < gatewayProofMinLength ? `must be at least ${gatewayProofMinLength} characters` : /\s/.test(key) ? 'must not contain blanks' : null;
    if (problem) {
      // The message names the entry, never its value: config errors are printed.
      ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ${problem} (format key1,key2)` });
      return z.NEVER;
    }
  }
  return keys;
});

export type GatewayProof = {
  /** The header the gateway adds to each subgraph call. */
  headers(): Record<typeof gatewayProofHeader, string>;
  /** Whether a request's headers carry one of the accepted keys. */
  admits(headers: IncomingHttpHeaders): boolean;
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The proof over a key list (parsed by gatewayProofKeysSchema). Values are compared as sha256
 * digests with timingSafeEqual: equal lengths whatever was sent, and no timing that tells how
 * much of a guess was right.
 */
export function createGatewayProof(keys: readonly string[]): GatewayProof {
  const [sent] = keys;
  if (sent === undefined || keys.some((key) => key.length < gatewayProofMinLength)) {
    throw new Error(`A gateway proof needs at least one key of ${gatewayProofMinLength} characters or more`);
  }
  const accepted = keys.map(digest);
  return {
    headers: () => ({ [gatewayProofHeader]: sent }),
    admits(headers) {
      const presented = headers[gatewayProofHeader];
      // A repeated header arrives as one joined string, which matches no key.
      if (typeof presented !== 'string' || presented === '') return false;
      const candidate = digest(presented);
      // Every key is compared, so the answer takes as long whichever key (if any) matches.
      return accepted.reduce((match, key) => timingSafeEqual(candidate, key) || match, false);
    },
  };
}

/** The proof of a process's configuration, or null when GATEWAY_PROOF_KEYS is unset (development and tests only; config requires it in production). */
export function gatewayProofOf(config: { GATEWAY_PROOF_KEYS?: readonly string[] | undefined }): GatewayProof | null {
  return config.GATEWAY_PROOF_KEYS ? createGatewayProof(config.GATEWAY_PROOF_KEYS) : null;
}
