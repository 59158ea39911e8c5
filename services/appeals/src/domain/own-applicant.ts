import type { Principal } from '@bakylau/platform/auth/principal';
import { badUserInput, forbidden } from '@bakylau/platform/errors';
import type { ApplicantType } from './appeal-kinds.ts';

type Identity = { type: ApplicantType; iin?: string | null; bin?: string | null };

/**
 * Who a citizen may file an appeal as (R5.1, АППК art. 63): themselves, identified by the IIN their
 * token carries, or the legal entity whose BIN their token carries as its representative's. The token
 * is the proof; the input cannot name anyone else, so nobody files in another person's name (and
 * then reads its answer). Returns the identity with the token's number filled in.
 */
export function ownApplicantIdentity<T extends Identity>(principal: Pick<Principal, 'iin' | 'bin'>, applicant: T): T {
  if (applicant.type === 'INDIVIDUAL' || applicant.type === 'COLLECTIVE') {
    if (!principal.iin) throw forbidden('Your account carries no verified IIN: an appeal in your own name needs it');
    if (applicant.iin && applicant.iin !== principal.iin) {
      throw badUserInput('An appeal filed from your account carries your own IIN', [{ field: 'applicant.iin', message: 'must be the IIN of your account' }]);
    }
    if (applicant.bin) throw badUserInput('An individual has no BIN', [{ field: 'applicant.bin', message: 'only for a legal entity' }]);
    return { ...applicant, iin: principal.iin };
  }
  if (applicant.type === 'LEGAL_ENTITY') {
    if (!principal.bin) throw forbidden('Your account does not represent a legal entity (no BIN): file in your own name');
    if (applicant.bin && applicant.bin !== principal.bin) {
      throw badUserInput('An appeal filed for a legal entity carries the BIN your account represents', [
        { field: 'applicant.bin', message: 'must be the BIN your account represents' },
      ]);
    }
    if (applicant.iin) throw badUserInput('A legal entity has a BIN, not an IIN', [{ field: 'applicant.iin', message: 'only for an individual' }]);
    return { ...applicant, bin: principal.bin };
  }
  throw badUserInput('A citizen files appeals in their own name, for a collective, or for the legal entity they represent', [
    { field: 'applicant.type', message: 'must be INDIVIDUAL, COLLECTIVE or LEGAL_ENTITY' },
  ]);
}
