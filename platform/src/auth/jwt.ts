import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError, ErrorCode, serviceUnavailable, unauthenticated } from '../errors.ts';
import { loadOrCreateDevKeyPair } from './dev-keys.ts';
import { hasValidCheckDigit } from '../identity/check-digit.ts';
import { isRole, type Principal } from './principal.ts';

export type TokenVerifierOptions = {
  issuer: string;
  audience: string;
  /** Production: the identity provider's JWKS endpoint (keys are fetched and cached by jose). */
  jwksUrl?: string | undefined;
  /** Development and tests: the local ES256 public key, SPKI PEM. Used when no jwksUrl is given. */
  publicKeyPem?: string | undefined;
  /** Accepted signature algorithms; ES256 for the local key, ES256/RS256/PS256 for a JWKS by default. */
  algorithms?: string[];
  /** Allowed clock skew between us and the issuer. */
  clockToleranceSeconds?: number;
};

export type TokenVerifier = {
  /**
   * Resolves the caller from an `Authorization: Bearer <jwt>` header: null when the header is
   * absent (anonymous), a Principal when the token is valid. Throws DomainError UNAUTHENTICATED
   * when a token is present but malformed, expired, mis-signed, for another issuer or audience,
   * or carries an unknown role; SERVICE_UNAVAILABLE when the JWKS endpoint cannot be reached.
   */
  verify(authorizationHeader: string | undefined): Promise<Principal | null>;
};

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  let key: KeyObject | JWTVerifyGetKey;
  let algorithms: string[];
  if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
    algorithms = options.algorithms ?? ['ES256', 'RS256', 'PS256'];
  } else if (options.publicKeyPem) {
    // node:crypto parses synchronously, so a bad key fails at start-up, not on the first request.
    key = parseEs256PublicKey(options.publicKeyPem);
    algorithms = options.algorithms ?? ['ES256'];
  } else {
    throw new Error('createTokenVerifier needs jwksUrl (production) or publicKeyPem (development)');
  }
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms,
    clockTolerance: options.clockToleranceSeconds ?? 5,
    requiredClaims: ['sub', 'exp'],
  };

  return {
    async verify(authorizationHeader) {
      const header = authorizationHeader?.trim();
      if (!header) return null;
      const match = /^Bearer\s+([A-Za-z0-9_\-.]+)$/i.exec(header);
      if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <access token>"');
      let payload: JWTPayload;
      try {
        // jwtVerify has one overload per key kind; the branch keeps each call well typed.
        payload = typeof key === 'function' ? (await jwtVerify(match[1], key, verifyOptions)).payload : (await jwtVerify(match[1], key, verifyOptions)).payload;
      } catch (error) {
        throw toDomainError(error);
      }
      return principalFromClaims(payload);
    },
  };
}

/**
 * The verifier the gateway and every subgraph build from their JWT_* settings. Outside
 * production, with neither a JWKS URL nor a public key configured, it trusts this checkout's dev
 * key pair (.data/dev-jwt, the one `npm run token` signs with); production must configure one.
 */
export function createConfiguredTokenVerifier(options: TokenVerifierOptions & { production: boolean }): TokenVerifier {
  const { production, ...verifierOptions } = options;
  if (!verifierOptions.jwksUrl && !verifierOptions.publicKeyPem) {
    if (production) throw new Error('JWT_JWKS_URL or JWT_PUBLIC_KEY is required in production');
    verifierOptions.publicKeyPem = loadOrCreateDevKeyPair().publicKeyPem;
  }
  return createTokenVerifier(verifierOptions);
}

function parseEs256PublicKey(pem: string): KeyObject {
  // Environment variables often carry PEMs with literal "\n".
  const key = createPublicKey(pem.replace(/\\n/g, '\n'));
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('The JWT public key must be an EC P-256 (ES256) key in SPKI PEM form');
  }
  return key;
}

function principalFromClaims(payload: JWTPayload): Principal {
  const { sub, role, org, name, position, iin, bin } = payload;
  if (typeof sub !== 'string' || sub === '') throw unauthenticated('The access token has no subject');
  if (!isRole(role)) throw unauthenticated('The access token carries no known role');
  if (org !== undefined && org !== null && typeof org !== 'string') {
    throw unauthenticated('The access token has an invalid organization claim');
  }
  const organizationId = org ? org : null;
  if (role === 'executor' && organizationId === null) {
    throw unauthenticated('An executor token must name its organization (claim "org")');
  }
  // A malformed IIN is refused, not ignored: the identity provider is misconfigured, and a citizen
  // silently missing the appeals registered under their IIN would be worse than a clear 401.
  if (iin !== undefined && (typeof iin !== 'string' || !hasValidCheckDigit(iin))) {
    throw unauthenticated('The access token has an invalid IIN claim');
  }
  if (bin !== undefined && (typeof bin !== 'string' || !hasValidCheckDigit(bin))) {
    throw unauthenticated('The access token has an invalid BIN claim');
  }
  return {
    subject: sub,
    role,
    organizationId,
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    ...(typeof position === 'string' && position !== '' ? { position } : {}),
    ...(typeof iin === 'string' ? { iin } : {}),
    ...(typeof bin === 'string' ? { bin } : {}),
  };
}

/** Errors on our side (JWKS unreachable or broken) are not the caller's fault: 503, not 401. */
const infrastructureCodes = new Set(['ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

function toDomainError(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  if (!(error instanceof errors.JOSEError)) {
    return serviceUnavailable('The access token cannot be checked right now');
  }
  if (infrastructureCodes.has(error.code)) {
    return serviceUnavailable('The access token cannot be checked right now');
  }
  if (error instanceof errors.JWTExpired) return unauthenticated('The access token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(`The access token is not valid here (claim "${error.claim}")`);
  }
  return new DomainError(ErrorCode.UNAUTHENTICATED, 'The access token is invalid');
}
